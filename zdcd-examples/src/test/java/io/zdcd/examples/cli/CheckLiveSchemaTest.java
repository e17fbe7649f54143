package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zdcd check --database-url / --database-url-env}: the live schema as the known schema. */
@ExtendWith(PostgresExtension.class)
class CheckLiveSchemaTest {
    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void schema(TestDatabase db) {
        db.execute("CREATE TABLE shop_order (id bigint PRIMARY KEY, reference varchar(200) NOT NULL)",
                "INSERT INTO shop_order SELECT g, 'r' || g FROM generate_series(1, 3000) g", "ANALYZE shop_order");
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Zdcd.commandLine();
        CheckCommand check = cli.getSubcommands().get("check").getCommand();
        check.env = env;
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    private String file(String sql) throws Exception {
        Path f = dir.resolve("m.sql");
        Files.writeString(f, sql);
        return f.toString();
    }

    @Test
    void a_widening_on_an_existing_table_is_safe_with_the_live_schema(TestDatabase db) throws Exception {
        String widen = file("ALTER TABLE shop_order ALTER COLUMN reference TYPE varchar(300);\n");
        then(run(Map.of(), "check", widen).exitCode()).as("without a known schema").isEqualTo(1);
        Run withUrl = run(Map.of(), "check", "--database-url", db.jdbcUrlWithCredentials(), widen);
        then(withUrl.exitCode()).as(withUrl.out() + withUrl.err()).isZero();
        then(withUrl.out()).contains("alter-column-type-no-rewrite");
        Run withEnv = run(Map.of("DATABASE_URL", db.postgresUrl()), "check", "--database-url-env", "DATABASE_URL",
                widen);
        then(withEnv.exitCode()).as(withEnv.out() + withEnv.err()).isZero();
    }

    @Test
    void a_long_operation_names_the_row_estimate(TestDatabase db) throws Exception {
        Run r = run(Map.of(), "check", "--database-url", db.jdbcUrlWithCredentials(),
                file("CREATE INDEX shop_order_ref ON shop_order (reference);\n"));
        then(r.exitCode()).isEqualTo(1);
        then(r.out()).contains("locks shop_order, about 3k rows (pg_class.reltuples)");
    }

    @Test
    void bad_database_options_exit_2_with_one_line_and_no_password(TestDatabase db) throws Exception {
        String sql = file("SELECT 1;\n");
        Run unset = run(Map.of(), "check", "--database-url-env", "NO_SUCH_URL", sql);
        then(unset.exitCode()).isEqualTo(2);
        then(unset.err()).isEqualTo("zdcd check: --database-url-env NO_SUCH_URL: the environment variable NO_SUCH_URL"
                + " is not set\n");
        Run notUrl = run(Map.of(), "check", "--database-url", "mysql://u:hunter2@h/db", sql);
        then(notUrl.exitCode()).isEqualTo(2);
        then(notUrl.err()).startsWith("zdcd check: not a PostgreSQL URL").doesNotContain("hunter2");
        Run unreachable = run(Map.of(), "check", "--database-url", "postgres://" + db.user() + ":hunter2@"
                + db.host() + ":" + db.port() + "/no_such_db", sql);
        then(unreachable.exitCode()).isEqualTo(2);
        then(unreachable.err()).startsWith("zdcd check: cannot read the live schema of PostgresDatabase[")
                .doesNotContain("hunter2").hasLineCount(1);
        Run both = run(Map.of("X", "postgres://h/db"), "check", "--database-url", "postgres://h/db",
                "--database-url-env", "X", sql);
        then(both.exitCode()).isEqualTo(2);
    }
}
