package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.RoleDatabase;
import io.zdcd.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zdcd trace} end to end on a real PostgreSQL, through a URL with a password, leaving no trace. */
@ExtendWith(PostgresExtension.class)
class TraceCommandTest {
    private static final String PASSWORD = "tr4ce-S3cret";
    private static final String ROLE = "zdcd_trace_cli";
    private static final String DATABASE = "zdcd_trace_cli_db";

    @TempDir
    static Path dir;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void database_owned_by_a_role_with_a_password(TestDatabase db) throws Exception {
        RoleDatabase.create(db, ROLE, PASSWORD, DATABASE);
        try (Connection c = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + DATABASE, ROLE, PASSWORD);
             var s = c.createStatement()) {
            s.execute("CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL)");
            s.execute("INSERT INTO users (name) SELECT 'u' || g FROM generate_series(1, 50) g");
        }
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/0001_initial.sql"),
                "BEGIN;\nCREATE TABLE orders (id bigserial PRIMARY KEY, total integer NOT NULL);\nCOMMIT;\n");
        Files.writeString(dir.resolve("app/0002_add_note.sql"),
                "BEGIN;\nALTER TABLE \"orders\" ADD COLUMN \"note\" text NULL;\nCOMMIT;\n");
        Files.writeString(dir.resolve("app/0003_index.sql"), "CREATE INDEX orders_total ON orders (total);\n");
        Files.writeString(dir.resolve("app/0004_not_null.sql"), "ALTER TABLE orders ADD COLUMN code text NOT NULL;\n");
    }

    @AfterAll
    static void drop(TestDatabase db) {
        RoleDatabase.drop(db, ROLE);
    }

    private static String libpqUrl(TestDatabase db) {
        return "postgres://" + ROLE + ":" + PASSWORD + "@" + db.host() + ":" + db.port() + "/" + DATABASE;
    }

    private static String jdbcUrl(TestDatabase db) {
        return "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + DATABASE + "?user=" + ROLE + "&password="
                + PASSWORD;
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Zdcd.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "trace";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cli.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void a_safe_migration_whose_prediction_matches_exits_0(TestDatabase db) {
        Run r = run("--database-url", libpqUrl(db), dir.resolve("app/0002_add_note.sql").toString());

        then(r.exit()).as(r.out() + r.err()).isEqualTo(0);
        then(r.out()).contains("0002_add_note.sql on PostgreSQL " + db.majorVersion())
                .contains("AccessExclusiveLock | AccessExclusiveLock").contains("0 mismatches");
        then(r.out() + r.err()).doesNotContain(PASSWORD);
    }

    @Test
    void an_unsafe_statement_exits_1_with_predicted_and_observed_side_by_side(TestDatabase db) {
        Run r = run("--database-url", jdbcUrl(db), dir.resolve("app/0003_index.sql").toString());

        then(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        then(r.out()).contains("ShareLock | ShareLock").contains("UNSAFE");
    }

    @Test
    void a_migration_that_fails_on_filled_tables_shows_the_error(TestDatabase db) {
        Run r = run("--database-url", jdbcUrl(db), "--rows", "5", dir.resolve("app/0004_not_null.sql").toString());

        then(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        then(r.out()).contains("ERROR 23502");
    }

    @Test
    void a_folder_is_traced_file_by_file_as_json(TestDatabase db) throws Exception {
        Run r = run("--database-url", libpqUrl(db), "--format", "json", "--rows", "3", dir.resolve("app").toString());

        then(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        then(json.get("migrations")).hasSize(4);
        then(json.get("postgresVersion").asInt()).isEqualTo(db.majorVersion());
        then(json.at("/migrations/2/statements/0/observed/lock").asText()).isEqualTo("ShareLock");
        then(json.at("/migrations/3/statements/0/observed/sqlState").asText()).isEqualTo("23502");
    }

    @Test
    void leaves_no_trace_in_the_database(TestDatabase db) throws Exception {
        String before = fingerprint(db);

        run("--database-url", libpqUrl(db), dir.resolve("app").toString());

        then(fingerprint(db)).isEqualTo(before);
    }

    @Test
    void a_database_it_cannot_log_in_to_is_one_line_without_the_password(TestDatabase db) {
        // The embedded server trusts local connections, so an unknown role (not a wrong password) is what fails here.
        String url = "postgres://no_such_role:" + PASSWORD + "@" + db.host() + ":" + db.port() + "/" + DATABASE;
        Run r = run("--database-url", url, dir.resolve("app").toString());

        then(r.exit()).isEqualTo(2);
        then(r.err().strip().lines()).hasSize(1);
        then(r.err()).startsWith("zdcd trace: cannot connect to jdbc:postgresql://").contains("no_such_role")
                .doesNotContain(PASSWORD);
        then(r.out()).isEmpty();
    }

    @Test
    void a_one_letter_password_is_masked_with_the_one_mask_where_it_stands_alone(TestDatabase db) {
        String url = "postgres://no_such_role:e@" + db.host() + ":" + db.port() + "/" + DATABASE + "?password=e";
        Run r = run("--database-url", url, dir.resolve("app").toString());

        then(r.exit()).isEqualTo(2);
        then(r.err()).startsWith("zdcd trace: cannot connect to jdbc:postgresql://").contains("no_such_role",
                "does not exist").doesNotContain("***").doesNotContainPattern("[a-z]██|██[a-z]");
    }

    @Test
    void a_busy_database_is_refused_unless_allowed(TestDatabase db) throws Exception {
        try (Connection other = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + DATABASE, ROLE, PASSWORD)) {
            Run refused = run("--database-url", jdbcUrl(db), dir.resolve("app/0002_add_note.sql").toString());
            then(refused.exit()).isEqualTo(2);
            then(refused.err()).contains("other client connection").doesNotContain(PASSWORD);

            Run allowed = run("--database-url", jdbcUrl(db), "--allow-busy",
                    dir.resolve("app/0002_add_note.sql").toString());
            then(allowed.exit()).as(allowed.out() + allowed.err()).isEqualTo(0);
            then(allowed.out()).contains("in place");
            then(other.isValid(1)).isTrue();
        }
    }

    @Test
    void bad_input_exits_2_with_one_line(TestDatabase db) {
        Run missing = run("--database-url", jdbcUrl(db), dir.resolve("nope.sql").toString());
        then(missing.exit()).isEqualTo(2);
        then(missing.err().strip()).isEqualTo("zdcd trace: no such file or folder: " + dir.resolve("nope.sql"));

        Run badUrl = run("--database-url", "mysql://root:" + PASSWORD + "@x/db", dir.resolve("app").toString());
        then(badUrl.exit()).isEqualTo(2);
        then(badUrl.err().strip().lines()).hasSize(1);
        then(badUrl.err()).contains("not a PostgreSQL database URL").doesNotContain(PASSWORD);

        Run badFormat = run("--database-url", jdbcUrl(db), "--format", "xml", dir.resolve("app").toString());
        then(badFormat.exit()).isEqualTo(2);

        Run noPath = run("--database-url", jdbcUrl(db));
        then(noPath.exit()).isEqualTo(2);
    }

    /** Schema, rows, roles and databases of the traced database's server, as text. */
    private static String fingerprint(TestDatabase db) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + DATABASE, ROLE, PASSWORD);
             var s = c.createStatement();
             var rs = s.executeQuery("SELECT string_agg(x, E'\\n' ORDER BY x) FROM ("
                     + "SELECT 'rel ' || relname || ' ' || relkind::text || ' ' || relfilenode AS x FROM pg_class "
                     + "WHERE relnamespace = 'public'::regnamespace "
                     + "UNION ALL SELECT 'col ' || attrelid::regclass::text || '.' || attname || ' ' "
                     + "|| format_type(atttypid, atttypmod) || ' ' || attnotnull FROM pg_attribute "
                     + "WHERE attrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace) "
                     + "AND attnum > 0 "
                     + "UNION ALL SELECT 'rows users ' || count(*) || ' ' || sum(length(name)) FROM users "
                     + "UNION ALL SELECT 'role ' || rolname FROM pg_roles "
                     + "UNION ALL SELECT 'db ' || datname FROM pg_database) f")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
