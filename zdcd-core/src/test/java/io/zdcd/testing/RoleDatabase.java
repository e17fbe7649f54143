package io.zdcd.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A database owned by a role that is not a superuser, as on hosted servers, on the test server; and a superuser's
 * session, which such a role may not end (as it may not end an autovacuum worker), connected for a while.
 */
public final class RoleDatabase {
    private RoleDatabase() {
    }

    /** Drops what {@code role} owns and the role, then creates both afresh: {@code role} with CREATEDB. */
    public static void create(TestDatabase db, String role, String password, String database) {
        drop(db, role);
        db.execute("CREATE ROLE " + role + " LOGIN CREATEDB PASSWORD '" + password + "'",
                "CREATE DATABASE " + database + " OWNER " + role);
    }

    /** Drops every database {@code role} owns (copies included), then the role. */
    public static void drop(TestDatabase db, String role) {
        try (Connection c = db.connect(); var s = c.createStatement()) {
            List<String> owned = new ArrayList<>();
            try (var rs = s.executeQuery("SELECT quote_ident(d.datname) FROM pg_database d JOIN pg_roles r "
                    + "ON r.oid = d.datdba WHERE r.rolname = '" + role + "'")) {
                while (rs.next()) {
                    owned.add(rs.getString(1));
                }
            }
            for (String d : owned) {
                s.execute("DROP DATABASE " + d + " WITH (FORCE)");
            }
            s.execute("DROP ROLE IF EXISTS " + role);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A superuser's session to {@code database} of the test server. */
    public static Connection superuserSession(TestDatabase db, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + database,
                db.user(), db.password());
    }

    /** A superuser's session to {@code database}, closed after {@code after} on another thread; join to wait. */
    public static CompletableFuture<Void> superuserSessionFor(TestDatabase db, String database, Duration after)
            throws SQLException {
        Connection session = superuserSession(db, database);
        return CompletableFuture.runAsync(() -> {
            try (session) {
                Thread.sleep(after.toMillis());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
