package io.zdcd.django;

import io.zdcd.classify.MigrationClassifier;
import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.LocalDatabaseBackups;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.pipeline.FakePlatform;
import io.zdcd.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The set-up of a Django team's week ({@code DjangoWeekTest}, and zdcd-examples' {@code DjangoLiveSchemaWeekTest}): a
 * copy of the test project ({@code django/shop}) on Monday, with its first two migrations only, the app database
 * emptied, a fresh control database for the journal and the queue, and a {@link FakePlatform} that answers 503 in
 * maintenance. Each day adds migrations: {@link #removeLegacy()} (Tuesday's), then {@link #add} from
 * {@code django/week}.
 */
public final class DjangoWeek {
    /** The day-by-day migrations, copied into the project by {@link #add}. */
    public static final Path WEEK = DjangoIntegrationTest.SHOP.getParent().resolve("week");
    private static final String REMOVE_LEGACY = "0003_remove_order_legacy.py";

    /** The app's database, emptied of the project's tables. */
    public final PostgresDatabase db;
    /** The copy of the test project, its migrations in {@code orders/migrations}. */
    public final DjangoProject project;
    /** Where the code runs: starts serving {@code b0}, answers 503 in maintenance. */
    public final FakePlatform platform = new FakePlatform("b0");
    /** The queue, in the control database. */
    public final JdbcBuildQueue queue;
    /** The journal, in the control database. */
    public final JdbcDeploymentJournal journal;
    private final Path migrations;

    /**
     * Monday's set-up.
     *
     * @param test the test's database, which becomes the app's
     * @param dir a temporary folder for the project's copy
     * @param controlSuffix appended to the app database's name: the control database (dropped and created again)
     */
    public DjangoWeek(TestDatabase test, Path dir, String controlSuffix) throws IOException, SQLException {
        String python = DjangoIntegrationTest.pythonWithDjango();
        db = PostgresDatabase.of(test.host(), test.port(), test.name(), test.user(), test.password());
        test.execute("DROP TABLE IF EXISTS orders_order, django_migrations CASCADE");
        PostgresDatabase controlDb = freshDatabase(db, db.name() + controlSuffix);
        Path shop = DjangoIntegrationTest.copyOfShop(dir.resolve("shop"));
        migrations = shop.resolve("orders/migrations");
        Files.delete(migrations.resolve(REMOVE_LEGACY));
        project = DjangoProject.builder(shop).database(db).python(python).build();
        queue = JdbcBuildQueue.of(controlDb);
        journal = JdbcDeploymentJournal.of(controlDb);
    }

    /**
     * {@return the app {@code shop}'s pipeline with this week's ports: Django's migrations, whole-database backups
     * (two kept), the platform's HTTP check, {@code python manage.py check} as smoke command, a 300 ms verify timeout
     * and 50 ms interval}
     *
     * @param classifier what judges the migrations
     */
    public DeploymentPipeline pipeline(MigrationClassifier classifier) {
        return DeploymentPipeline.builder()
                .app("shop")
                .platform(platform)
                .migrations(DjangoMigrationSource.of(project), DjangoMigrationRunner.of(project))
                .classifier(classifier)
                .backups(LocalDatabaseBackups.builder(db).keep(2).build())
                .journal(journal)
                .queue(queue)
                .healthCheck(platform.httpCheck())
                .smokeCommand("python manage.py check")
                .verifyTimeout(Duration.ofMillis(300))
                .verifyInterval(Duration.ofMillis(50))
                .build();
    }

    /** Adds Tuesday's migration, {@code orders/0003_remove_order_legacy} (a field removed), held back on Monday. */
    public void removeLegacy() throws IOException {
        Files.copy(DjangoIntegrationTest.SHOP.resolve("orders/migrations").resolve(REMOVE_LEGACY),
                migrations.resolve(REMOVE_LEGACY));
    }

    /** Adds migrations from {@link #WEEK}, for example {@code 0004_order_code.py}. */
    public void add(String... files) throws IOException {
        for (String f : files) {
            Files.copy(WEEK.resolve(f), migrations.resolve(f));
        }
    }

    /** {@return a database {@code name} on {@code db}'s server, dropped first if it was there} */
    public static PostgresDatabase freshDatabase(PostgresDatabase db, String name) throws SQLException {
        try (Connection c = db.withName("postgres").connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return db.withName(name);
    }
}
