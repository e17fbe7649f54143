package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.heroku.FakeHeroku;
import io.zdcd.testing.Leaks;
import io.zdcd.testing.PasswordLogin;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Tries to leak the database password and the Heroku token through every failing path of the CLI: each command that
 * takes a database (check, trace, migrate, deploy, nightly, plan, queue, recover, demo), the password given in
 * {@code --database-url} (libpq and JDBC form), {@code DATABASE_URL} or {@code --database-url-env}, the token in
 * {@code HEROKU_API_KEY} or {@code ~/.netrc}; failing on an unreachable host, a wrong password (the PostgreSQL JDBC
 * driver's own error, from a role that must log in with scram-sha-256), a 401 from the Heroku API, a malformed URL
 * and bad option values. Secrets are chosen to break naive masking: {@code % @ : /}, one character, a common word.
 *
 * <p>Each run must exit non-zero with one clear message and no stack trace; neither secret may appear, written as
 * given, URL-encoded, or in pieces; the mask never sits inside a word ({@code Conn██ction}). A secret that is a
 * common word ({@code e}, {@code release}) is allowed only as often as the same run shows it with other secrets.
 */
@ExtendWith(PostgresExtension.class)
class CliSecretsTest {
    private static final String ROLE = "zdcd_leak";
    private static final String DATABASE = "zdcd_leak_db";
    private static final String ENV_NAME = "ZDCD_LEAK_DB";
    private static final String SOURCE = "https://src.example.com/acme.tgz";
    private static final String OTHER_PASSWORD = "Wr0ng-Pw-7731";

    /** A database password and a Heroku token of the same kind. */
    record Secrets(String kind, String password, String token) {
        @Override
        public String toString() {
            return kind;
        }
    }

    /** Secrets that appear in no text of zdcd's: the baseline a common-word secret is compared with. */
    static final Secrets NEUTRAL = new Secrets("neutral", "Nq8Rk3Wd5Vf2", "Bm6Xc1Zs7Hj4");
    static final List<Secrets> SECRETS = List.of(
            new Secrets("long, % @ : /", "Kq7%Zx9@Wv4:Jm2/Ty6", "Tk3%Rb8@Lp5:Gd1/Nc4"),
            new Secrets("short, % @ : /", "Hb5%:@/", "Yf2/@:%"),
            new Secrets("one character", "e", "i"),
            new Secrets("common word", "release", "deploy"));

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** One failing invocation of the CLI, for given secrets. */
    record Case(String name, Function<Secrets, Run> run) {
        @Override
        public String toString() {
            return name;
        }
    }

    @TempDir
    static Path dir;
    static TestDatabase db;
    static MockWebServer server;
    static FakeHeroku heroku;
    static int closedPort;
    static PasswordLogin passwordLogin;
    static Path migrations;
    static Path sqlFile;

    @BeforeAll
    static void setUp(TestDatabase test) throws Exception {
        db = test;
        db.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)", "DROP ROLE IF EXISTS " + ROLE,
                "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + OTHER_PASSWORD + "'",
                "CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
        // the role logs in with its password: a wrong one is refused by the server (the driver's real error)
        passwordLogin = PasswordLogin.require(db, ROLE, DATABASE);
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        migrations = Files.createDirectories(dir.resolve("migrations"));
        sqlFile = migrations.resolve("V1__add_note.sql");
        Files.writeString(sqlFile, "ALTER TABLE orders ADD COLUMN note text;\n");
        server = new MockWebServer();
        server.start();
        heroku = new FakeHeroku(server.url("/").toString());
        server.setDispatcher(heroku);
        heroku.addApp("acme", 3);
        heroku.instant();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (passwordLogin != null) {
            passwordLogin.close();
        }
        db.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)", "DROP ROLE IF EXISTS " + ROLE);
        if (server != null) {
            server.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ the test

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Case c : allCases()) {
            for (Secrets s : SECRETS) {
                out.add(Arguments.of(c, s));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void no_secret_in_any_failure(Case c, Secrets secrets) {
        Run run = c.run().apply(secrets);
        String all = run.all();
        String context = c + " [" + secrets + "]: exit " + run.exit() + "\n--- stdout\n" + run.out() + "\n--- stderr\n" + run.err();

        then(run.exit()).as("non-zero exit\n" + context).isNotZero();
        then(all).as("no stack trace\n" + context).doesNotContainPattern("(?m)^\\s+at [\\w$.]+\\(")
                .doesNotContain("Exception in thread", "Caused by:");
        if (run.exit() == 2) {
            then(run.err().strip().lines().toList()).as("bad usage: one line on stderr\n" + context).hasSize(1)
                    .allSatisfy(l -> then(l).startsWith("zdcd"));
        } else {
            then(run.err().strip().lines().count()).as("at most one line on stderr\n" + context).isLessThanOrEqualTo(1);
        }
        then(all).as("the mask stands alone, words around it stay whole\n" + context)
                .doesNotContainPattern(Leaks.MASK_INSIDE_A_WORD);
        Run baseline = null;
        for (String secret : List.of(secrets.password(), secrets.token())) {
            if (Leaks.distinctive(secret)) {
                then(all).as("leaks " + secret + "\n" + context).doesNotContain(Leaks.forms(secret));
            } else {
                if (baseline == null) {
                    baseline = c.run().apply(NEUTRAL);
                }
                then(Leaks.words(all, secret)).as("the word " + secret + " appears more often than with other secrets: "
                        + "it leaked\n" + context + "\n--- baseline\n" + baseline.all())
                        .isLessThanOrEqualTo(Leaks.words(baseline.all(), secret));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ the cases

    /** Where a command reads the database URL from. */
    enum DbSource {
        OPTION, OPTION_JDBC, DATABASE_URL, URL_ENV_OPTION
    }

    /** How the database fails. */
    enum DbFailure {
        UNREACHABLE, WRONG_PASSWORD
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String libpq(String password, int port) {
        return "postgres://" + ROLE + ":" + enc(password) + "@localhost:" + port + "/" + DATABASE;
    }

    static String jdbc(String password, int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE + "?user=" + ROLE + "&password=" + enc(password);
    }

    /** What a command needs besides the database. */
    static String[] commandArgs(String command) {
        return switch (command) {
            case "check" -> new String[] {"check", sqlFile.toString()};
            case "trace" -> new String[] {"trace", sqlFile.toString()};
            case "migrate" -> new String[] {"migrate", migrations.toString()};
            case "deploy" -> new String[] {"deploy", "--app", "acme", "--source-url", SOURCE, "--commit",
                "abc1234def", "--migrations", migrations.toString()};
            case "nightly" -> new String[] {"nightly", "--app", "acme", "--source-url", SOURCE, "--commit",
                "abc1234def", "--migrations", migrations.toString()};
            case "plan" -> new String[] {"plan", "--app", "acme", "--source-url", SOURCE, "--commit", "abc1234def",
                "--migrations", migrations.toString()};
            case "queue" -> new String[] {"queue", "--app", "acme"};
            case "recover" -> new String[] {"recover", "--app", "acme"};
            case "demo" -> new String[] {"demo", "--rows", "1000", "--threads", "1", "--hold", "0.5"};
            default -> throw new IllegalArgumentException(command);
        };
    }

    static final List<String> DB_COMMANDS = List.of("check", "trace", "migrate", "deploy", "nightly", "plan", "queue",
            "recover", "demo");

    static List<DbSource> sources(String command) {
        return switch (command) {
            case "demo" -> List.of(DbSource.OPTION, DbSource.OPTION_JDBC);
            case "check" -> List.of(DbSource.OPTION, DbSource.OPTION_JDBC, DbSource.URL_ENV_OPTION);
            default -> List.of(DbSource.values());
        };
    }

    /** The invocation with the database URL given as {@code source}. */
    static Invocation withDatabase(String command, DbSource source, String url) {
        Invocation i = new Invocation(commandArgs(command));
        switch (source) {
            case OPTION, OPTION_JDBC -> i.args("--database-url", url);
            case DATABASE_URL -> i.env.put("DATABASE_URL", url);
            case URL_ENV_OPTION -> {
                i.env.put(ENV_NAME, url);
                i.args("--database-url-env", ENV_NAME);
            }
        }
        return i;
    }

    static List<Case> allCases() {
        List<Case> cases = new ArrayList<>();
        // the database fails: unreachable, or the server refuses the password
        for (DbFailure failure : DbFailure.values()) {
            for (String command : DB_COMMANDS) {
                for (DbSource source : sources(command)) {
                    cases.add(new Case(command + ", " + failure.name().toLowerCase().replace('_', ' ')
                            + ", URL in " + source, s -> {
                                int port = failure == DbFailure.UNREACHABLE ? closedPort : db.port();
                                String url = source == DbSource.OPTION_JDBC ? jdbc(s.password(), port)
                                        : libpq(s.password(), port);
                                return withDatabase(command, source, url).rolePassword(OTHER_PASSWORD)
                                        .tokenAccepted(true).run(s);
                            }));
                }
            }
        }
        // Heroku answers 401 (the database works), the token from HEROKU_API_KEY or ~/.netrc. (plan of a push and
        // recover with nothing to recover call no Heroku API: they succeed whatever the token.)
        for (boolean netrc : new boolean[] {false, true}) {
            for (String command : List.of("deploy", "nightly")) {
                cases.add(new Case(command + ", Heroku 401, token in " + (netrc ? "~/.netrc" : "HEROKU_API_KEY"),
                        s -> withDatabase(command, DbSource.OPTION, libpq(s.password(), db.port()))
                                .rolePassword(s.password()).tokenAccepted(false).tokenInNetrc(netrc).run(s)));
            }
            cases.add(new Case("deploy without a database, Heroku 401, token in " + (netrc ? "~/.netrc"
                    : "HEROKU_API_KEY"), s -> new Invocation("deploy", "--app", "acme", "--source-url", SOURCE,
                    "--commit", "abc1234def").tokenAccepted(false).tokenInNetrc(netrc).run(s)));
        }
        // malformed URLs: the password not percent-encoded, a scheme that is not PostgreSQL, no database name
        Map<String, Function<Secrets, String>> malformed = new java.util.LinkedHashMap<>();
        malformed.put("password not encoded", s -> "postgres://" + ROLE + ":" + s.password() + "@localhost:"
                + db.port() + "/" + DATABASE);
        malformed.put("jdbc password not encoded", s -> "jdbc:postgresql://localhost:" + db.port() + "/" + DATABASE
                + "?user=" + ROLE + "&password=" + s.password());
        malformed.put("mysql scheme", s -> "mysql://" + ROLE + ":" + enc(s.password()) + "@localhost/" + DATABASE);
        malformed.put("no database name", s -> "postgres://" + ROLE + ":" + enc(s.password()) + "@localhost:"
                + db.port());
        malformed.put("bad percent escape", s -> "postgres://" + ROLE + ":" + enc(s.password()) + "%zz@localhost:"
                + db.port() + "/" + DATABASE);
        for (var m : malformed.entrySet()) {
            for (String command : DB_COMMANDS) {
                DbSource source = command.equals("check") || command.equals("demo") ? DbSource.OPTION
                        : DbSource.DATABASE_URL;
                cases.add(new Case(command + ", malformed URL (" + m.getKey() + ") in " + source,
                        s -> withDatabase(command, source, m.getValue().apply(s)).rolePassword(OTHER_PASSWORD)
                                .tokenAccepted(true).run(s)));
            }
            cases.add(new Case("queue, malformed --control-database-url (" + m.getKey() + ")",
                    s -> new Invocation("queue", "--app", "acme", "--control-database-url", m.getValue().apply(s))
                            .rolePassword(OTHER_PASSWORD).run(s)));
        }
        // bad option values next to good secrets
        cases.add(new Case("migrate --lock-timeout abc", s -> new Invocation("migrate", "--lock-timeout", "abc",
                "--database-url", libpq(s.password(), db.port()), migrations.toString()).run(s)));
        cases.add(new Case("migrate, no such folder", s -> new Invocation("migrate", "--database-url",
                libpq(s.password(), db.port()), dir.resolve("nope").toString()).rolePassword(s.password()).run(s)));
        cases.add(new Case("trace --rows -1", s -> new Invocation("trace", "--rows", "-1", "--database-url",
                libpq(s.password(), db.port()), sqlFile.toString()).run(s)));
        cases.add(new Case("trace --format xml", s -> new Invocation("trace", "--format", "xml").env("DATABASE_URL",
                libpq(s.password(), db.port())).args(sqlFile.toString()).run(s)));
        cases.add(new Case("check --format nope", s -> new Invocation("check", "--format", "nope", "--database-url",
                libpq(s.password(), db.port()), sqlFile.toString()).run(s)));
        cases.add(new Case("check --database-url and --database-url-env", s -> new Invocation("check",
                "--database-url", libpq(s.password(), db.port()), "--database-url-env", ENV_NAME, sqlFile.toString())
                .env(ENV_NAME, jdbc(s.password(), db.port())).run(s)));
        cases.add(new Case("deploy --verify-timeout 0", s -> new Invocation("deploy", "--app", "acme", "--source-url",
                SOURCE, "--commit", "abc1234def", "--verify-timeout", "0", "--database-url",
                libpq(s.password(), db.port())).run(s)));
        cases.add(new Case("deploy --health-url http with the token in it", s -> new Invocation("deploy", "--app",
                "acme", "--source-url", SOURCE, "--commit", "abc1234def", "--health-url",
                "http://ci:" + enc(s.token()) + "@example.com/health").run(s)));
        cases.add(new Case("deploy --health-url http with the token in the query", s -> new Invocation("deploy",
                "--app", "acme", "--source-url", SOURCE, "--commit", "abc1234def", "--health-url",
                "http://example.com/health?token=" + enc(s.token())).run(s)));
        cases.add(new Case("deploy --source-url not http", s -> new Invocation("deploy", "--app", "acme",
                "--source-url", "ftp://x/y.tgz", "--commit", "abc1234def").env("DATABASE_URL",
                libpq(s.password(), db.port())).run(s)));
        cases.add(new Case("deploy --migrations and --django-project", s -> new Invocation("deploy", "--app", "acme",
                "--source-url", SOURCE, "--commit", "abc1234def", "--migrations", migrations.toString(),
                "--django-project", dir.toString(), "--database-url", jdbc(s.password(), db.port())).run(s)));
        cases.add(new Case("deploy --django-project not a Django project", s -> new Invocation("deploy", "--app",
                "acme", "--source-url", SOURCE, "--commit", "abc1234def", "--django-project", dir.toString())
                .env("DATABASE_URL", libpq(s.password(), db.port())).rolePassword(s.password()).run(s)));
        cases.add(new Case("deploy, misspelled --database-url=URL", s -> new Invocation("deploy", "--app", "acme",
                "--source-url", SOURCE, "--commit", "abc1234def", "--databse-url=" + libpq(s.password(), db.port()))
                .run(s)));
        cases.add(new Case("queue, the URL without its option", s -> new Invocation("queue", "--app", "acme",
                jdbc(s.password(), db.port())).run(s)));
        cases.add(new Case("plan, the token as an unknown option", s -> new Invocation("plan", "--app", "acme",
                "--nightly", "--api-key", s.token()).run(s)));
        cases.add(new Case("deploy, no app", s -> new Invocation("deploy", "--source-url", SOURCE, "--commit",
                "abc1234def").env("DATABASE_URL", libpq(s.password(), db.port())).run(s)));
        cases.add(new Case("deploy, https API URL refused as http", s -> new Invocation("deploy", "--app", "acme",
                "--source-url", SOURCE, "--commit", "abc1234def").env("HEROKU_API_URL",
                "http://api.example.com/").run(s)));
        cases.add(new Case("migrate --database-url-env unset", s -> new Invocation("migrate", "--database-url-env",
                "ZDCD_UNSET", migrations.toString()).env("DATABASE_URL", libpq(s.password(), db.port())).run(s)));
        cases.add(new Case("demo --rows 5", s -> new Invocation("demo", "--rows", "5", "--database-url",
                libpq(s.password(), closedPort)).run(s)));
        cases.add(new Case("demo --json into a missing folder", s -> new Invocation("demo", "--json",
                dir.resolve("nope/summary.json").toString(), "--database-url", jdbc(s.password(), closedPort)).run(s)));
        return cases;
    }

    /** One run of the CLI: its arguments, environment, token and the role's password. */
    static final class Invocation {
        final List<String> args = new ArrayList<>();
        final Map<String, String> env = new HashMap<>();
        String rolePassword = OTHER_PASSWORD;
        boolean tokenAccepted = true;
        boolean tokenInNetrc;

        Invocation(String... args) {
            this.args.addAll(List.of(args));
        }

        Invocation args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        Invocation env(String name, String value) {
            env.put(name, value);
            return this;
        }

        Invocation rolePassword(String password) {
            this.rolePassword = password;
            return this;
        }

        Invocation tokenAccepted(boolean accepted) {
            this.tokenAccepted = accepted;
            return this;
        }

        Invocation tokenInNetrc(boolean netrc) {
            this.tokenInNetrc = netrc;
            return this;
        }

        Run run(Secrets s) {
            db.execute("ALTER ROLE " + ROLE + " PASSWORD '" + rolePassword.replace("'", "''") + "'");
            heroku.token = tokenAccepted ? s.token() : "the-token-heroku-knows";
            Map<String, String> environment = new HashMap<>(env);
            environment.putIfAbsent("HEROKU_API_URL", server.url("/").toString());
            environment.putIfAbsent("HEROKU_DATA_API_URL", server.url("/").toString());
            Path netrc = dir.resolve("netrc-" + System.nanoTime());
            try {
                if (tokenInNetrc) {
                    Files.writeString(netrc, "machine api.heroku.com\n  login ci@example.com\n  password "
                            + s.token() + "\n");
                    Files.setPosixFilePermissions(netrc, PosixFilePermissions.fromString("rw-------"));
                } else {
                    environment.put("HEROKU_API_KEY", s.token());
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return execute(environment, netrc, args.toArray(String[]::new));
        }
    }

    /** Runs the CLI with {@code env} as every command's environment, capturing everything it prints. */
    static Run execute(Map<String, String> env, Path netrc, String... args) {
        CommandLine cli = Zdcd.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // before the subcommands are looked at: picocli then hands the writers down to each of them
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
        PrintStream capturedOut = new PrintStream(sysOut, true, StandardCharsets.UTF_8);
        for (CommandLine sub : cli.getSubcommands().values()) {
            Object command = sub.getCommand();
            HerokuOptions options = command instanceof DeployCommand d ? d.options
                    : command instanceof NightlyCommand n ? n.options
                    : command instanceof RecoverCommand r ? r.options
                    : command instanceof PlanCommand p ? p.options
                    : command instanceof QueueCommand q ? q.options : null;
            if (options != null) {
                options.env = env;
                options.netrc = netrc;
            } else if (command instanceof CheckCommand c) {
                c.env = env;
            } else if (command instanceof TraceCommand t) {
                t.env = env;
            } else if (command instanceof MigrateCommand m) {
                m.env = env;
            } else if (command instanceof DemoCommand demo) {
                demo.out = capturedOut;
            }
        }
        PrintStream originalOut = System.out;
        System.setOut(capturedOut);
        int exit;
        try {
            exit = cli.execute(args);
        } finally {
            System.setOut(originalOut);
        }
        return new Run(exit, out + sysOut.toString(StandardCharsets.UTF_8), err.toString());
    }
}
