package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.django.DjangoIntegrationTest;
import io.zdcd.django.DjangoProject;
import io.zdcd.heroku.FakeHeroku;
import io.zdcd.jdbc.PostgresDatabase;
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
    void start(TestDatabase db) throws SQLException {
        // the class shares one database: no test sees another's journal, queue or applied migrations
        sql(db, "DROP SCHEMA IF EXISTS zdcd CASCADE");
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
    void a_contract_left_pending_runs_on_the_next_deploy_without_fix(TestDatabase db) throws Exception {
        sql(db, "DROP TABLE IF EXISTS users CASCADE", "CREATE TABLE users (id bigint PRIMARY KEY, legacy text)",
                "CREATE VIEW legacy_users AS SELECT id, legacy FROM users");
        String[] common = common(db, "V1__drop_legacy.sql", "ALTER TABLE users DROP COLUMN legacy;\n");
        then(kit.run(HerokuCli.concat(new String[] {"deploy", "--fix", "--source-url", SOURCE, "--commit",
                "2222222bbb"}, common))).as(kit.out() + kit.err).isEqualTo(6);
        sql(db, "DROP VIEW legacy_users");
        kit.resetOut();

        int exit = kit.run(HerokuCli.concat(new String[] {"deploy", "--source-url", SOURCE, "--commit",
                "3333333ccc"}, common));

        then(exit).as(kit.out() + kit.err).isZero();
        then(kit.out()).contains("contract V1__drop_legacy_001_contract.sql", "DEPLOYED acme Build[3333333]");
        then(app.current().version).isEqualTo(5);
        then(count(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
                + "AND column_name = 'legacy'")).isZero();
    }

    @Test
    void batch_size_sizes_the_batch_loops_deploy_fix_runs(TestDatabase db) throws Exception {
        // every updated row logs its transaction: one batch loop of N keys commits once per N keys
        sql(db, "DROP TABLE IF EXISTS items CASCADE", "DROP TABLE IF EXISTS batch_log",
                "CREATE TABLE items (id bigint PRIMARY KEY, note text)",
                "INSERT INTO items SELECT g, 'old' FROM generate_series(1, 5) g",
                "CREATE TABLE batch_log (tx bigint NOT NULL)",
                "CREATE FUNCTION log_tx() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN INSERT INTO batch_log VALUES (txid_current()); RETURN NEW; END $$",
                "CREATE TRIGGER items_log BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION log_tx()");
        String[] common = common(db, "V1__notes.sql", "UPDATE items SET note = 'new';\n");

        int exit = kit.run(HerokuCli.concat(new String[] {"deploy", "--fix", "--batch-size", "2", "--source-url",
                SOURCE, "--commit", "4444444ddd"}, common));

        then(exit).as(kit.out() + kit.err).isZero();
        then(count(db, "SELECT count(*) FROM items WHERE note = 'new'")).isEqualTo(5);
        then(count(db, "SELECT count(DISTINCT tx) FROM batch_log")).isEqualTo(3); // keys 1-2, 3-4, 5
        sql(db, "DROP FUNCTION log_tx() CASCADE");
    }

    @Test
    void nightly_fix_ships_the_rewrite_without_a_maintenance_window(TestDatabase db) throws Exception {
        sql(db, "DROP TABLE IF EXISTS users CASCADE", "CREATE TABLE users (id bigint PRIMARY KEY, email text)");
        String[] common = common(db, "V1__email_idx.sql", "CREATE INDEX users_email_idx ON users (email);\n");

        int exit = kit.run(HerokuCli.concat(new String[] {"nightly", "--fix", "--source-url", SOURCE, "--commit",
                "5555555eee"}, common));

        then(exit).as(kit.out() + kit.err).isZero();
        then(kit.out()).contains("V1__email_idx_001_expand.sql", "DEPLOYED acme Build[5555555]");
        then(kit.heroku.lines()).noneMatch(line -> line.startsWith("PATCH /apps/acme"));
        then(count(db, "SELECT count(*) FROM pg_index WHERE indexrelid = to_regclass('users_email_idx') "
                + "AND indisvalid")).isEqualTo(1);
    }

    @Test
    void plan_fix_names_the_expand_and_contract_parts_and_changes_nothing(TestDatabase db) throws Exception {
        sql(db, "DROP TABLE IF EXISTS users CASCADE", "CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text)");
        String[] common = common(db, "V1__idx_drop.sql", "CREATE INDEX users_email_idx ON users (email);\n"
                + "ALTER TABLE users DROP COLUMN legacy;\n");
        String[] push = {"--source-url", SOURCE, "--commit", "6666666fff"};

        int without = kit.run(HerokuCli.concat(HerokuCli.concat(new String[] {"plan"}, push), common));
        int with = kit.run(HerokuCli.concat(HerokuCli.concat(new String[] {"plan", "--fix"}, push), common));
        int nightly = kit.run(HerokuCli.concat(new String[] {"plan", "--nightly", "--fix", "--commit", "6666666fff",
                "--source-url", SOURCE}, common));

        then(without).as(kit.out() + kit.err).isEqualTo(3);
        then(with).as(kit.out() + kit.err).isZero();
        then(nightly).as(kit.out() + kit.err).isZero();
        then(kit.out()).contains("V1__idx_drop.sql: expand V1__idx_drop_001_expand.sql; contract "
                + "V1__idx_drop_002_contract.sql", "verify -> contract").doesNotContain("maintenance on");
        then(kit.heroku.calls()).allSatisfy(call -> then(call.method()).isEqualTo("GET"));
        then(count(db, "SELECT count(*) FROM pg_class WHERE relname = 'users_email_idx'")).isZero();
        then(count(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
                + "AND column_name = 'legacy'")).isEqualTo(1);
        // no journal, queue or migration history was created: the plans only read
        then(count(db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'zdcd'")).isZero();
    }

    @Test
    void a_bad_batch_size_is_one_line_naming_the_option_and_exit_2(TestDatabase db) throws Exception {
        String[] common = common(db, "V1__x.sql", "SELECT 1;\n");
        String[][] cases = {{"deploy", "--fix", "--batch-size", "0"}, {"nightly", "--fix", "--batch-size", "abc"},
            {"plan", "--fix", "--batch-size", "1000001"}, {"deploy", "--batch-size", "500"}};
        String[] messages = {"zdcd deploy: --batch-size 0: must be a whole number from 1 to 1000000 (keys per batch)",
            "zdcd nightly: --batch-size abc: must be a whole number from 1 to 1000000 (keys per batch)",
            "zdcd plan: --batch-size 1000001: must be a whole number from 1 to 1000000 (keys per batch)",
            "zdcd deploy: --batch-size 500: needs --fix (it sizes the batch loops of expand/contract)"};
        for (int i = 0; i < cases.length; i++) {
            kit.err.getBuffer().setLength(0);
            int exit = kit.run(HerokuCli.concat(HerokuCli.concat(cases[i], "--source-url", SOURCE, "--commit",
                    "7777777aaa"), common));
            then(exit).as(String.join(" ", cases[i])).isEqualTo(2);
            then(kit.err.toString()).isEqualTo(messages[i] + System.lineSeparator());
        }
        then(kit.heroku.calls()).isEmpty();
    }

    @Test
    void a_django_migration_ships_by_expand_contract_and_is_recorded_in_django_migrations(TestDatabase db)
            throws Exception {
        sql(db, "DROP TABLE IF EXISTS orders_order, django_migrations CASCADE");
        Path shop = DjangoIntegrationTest.copyOfShop(dir.resolve("shop"));
        DjangoProject project = DjangoProject.builder(shop).database(PostgresDatabase.of(db.host(), db.port(),
                db.name(), db.user(), db.password())).python(DjangoIntegrationTest.pythonWithDjango()).build();
        then(DjangoIntegrationTest.manage(project, "migrate", "orders", "0003_remove_order_legacy").exitCode())
                .isZero();
        Files.writeString(shop.resolve("orders/migrations/0004_email_idx.py"), String.join("\n",
                "from django.db import migrations, models", "", "",
                "class Migration(migrations.Migration):",
                "    dependencies = [(\"orders\", \"0003_remove_order_legacy\")]",
                "    operations = [migrations.AddIndex(model_name=\"order\", "
                        + "index=models.Index(fields=[\"email\"], name=\"orders_email_idx\"))]", ""));

        int exit = kit.run("deploy", "--fix", "--app", "acme", "--source-url", SOURCE, "--commit", "8888888abc",
                "--django-project", shop.toString(), "--database-url", db.jdbcUrlWithCredentials());

        then(exit).as(kit.out() + kit.err).isZero();
        then(kit.out()).contains("orders/0004_email_idx_001_expand.sql", "DEPLOYED acme Build[8888888]");
        then(count(db, "SELECT count(*) FROM pg_index WHERE indexrelid = to_regclass('orders_email_idx') "
                + "AND indisvalid")).isEqualTo(1);
        then(count(db, "SELECT count(*) FROM django_migrations WHERE app = 'orders' AND name = '0004_email_idx'"))
                .isEqualTo(1);
    }

    @Test
    void a_django_push_whose_later_migration_depends_on_a_rewritten_one_is_deferred_at_preflight_with_exit_3(
            TestDatabase db) throws Exception {
        sql(db, "DROP TABLE IF EXISTS orders_order, django_migrations CASCADE");
        Path shop = DjangoIntegrationTest.copyOfShop(dir.resolve("shop"));
        DjangoProject project = DjangoProject.builder(shop).database(PostgresDatabase.of(db.host(), db.port(),
                db.name(), db.user(), db.password())).python(DjangoIntegrationTest.pythonWithDjango()).build();
        then(DjangoIntegrationTest.manage(project, "migrate", "orders", "0003_remove_order_legacy").exitCode())
                .isZero();
        // 0004: an AddField with a default (its rewrite drops the default in contract), 0005 depends on it
        Files.writeString(shop.resolve("orders/migrations/0004_order_status.py"), String.join("\n",
                "from django.db import migrations, models", "", "",
                "class Migration(migrations.Migration):",
                "    dependencies = [(\"orders\", \"0003_remove_order_legacy\")]",
                "    operations = [migrations.AddField(model_name=\"order\", name=\"status\", "
                        + "field=models.CharField(default=\"new\", max_length=20))]", ""));
        Files.writeString(shop.resolve("orders/migrations/0005_order_memo.py"), String.join("\n",
                "from django.db import migrations, models", "", "",
                "class Migration(migrations.Migration):",
                "    dependencies = [(\"orders\", \"0004_order_status\")]",
                "    operations = [migrations.AddField(model_name=\"order\", name=\"memo\", "
                        + "field=models.TextField(null=True))]", ""));

        int exit = kit.run("deploy", "--fix", "--app", "acme", "--source-url", SOURCE, "--commit", "9999999abc",
                "--django-project", shop.toString(), "--database-url", db.jdbcUrlWithCredentials());

        then(exit).as(kit.out() + kit.err).isEqualTo(3);
        then(kit.out()).contains("DEFERRED acme Build[9999999]", "orders/0005_order_memo, later in this push, "
                + "depends on it").doesNotContain("_expand.sql");
        then(kit.heroku.calls()).allSatisfy(call -> then(call.method()).isEqualTo("GET"));
        then(app.current().version).isEqualTo(3);
        then(count(db, "SELECT count(*) FROM django_migrations WHERE app = 'orders' AND name >= '0004'")).isZero();
        then(count(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders_order' "
                + "AND column_name IN ('status', 'memo')")).isZero();
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

    static void sql(TestDatabase db, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrlWithCredentials()); Statement s = c.createStatement()) {
            for (String each : statements) {
                s.execute(each);
            }
        }
    }

    static int count(TestDatabase db, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrlWithCredentials()); Statement s = c.createStatement();
             var rs = s.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
