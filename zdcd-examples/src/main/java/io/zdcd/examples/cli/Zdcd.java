package io.zdcd.examples.cli;

import io.zdcd.jdbc.PostgresDatabase;
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
                    + Console.scrub(withoutUnmatchedValues(ex), args) + suggestions(ex));
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println(Console.scrub(failure(ex, commandLine),
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
     * Runs zdcd (as {@link Main#main} does).
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        Main.main(args);
    }

    /** Runs any command line but a plain {@code zdcd check}, which {@link Main} runs without picocli. */
    static int runWithPicocli(String[] args) {
        return run(commandLineFor(args), args);
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
        PrintWriter out = Console.stdout();
        cli.setOut(out);
        cli.setErr(Console.stderr());
        return Console.reported(cli.execute(args), out);
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
