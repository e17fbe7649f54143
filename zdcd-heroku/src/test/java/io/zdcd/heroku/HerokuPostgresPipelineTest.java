package io.zdcd.heroku;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.JdbcMigrationRunner;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.jdbc.SqlMigrationSource;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.Health;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline with zdcd-core's JDBC migration runner, journal and queue on a real PostgreSQL, zdcd-analyzer's
 * classifier, and the fake Heroku as the platform: zdcd migrates the database itself before the Heroku release.
 */
@ExtendWith(PostgresExtension.class)
class HerokuPostgresPipelineTest {
    private final HerokuTestKit kit = new HerokuTestKit();
    private final FakeHeroku heroku = kit.heroku;
    private final FakeHeroku.App app = heroku.addApp("acme", 3);

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void safe_migrations_are_applied_by_zdcd_on_postgres_then_released_on_heroku_and_journaled(TestDatabase db,
            @TempDir Path migrations) throws Exception {
        PostgresDatabase pg = PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials());
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS orders");
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL)");
            s.execute("INSERT INTO orders VALUES (1, 9.50), (2, 12.00)");
        }
        Files.writeString(migrations.resolve("V1__add_note.sql"), "ALTER TABLE orders ADD COLUMN note text;\n");
        Files.writeString(migrations.resolve("V2__create_audit.sql"),
                "CREATE TABLE order_audit (id bigserial PRIMARY KEY, order_id bigint, at timestamptz DEFAULT now());\n");
        HerokuPlatform platform = kit.platform();
        JdbcDeploymentJournal journal = JdbcDeploymentJournal.of(pg);
        DeploymentPipeline pipeline = DeploymentPipeline.builder().app("acme").platform(platform)
                .migrations(SqlMigrationSource.of(pg, migrations), JdbcMigrationRunner.of(pg))
                .classifier(SqlMigrationClassifier.builder().postgresVersion(db.majorVersion()).build())
                .backups(platform.backups())
                .journal(journal).queue(JdbcBuildQueue.of(pg))
                .build();

        DeploymentOutcome outcome = pipeline.deploy(Build.of("c0ffee1234").withSourceUrl("https://src.example.com/a.tgz"));

        then(outcome.status()).as(outcome.toString()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        // the database: both migrations applied, the rows intact
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            then(columns(s, "orders")).containsExactly("id", "total", "note");
            then(columns(s, "order_audit")).containsExactly("id", "order_id", "at");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM orders")) {
                rs.next();
                then(rs.getInt(1)).isEqualTo(2);
            }
        }
        then(JdbcMigrationRunner.of(pg).applied()).containsExactly("V1__add_note.sql", "V2__create_audit.sql");
        // Heroku: a backup before migrating, then the build released as v4
        then(app.transfers).singleElement().satisfies(t -> then(t.toType).isEqualTo("gof3r"));
        then(app.current().version).isEqualTo(4);
        List<String> lines = heroku.lines();
        then(lines.indexOf("POST /client/v11/databases/" + app.addonId + "/backups"))
                .isLessThan(lines.indexOf("POST /apps/acme/builds"));
        then(heroku.calls().get(lines.indexOf("POST /apps/acme/builds")).json().toString())
                .isEqualTo("{\"source_blob\":{\"url\":\"https://src.example.com/a.tgz\",\"version\":\"c0ffee1234\"}}");
        kit.assertApiHeaders();
        // the journal on PostgreSQL
        DeploymentRecord last = journal.lastSucceeded("acme").orElseThrow();
        then(last.build().version()).isEqualTo("c0ffee1234");
        then(journal.unfinished("acme")).isEmpty();
    }

    @Test
    void a_failed_health_check_after_a_safe_migration_rolls_back_the_code_and_keeps_the_schema(TestDatabase db,
            @TempDir Path migrations) throws Exception {
        PostgresDatabase pg = PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials());
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS customers");
            s.execute("CREATE TABLE customers (id bigint PRIMARY KEY, name text)");
        }
        Files.writeString(migrations.resolve("V10__customer_email.sql"), "ALTER TABLE customers ADD COLUMN email text;\n");
        HerokuPlatform platform = kit.platform();
        DeploymentPipeline pipeline = DeploymentPipeline.builder().app("acme").platform(platform)
                .migrations(SqlMigrationSource.of(pg, migrations), JdbcMigrationRunner.of(pg))
                .classifier(SqlMigrationClassifier.builder().postgresVersion(db.majorVersion()).build())
                .backups(platform.backups())
                .journal(JdbcDeploymentJournal.of(pg.withName(pg.name())))
                .healthCheck((a, r) -> Health.unhealthy("GET /healthz: 502"))
                .verifyTimeout(Duration.ofMillis(100)).verifyInterval(Duration.ofMillis(10))
                .build();

        DeploymentOutcome outcome = pipeline.deploy(Build.of("badc0de999").withSourceUrl("https://src.example.com/b.tgz"));

        then(outcome.status()).as(outcome.toString()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            then(columns(s, "customers")).as("a safe migration stays: the old code works with it")
                    .containsExactly("id", "name", "email");
        }
        then(app.restoredFrom).as("no restore for a safe migration").isEmpty();
        then(app.current().description).isEqualTo("Rollback to v3");
        then(app.current().slugId).isEqualTo("slug-v3");
        then(app.maintenance).isFalse();
    }

    private static List<String> columns(Statement s, String table) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = '"
                + table + "' ORDER BY ordinal_position")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
