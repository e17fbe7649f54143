package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zdcd migrate} on a real PostgreSQL: exit codes, what it prints, and that the password never shows. */
@ExtendWith(PostgresExtension.class)
class MigrateCommandTest {
    TestDatabase db;
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
        db.execute("DROP SCHEMA IF EXISTS zdcd CASCADE", "DROP TABLE IF EXISTS users",
                "CREATE TABLE users (id bigserial PRIMARY KEY, name text)", "INSERT INTO users (name) VALUES ('ann')");
    }

    private int run(String... args) {
        CommandLine cli = Zdcd.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private int runWithEnv(java.util.Map<String, String> env, String... args) {
        CommandLine cli = Zdcd.commandLine();
        ((MigrateCommand) cli.getSubcommands().get("migrate").getCommand()).env = env;
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void takes_the_database_url_from_DATABASE_URL_or_a_named_variable_so_the_password_stays_off_the_command_line()
            throws Exception {
        Files.writeString(dir.resolve("V1__email.sql"), "ALTER TABLE users ADD COLUMN email text;");
        Files.writeString(dir.resolve("V2__phone.sql"), "ALTER TABLE users ADD COLUMN phone text;");

        int viaDefault = runWithEnv(java.util.Map.of("DATABASE_URL", url()), "migrate", dir.resolve("V1__email.sql")
                .toString());
        int viaNamed = runWithEnv(java.util.Map.of("APP_DB", url()), "migrate", "--database-url-env", "APP_DB",
                dir.toString());
        int unset = runWithEnv(java.util.Map.of(), "migrate", "--database-url-env", "NOPE", dir.toString());
        int none = runWithEnv(java.util.Map.of(), "migrate", dir.toString());

        then(viaDefault).as(err.toString()).isZero();
        then(viaNamed).as(err.toString()).isZero();
        then(db.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
                + "AND column_name IN ('email', 'phone')")).isEqualTo(2L);
        then(unset).isEqualTo(2);
        then(none).isEqualTo(2);
        then(err.toString()).contains("the environment variable NOPE is not set",
                "no database: set DATABASE_URL, or give --database-url-env NAME or --database-url URL");
        then(out.toString() + err).doesNotContain("s3cret-pw");
    }

    private String url() {
        return "postgres://" + db.user() + ":s3cret-pw@" + db.host() + ":" + db.port() + "/" + db.name();
    }

    @Test
    void applies_pending_migrations_in_order_then_has_nothing_to_do() throws Exception {
        Files.writeString(dir.resolve("V2__index.sql"), "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);");
        Files.writeString(dir.resolve("V1__email.sql"), "ALTER TABLE users ADD COLUMN email text;");

        int first = run("migrate", "--database-url", db.jdbcUrlWithCredentials(), "--lock-timeout", "500ms",
                dir.toString());
        int second = run("migrate", "--database-url", db.jdbcUrlWithCredentials(), dir.toString());

        then(first).as(err.toString()).isZero();
        then(second).isZero();
        then(out.toString()).containsSubsequence("2 to apply (lock_timeout 50..500ms", "applying V1__email.sql",
                "#1 APPLIED     ALTER TABLE users ADD COLUMN email text  [in transaction, 1 attempt",
                "applied V1__email.sql", "applying V2__index.sql", "[no transaction, 1 attempt",
                "applied V2__index.sql", "2 already applied, 0 to apply", "nothing to do");
        then(db.queryValue("SELECT count(*) FROM zdcd.applied_migrations")).isEqualTo(2L);
        then(db.queryValue("SELECT name FROM users")).isEqualTo("ann");
    }

    @Test
    void a_failing_migration_exits_1_and_says_what_was_rolled_back_and_what_stayed() throws Exception {
        Files.writeString(dir.resolve("V1__ok.sql"), "ALTER TABLE users ADD COLUMN email text;");
        Files.writeString(dir.resolve("V2__broken.sql"), "ALTER TABLE users ADD COLUMN phone text; SELEC 1;");
        Files.writeString(dir.resolve("V3__later.sql"), "ALTER TABLE users ADD COLUMN age int;");

        int code = run("migrate", "--database-url", db.jdbcUrlWithCredentials(), dir.toString());

        then(code).isEqualTo(1);
        then(out.toString()).contains("applied V1__ok.sql", "#1 ROLLED_BACK ALTER TABLE users ADD COLUMN phone text",
                "#2 FAILED      SELEC 1", "FAILED V2__broken.sql: statement #2", "syntax error",
                "Nothing of it stayed applied; the migration is not recorded as applied", "1 later migration not run");
        then(db.queryValue("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM "
                + "information_schema.columns WHERE table_name = 'users'")).isEqualTo("id,name,email");
    }

    @Test
    void bad_input_exits_2_with_one_line_and_never_prints_the_password() throws Exception {
        Files.writeString(dir.resolve("V1__x.sql"), "SELECT 1;");

        then(run("migrate", "--database-url", "mysql://root:s3cret-pw@host/db", dir.toString())).isEqualTo(2);
        then(run("migrate", "--database-url", url(), dir.resolve("missing").toString())).isEqualTo(2);
        then(run("migrate", "--database-url", url(), "--lock-timeout", "soon", dir.toString())).isEqualTo(2);
        then(run("migrate", "--database-url", "postgres://nobody:s3cret-pw@" + db.host() + ":" + db.port()
                + "/no_such_db", dir.toString())).isEqualTo(2);
        then(runWithEnv(java.util.Map.of(), "migrate", dir.toString())).isEqualTo(2);

        String all = out + "\n" + err;
        then(all).doesNotContain("s3cret-pw").doesNotContain("Exception").doesNotContain("\tat ");
        then(err.toString()).contains("not a PostgreSQL URL", "no such file or folder", "--lock-timeout: not a "
                + "duration", "no_such_db", "no database: set DATABASE_URL");
        then(err.toString().lines().filter(l -> l.startsWith("zdcd migrate: ")).count()).isEqualTo(5);
    }

    /** The input gate of {@code zdcd check}: nothing runs of a file it refuses to read. */
    @Test
    void a_file_check_refuses_to_read_exits_2_and_nothing_of_it_runs() throws Exception {
        Files.write(dir.resolve("V1__nul.sql"), "SELECT 1;\0DROP TABLE users;\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));

        int nul = run("migrate", "--database-url", db.jdbcUrlWithCredentials(), dir.toString());
        String nulErr = err.toString();
        Files.delete(dir.resolve("V1__nul.sql"));
        Files.write(dir.resolve("V1__latin1.sql"), "-- caf\u00e9\nDROP TABLE users;\n".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
        int latin1 = run("migrate", "--database-url", db.jdbcUrlWithCredentials(), dir.toString());

        then(nul).isEqualTo(2);
        then(nulErr).contains("V1__nul.sql is not SQL text: it contains a NUL character at line 1, column 10");
        then(latin1).isEqualTo(2);
        then(err.toString()).contains("V1__latin1.sql is not valid UTF-8: byte 0xE9 at line 1, column 7");
        then(db.queryValue("SELECT name FROM users")).isEqualTo("ann");
    }

    @Test
    void a_psql_include_is_refused_with_its_line_and_nothing_runs() throws Exception {
        Files.writeString(dir.resolve("V1__include.sql"), "ALTER TABLE users ADD COLUMN x int;\n\\i drop.sql\n");

        int code = run("migrate", "--database-url", db.jdbcUrlWithCredentials(), dir.toString());

        then(code).isEqualTo(2);
        then(err.toString()).contains("V1__include.sql: statement #2 at line 2, column 1 is the psql meta-command \\i",
                "nothing was applied");
        then(db.queryValue("SELECT count(*) FROM information_schema.columns WHERE column_name = 'x'")).isEqualTo(0L);
    }
}
