package io.zdcd.examples.cli;

import io.zdcd.heroku.FakeHeroku;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockWebServer;
import picocli.CommandLine;

/**
 * The {@code zdcd} command line against {@link FakeHeroku} on a MockWebServer: the Heroku commands read their token
 * and API URLs from {@link #env} (no real environment, no {@code ~/.netrc}), stdout is captured while this is open
 * and stderr goes to {@link #err}. The fake works at once ({@link FakeHeroku#instant()}): the CLI waits on the wall
 * clock.
 */
final class HerokuCli implements AutoCloseable {
    final MockWebServer server = new MockWebServer();
    final FakeHeroku heroku;
    /** The environment the Heroku commands see: HEROKU_API_KEY and the API URLs of the fake. */
    final Map<String, String> env = new HashMap<>();
    final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final Path netrc;

    /** @param dir a folder of the test's own: the netrc path (which does not exist) lives there */
    HerokuCli(Path dir) {
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        heroku = new FakeHeroku(server.url("/").toString());
        server.setDispatcher(heroku);
        heroku.instant();
        env.put("HEROKU_API_KEY", FakeHeroku.TOKEN);
        env.put("HEROKU_API_URL", server.url("/").toString());
        env.put("HEROKU_DATA_API_URL", server.url("/").toString());
        netrc = dir.resolve("no-netrc");
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    /** A fresh command line whose Heroku commands see {@link #env} and no netrc, stderr into {@link #err}. */
    CommandLine commandLine() {
        CommandLine cli = Zdcd.commandLine();
        for (String name : new String[] {"deploy", "nightly", "recover", "plan", "queue"}) {
            Object command = cli.getSubcommands().get(name).getCommand();
            HerokuOptions options = command instanceof DeployCommand d ? d.options
                    : command instanceof RecoverCommand r ? r.options
                    : command instanceof PlanCommand p ? p.options
                    : command instanceof QueueCommand q ? q.options : ((NightlyCommand) command).options;
            options.env = env;
            options.netrc = netrc;
        }
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    /** Runs {@code zdcd args...} and returns its exit code. */
    int run(String... args) {
        return commandLine().execute(args);
    }

    /** Everything printed on stdout since the start (or the last {@link #resetOut()}). */
    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    void resetOut() {
        out.reset();
    }

    static String[] concat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        server.close();
    }
}
