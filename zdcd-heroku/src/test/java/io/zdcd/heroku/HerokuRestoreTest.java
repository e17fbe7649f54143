package io.zdcd.heroku;

import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenThrownBy;

import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.spi.Backup;
import io.zdcd.spi.Progress;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fake's Heroku Postgres backups and restores on a real PostgreSQL database, through {@link HerokuPostgresBackups}:
 * a restore replaces the WHOLE database (every schema, zdcd's included) and cuts every connection to it, as
 * {@code heroku pg:backups:restore} does.
 */
@ExtendWith(PostgresExtension.class)
class HerokuRestoreTest {
    private final HerokuTestKit kit = new HerokuTestKit();
    private final FakeHeroku.App app = kit.heroku.addApp("shop", 3);

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void a_restore_replaces_the_whole_database_including_schema_zdcd_and_cuts_connections(TestDatabase db)
            throws Exception {
        String name = db.name() + "_restore";
        db.execute("DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name);
        PostgresDatabase pg = PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials()).withName(name);
        app.database = pg;
        sql(pg, "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric)",
                "INSERT INTO orders SELECT g, g * 1.5 FROM generate_series(1, 50) g",
                "CREATE SCHEMA zdcd", "CREATE TABLE zdcd.history (name text)", "INSERT INTO zdcd.history VALUES ('V1')");
        HerokuPostgresBackups backups = kit.platform().backups();

        Backup backup = backups.capture("shop", Progress.none());
        sql(pg, "INSERT INTO orders SELECT g, 0 FROM generate_series(51, 60) g", "DELETE FROM orders WHERE id = 1",
                "ALTER TABLE orders ADD COLUMN note text", "CREATE TABLE later (x int)",
                "INSERT INTO zdcd.history VALUES ('V2')");
        try (Connection open = pg.connect()) {
            backups.restore("shop", backup, Progress.none());

            thenThrownBy(() -> query(open, "SELECT 1")).as("Heroku cuts the connections of a restored database")
                    .isInstanceOf(SQLException.class);
        }

        try (Connection c = pg.connect()) {
            then(query(c, "SELECT count(*) || ' ' || min(id) || ' ' || max(id) FROM orders")).isEqualTo("50 1 50");
            then(query(c, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders'")).isEqualTo("2");
            then(query(c, "SELECT count(*) FROM pg_tables WHERE tablename = 'later'")).isEqualTo("0");
            then(query(c, "SELECT string_agg(name, ',') FROM zdcd.history")).as("schema zdcd is restored too")
                    .isEqualTo("V1");
        }
        then(backup.id()).isEqualTo("b001");
        then(app.restoredFrom).containsExactly(app.transfers.get(0).toUrl);
        then(app.transfers.get(1).logs).singleElement().asString().startsWith("restored " + name + " from ");
    }

    static void sql(PostgresDatabase pg, String... statements) throws SQLException {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            for (String each : statements) {
                s.execute(each);
            }
        }
    }

    static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
