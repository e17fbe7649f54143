package io.zdcd.examples.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
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

    /** The command line with every subcommand registered. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Zdcd());
        // Each subcommand is registered on its own line.
        cli.addSubcommand(new CheckCommand());

        cli.addSubcommand(new TraceCommand());

        cli.addSubcommand(new MigrateCommand());

        cli.addSubcommand(new DeployCommand());

        cli.addSubcommand(new NightlyCommand());

        cli.addSubcommand(new RecoverCommand());

        cli.addSubcommand(new PlanCommand());

        cli.addSubcommand(new QueueCommand());

        cli.addSubcommand(new DemoCommand());
        cli.addSubcommand(new FixCommand());

        cli.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("zdcd: " + ex.getMessage());
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("zdcd: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 2;
        });
        return cli;
    }

    public static void main(String[] args) {
        // Reports are UTF-8 whatever the platform's default charset is (Java 17 uses the locale's for System.out).
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, UTF_8));
        System.exit(run(commandLine(), args));
    }

    /**
     * Runs the command line on {@code System.out} and {@code System.err}. A report that could not be written (full
     * disk, closed pipe: {@link PrintStream#checkError()}) exits 2 with one line on stderr, whatever the command said.
     */
    static int run(CommandLine cli, String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, UTF_8), true);
        cli.setOut(out);
        cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, UTF_8), true));
        int exit = cli.execute(args);
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
