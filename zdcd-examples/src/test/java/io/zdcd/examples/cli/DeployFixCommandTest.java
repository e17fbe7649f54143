package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.heroku.FakeHeroku;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code zdcd deploy --fix} against the fake Heroku API and a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class DeployFixCommandTest {
    private static final String SOURCE = "https://src.example.com/acme.tgz";
    @TempDir
    Path dir;
    private HerokuCli kit;
    private FakeHeroku.App app;

    @BeforeEach
    void start() {
        kit = new HerokuCli(dir);
        app = kit.heroku.addApp("acme", 3);
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    @Test
    void an_unsafe_index_is_deferred_with_exit_3_and_ships_at_once_with_fix_and_exit_0(TestDatabase db)
            throws Exception {
        sql(db, "DROP TABLE IF EXISTS users CASCADE", "CREATE TABLE users (id bigint PRIMARY KEY, email text)");
        String[] common = common(db, "V1__email_idx.sql", "CREATE INDEX users_email_idx ON users (email);\n");

        int deferred = kit.run(HerokuCli.concat(new String[] {"deploy", "--source-url", SOURCE, "--commit",
                "1111111aaa"}, common));
        int dropped = kit.run(HerokuCli.concat(new String[] {"queue", "--drop", "1111111aaa"}, common));
        int fixed = kit.run(HerokuCli.concat(new String[] {"deploy", "--fix", "--source-url", SOURCE, "--commit",
                "1111111aaa"}, common));

        then(deferred).as(kit.out() + kit.err).isEqualTo(3);
        then(dropped).as(kit.out() + kit.err).isZero();
        then(fixed).as(kit.out() + kit.err).isZero();
        then(kit.out()).contains("DEFERRED acme Build[1111111]", "1 UNSAFE migration rewritten by expand/contract",
                "V1__email_idx_001_expand.sql", "DEPLOYED acme Build[1111111]");
        then(app.current().version).isEqualTo(4);
        then(app.maintenance).isFalse();
        then(count(db, "SELECT count(*) FROM pg_index WHERE indexrelid = to_regclass('users_email_idx') "
                + "AND indisvalid")).isEqualTo(1);
    }

    @Test
    void a_failing_contract_exits_6_and_keeps_the_verified_release(TestDatabase db) throws Exception {
        sql(db, "DROP TABLE IF EXISTS users CASCADE", "CREATE TABLE users (id bigint PRIMARY KEY, legacy text)",
                "CREATE VIEW legacy_users AS SELECT id, legacy FROM users");
        String[] common = common(db, "V1__drop_legacy.sql", "ALTER TABLE users DROP COLUMN legacy;\n");

        int exit = kit.run(HerokuCli.concat(new String[] {"deploy", "--fix", "--source-url", SOURCE, "--commit",
                "2222222bbb"}, common));

        then(exit).as(kit.out() + kit.err).isEqualTo(6);
        then(kit.out()).contains("CONTRACT_FAILED acme Build[2222222]", "the release is live and verified",
                "stays pending");
        then(app.current().version).isEqualTo(4);
        then(count(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
                + "AND column_name = 'legacy'")).isEqualTo(1);
    }

    @Test
    void fix_without_migrations_is_bad_usage_and_the_help_explains_it() {
        then(kit.run("deploy", "--fix", "--app", "acme", "--source-url", SOURCE, "--commit", "abc")).isEqualTo(2);
        then(kit.err.toString()).isEqualTo("zdcd deploy: --fix needs --migrations or --django-project (zdcd applies "
                + "the migrations itself)" + System.lineSeparator());
        then(kit.heroku.calls()).isEmpty();

        then(kit.run("deploy", "--help")).isZero();
        then(kit.out().replaceAll("\\s+", " ")).contains("--fix", "expand/contract",
                "6 deployed and verified with --fix but a contract part");
    }

    private String[] common(TestDatabase db, String file, String sql) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve(file), sql);
        return new String[] {"--app", "acme", "--database-url", db.jdbcUrlWithCredentials(), "--migrations",
                migrations.toString()};
    }

    private static void sql(TestDatabase db, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrlWithCredentials()); Statement s = c.createStatement()) {
            for (String each : statements) {
                s.execute(each);
            }
        }
    }

    private static int count(TestDatabase db, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrlWithCredentials()); Statement s = c.createStatement();
             var rs = s.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
