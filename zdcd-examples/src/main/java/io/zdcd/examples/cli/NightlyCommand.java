package io.zdcd.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zdcd nightly}: the nightly build on Heroku, run by a scheduler. Skipped when nothing was deferred and
 * nothing committed since the last deployment; otherwise deploys the newest build, inside a maintenance window when
 * an unsafe migration is pending.
 */
@Command(name = "nightly", sortOptions = false,
        description = {"The nightly build on Heroku: skipped when nothing was queued (and, given --commit, nothing "
                + "committed since the last deployment); otherwise deploys the newest build without the preflight "
                + "check, inside a maintenance window when a pending migration is UNSAFE.",
                "Give --commit and --source-url of the newest commit; without them the newest queued build (kept "
                        + "whole, source URL included, in --control-database-url, else --database-url) is deployed, "
                        + "after checking it can be released.",
                "In the maintenance window: backup, migrations, release, then every web dyno up and the "
                        + "--smoke-command in a one-off dyno; maintenance goes off, then --health-url is checked. "
                        + "A health check failing after the window rolls the code back; the database is restored "
                        + "only by 'zdcd recover --accept-write-loss'.",
                "--fix ships the UNSAFE migrations that have recipes by expand/contract, as deploy --fix does: "
                        + "no maintenance window for them, the contract part after the release is verified.",
                "Exit 0 deployed or skipped, 1 failed and recovered, 4 failed and not fully recovered (or refused), "
                        + "6 deployed and verified with --fix but a contract part failed (it stays pending), "
                        + "2 bad usage."})
public final class NightlyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    // no standard -V/--version option: the hidden --version is the deprecated name of --commit.
    @Mixin
    HerokuOptions options = new HerokuOptions();

    @Mixin
    FixOptions fix = new FixOptions();

    @Override
    public Integer call() {
        fix.applyTo(options, spec);
        var head = options.build(spec);
        var pipeline = options.pipeline(spec, System.out);
        return HerokuOptions.finish(head.map(pipeline::nightly).orElseGet(pipeline::nightly), System.out);
    }
}
