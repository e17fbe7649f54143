package io.zdcd.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Makes the server ask one role for its password. The embedded server trusts local connections, so a wrong password
 * would log in; with this, the server refuses it with its own error (as a real server does), and a right one travels
 * to the server. Lines for the role go first in {@code pg_hba.conf} ({@code scram-sha-256} over TCP); {@link #close()}
 * puts the file back. Needs a server on this machine (the embedded one).
 */
public final class PasswordLogin implements AutoCloseable {
    private final TestDatabase db;
    private final Path hba;
    private final String before;

    private PasswordLogin(TestDatabase db, Path hba, String before) {
        this.db = db;
        this.hba = hba;
        this.before = before;
    }

    /** From now on {@code role} (which must exist and may log in to {@code database}) logs in with its password. */
    public static PasswordLogin require(TestDatabase db, String role, String database) {
        Path hba = Path.of(String.valueOf(db.queryValue("SHOW hba_file")));
        try {
            String before = Files.readString(hba);
            Files.writeString(hba, "host all " + role + " 127.0.0.1/32 scram-sha-256\nhost all " + role
                    + " ::1/128 scram-sha-256\n" + before);
            db.execute("SELECT pg_reload_conf()");
            // pg_reload_conf() only signals the server: try (a bounded number of times) until a wrong password fails
            for (int i = 0; i < 500; i++) {
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port()
                        + "/" + database, role, "not-the-password-" + i)) {
                    Thread.onSpinWait();
                } catch (SQLException e) {
                    return new PasswordLogin(db, hba, before);
                }
            }
            Files.writeString(hba, before);
            throw new IllegalStateException("the server still trusts " + role + " after pg_reload_conf()");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot change " + hba + " (is the server on this machine?)", e);
        }
    }

    @Override
    public void close() {
        try {
            Files.writeString(hba, before);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        db.execute("SELECT pg_reload_conf()");
    }
}
