package io.zdcd.examples.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.zdcd.jdbc.PostgresDatabase;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code zdcd} command line: {@code java -jar zdcd-examples/target/zdcd.jar <command> ...}.
 *
 * <p>Exit codes shared by every command: 0 success, 1 the job found a problem (unsafe migration, failed
 * deployment...), 2 bad usage or unreadable input (one clear line on stderr, no stack trace).
 */
@Command(name = "zdcd", mixinStandardHelpOptions = true, versionProvider = Zdcd.Version.class,
        description = "Zero downtime continuous delivery for Django + PostgreSQL.")
public final class Zdcd implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: see zdcd --help");
    }

    /** The subcommands' classes (by name: not loaded until used), in the order {@code zdcd --help} lists them. */
    private static final Map<String, String> COMMANDS = commands();

    private static Map<String, String> commands() {
        Map<String, String> commands = new LinkedHashMap<>();
        commands.put("check", "CheckCommand");
        commands.put("trace", "TraceCommand");
        commands.put("migrate", "MigrateCommand");
        commands.put("deploy", "DeployCommand");
        commands.put("nightly", "NightlyCommand");
        commands.put("recover", "RecoverCommand");
        commands.put("plan", "PlanCommand");
        commands.put("queue", "QueueCommand");
        commands.put("fix", "FixCommand");
        commands.put("demo", "DemoCommand");
        return commands;
    }

    private static Class<?> commandClass(String simpleName) {
        try {
            return Class.forName(Zdcd.class.getPackageName() + "." + simpleName);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The command line with every subcommand registered. */
    public static CommandLine commandLine() {
        return commandLine(COMMANDS.keySet());
    }

    /**
     * The command line for these arguments: when the first one names a subcommand only that one is registered, so
     * {@code zdcd check} never loads the classes of deploy, the demo or the Heroku client (start-up time); otherwise
     * (help, version, a typo) every subcommand is, for the usage message.
     */
    static CommandLine commandLineFor(String[] args) {
        return commandLine(args.length > 0 && COMMANDS.containsKey(args[0]) ? List.of(args[0]) : COMMANDS.keySet());
    }

    private static CommandLine commandLine(Collection<String> names) {
        CommandLine cli = new CommandLine(new Zdcd());
        names.forEach(name -> cli.addSubcommand(name, commandClass(COMMANDS.get(name))));
        if (names.size() > 1) {
            cli.addSubcommand("help", new CommandLine.HelpCommand());
        }
        cli.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println(ex.getCommandLine().getCommandSpec().qualifiedName() + ": "
                    + scrub(withoutUnmatchedValues(ex), args) + suggestions(ex));
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println(scrub(failure(ex, commandLine),
                    parseResult.originalArgs().toArray(String[]::new)));
            return 2;
        });
        return cli;
    }

    /**
     * picocli's "did you mean" for a mistyped option or command, on the same line ({@code (did you mean --format?)}):
     * only names of zdcd's own options and commands, never the user's text.
     */
    private static String suggestions(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            List<String> names = u.getSuggestions().stream().filter(n -> n.matches("-{0,2}[a-z][a-z-]*")).limit(3)
                    .toList();
            return names.isEmpty() ? "" : " (did you mean " + String.join(" or ", names) + "?)";
        }
        return "";
    }

    /**
     * picocli's message, with the values of arguments it could not match hidden: a mistyped
     * {@code --databse-url=postgres://user:password@...} or a token given as an unknown option must not be echoed.
     * Options keep their name ({@code '--databse-url=██'}), anything else becomes {@code ██}.
     */
    private static String withoutUnmatchedValues(CommandLine.ParameterException ex) {
        String message = String.valueOf(ex.getMessage());
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            for (String arg : u.getUnmatched()) {
                int eq = arg.indexOf('=');
                String shown = !arg.startsWith("-") ? PostgresDatabase.MASK
                        : eq < 0 ? arg : arg.substring(0, eq + 1) + PostgresDatabase.MASK;
                message = message.replace("'" + arg + "'", "'" + shown + "'");
            }
        }
        return message;
    }

    /**
     * A message without secrets, whatever code produced it: URL credentials hidden ({@link PostgresDatabase#redact}),
     * and the password of every database URL on the command line or in {@code DATABASE_URL} and
     * {@code ZDCD_CONTROL_DATABASE_URL}, and {@code HEROKU_API_KEY}, masked ({@link PostgresDatabase#mask(String,
     * String)}, the one mask).
     */
    static String scrub(String message, String[] args) {
        String out = message;
        java.util.List<String> urls = new java.util.ArrayList<>();
        for (String arg : args) {
            urls.add(arg.startsWith("-") ? arg.substring(arg.indexOf('=') + 1) : arg);
        }
        urls.add(System.getenv("DATABASE_URL"));
        urls.add(System.getenv("ZDCD_CONTROL_DATABASE_URL"));
        for (String url : urls) {
            if (url != null && (url.contains("postgres://") || url.contains("postgresql://"))) {
                try {
                    out = PostgresDatabase.fromUrl(url).mask(out);
                } catch (IllegalArgumentException e) {
                    // not a URL zdcd could read: redact() below hides its credentials
                }
            }
        }
        return PostgresDatabase.redact(PostgresDatabase.mask(out, System.getenv("HEROKU_API_KEY")));
    }

    public static void main(String[] args) {
        // Reports are UTF-8 whatever the platform's default charset is (Java 17 uses the locale's for System.out).
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, UTF_8));
        CheckCommand check = FastCheck.parse(args);
        System.exit(check != null ? run(check, args) : run(commandLineFor(args), args));
    }

    /** The one line on stderr for an exception a command did not handle. */
    private static String failure(Exception ex) {
        return "zdcd: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage());
    }

    private static String failure(Exception ex, CommandLine commandLine) {
        String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        String name = commandLine.getCommandSpec().qualifiedName();
        return message.startsWith(name + ":") ? message : name + ": " + message;
    }

    /**
     * Runs the command line on {@code System.out} and {@code System.err}. A report that could not be written (full
     * disk, closed pipe: {@link PrintStream#checkError()}) exits 2 with one line on stderr, whatever the command said.
     */
    static int run(CommandLine cli, String[] args) {
        PrintWriter out = stdout();
        cli.setOut(out);
        cli.setErr(stderr());
        return reported(cli.execute(args), out);
    }

    /** Runs {@code zdcd check} as {@link #run(CommandLine, String[])} does, without picocli ({@link FastCheck}). */
    static int run(CheckCommand check, String[] args) {
        check.out = stdout();
        check.err = stderr();
        check.bytes = new PrintStream(new java.io.BufferedOutputStream(System.out, 1 << 16), false, UTF_8);
        int exit;
        try {
            exit = check.call();
        } catch (RuntimeException e) {
            check.err.println(scrub(failure(e), args));
            exit = 2;
        }
        return reported(exit, check.out);
    }

    private static PrintWriter stdout() {
        return new PrintWriter(new OutputStreamWriter(System.out, UTF_8), true);
    }

    private static PrintWriter stderr() {
        return new PrintWriter(new OutputStreamWriter(System.err, UTF_8), true);
    }

    private static int reported(int exit, PrintWriter out) {
        out.flush();
        if (System.out.checkError() || out.checkError()) {
            System.err.println("zdcd: could not write the report to standard output (disk full or output closed?)");
            System.err.flush();
            return 2;
        }
        return exit;
    }

    /** Reads the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Zdcd.class.getPackage().getImplementationVersion();
            return new String[] {"zdcd " + (v == null ? "development build" : v)};
        }
    }
}
