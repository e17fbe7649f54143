package io.zdcd.examples.cli;

import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.spi.QueuedBuild;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code zdcd queue}: lists the builds waiting for the nightly build, or drops one. No Heroku call. */
@Command(name = "queue", sortOptions = false,
        description = {"Lists the builds waiting for the nightly build (oldest first), or drops one with --drop.",
                "The queue is kept in --control-database-url (else $ZDCD_CONTROL_DATABASE_URL, else --database-url). "
                        + "Source URLs are kept but never printed (they may carry a signed token).",
                "Exit 0 listed or dropped, 1 --drop VERSION was not queued, 2 bad usage."})
public final class QueueCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--drop", paramLabel = "VERSION",
            description = "Remove this build from the queue (the builds before and after it stay).")
    String drop;

    @Mixin
    HerokuOptions options = new HerokuOptions();

    @Override
    public Integer call() {
        var cli = spec.commandLine();
        String app = options.appName(cli);
        var db = options.control(cli).orElseThrow(() -> new ParameterException(cli,
                "queue needs --control-database-url (or $ZDCD_CONTROL_DATABASE_URL), or --database-url"));
        JdbcBuildQueue queue = JdbcBuildQueue.of(db);
        if (drop != null) {
            List<QueuedBuild> queued = queue.queued(app);
            String version = queued.stream().map(q -> q.build().version())
                    .filter(v -> v.equals(drop) || v.startsWith(drop) && drop.length() >= 7).findFirst().orElse(drop);
            if (!queue.drop(app, version)) {
                System.out.println(drop + " is not queued for " + app);
                return 1;
            }
            System.out.println("dropped " + version + " from the nightly queue of " + app + "; "
                    + (queued.size() - 1) + (queued.size() - 1 == 1 ? " build" : " builds") + " left");
            return 0;
        }
        List<QueuedBuild> queued = queue.queued(app);
        if (queued.isEmpty()) {
            System.out.println("nothing queued for " + app + ": the nightly build will be skipped");
            return 0;
        }
        System.out.println(queued.size() + (queued.size() == 1 ? " build" : " builds") + " queued for " + app
                + " (oldest first; the nightly build deploys the newest, which contains the others):");
        for (QueuedBuild q : queued) {
            System.out.println("  " + q.build().shortVersion()
                    + (q.build().description().isEmpty() ? "" : "  \"" + q.build().description() + "\"")
                    + "  queued " + q.queuedAt() + "  " + (q.build().sourceUrl().isPresent() ? "source URL kept"
                    : "NO SOURCE URL (cannot be released on Heroku: drop it or run nightly with --source-url)"));
            if (!q.reason().isEmpty()) {
                System.out.println("      " + q.reason());
            }
        }
        return 0;
    }
}
