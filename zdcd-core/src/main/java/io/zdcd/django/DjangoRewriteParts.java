package io.zdcd.django;

import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.StatementResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** Django's {@code django_migrations} read and written directly, for the migrations an expand/contract rewrite ran. */
final class DjangoRewriteParts {
    private DjangoRewriteParts() {
    }

    /** Whether {@code app/name} is in {@code django_migrations} (false when Django never migrated the database). */
    static boolean recorded(PostgresDatabase db, String migration) {
        String[] appAndName = split(migration);
        try (Connection c = db.connect();
             PreparedStatement p = c.prepareStatement("SELECT 1 FROM django_migrations WHERE app = ? AND name = ?")) {
            p.setString(1, appAndName[0]);
            p.setString(2, appAndName[1]);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return false; // no django_migrations yet
            }
            throw new PlatformException("read django_migrations of " + db, e.getMessage(), e);
        }
    }

    /** Inserts {@code app/name} into {@code django_migrations}, as {@code migrate --fake} would, unless it is there. */
    static void record(PostgresDatabase db, String migration) {
        String[] appAndName = split(migration);
        try (Connection c = db.connect();
             PreparedStatement p = c.prepareStatement("INSERT INTO django_migrations (app, name, applied) "
                     + "SELECT ?, ?, now() WHERE NOT EXISTS (SELECT 1 FROM django_migrations WHERE app = ? "
                     + "AND name = ?)")) {
            p.setString(1, appAndName[0]);
            p.setString(2, appAndName[1]);
            p.setString(3, appAndName[0]);
            p.setString(4, appAndName[1]);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new PlatformException("record " + migration + " in django_migrations of " + db, e.getMessage(), e);
        }
    }

    /** The result of a migration not run because Django would first apply {@code other}, still being rewritten. */
    static MigrationResult refused(PendingMigration migration, String other, Duration elapsed) {
        String error = "not run: manage.py migrate would first apply " + other + ", which is not recorded as "
                + "applied while its expand/contract rewrite is under way (Django would run its original SQL); ship "
                + migration.name() + " in a later push, once the rewrite's contract ran";
        return new MigrationResult(migration.name(), MigrationResult.Status.FAILED, List.of(new StatementResult(1,
                "manage.py migrate --plan", true, StatementResult.Status.FAILED, 1, Duration.ZERO, elapsed)), elapsed,
                error, List.of());
    }

    private static String[] split(String migration) {
        String[] appAndName = migration.split("/", 2);
        if (appAndName.length != 2) {
            throw new IllegalArgumentException("not a Django migration name (app/NNNN_name): " + migration);
        }
        return appAndName;
    }
}
