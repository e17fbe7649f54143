package io.zdcd.examples.cli;

import io.zdcd.pipeline.DeploymentOutcome;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zdcd recover}: finishes the recovery of an app's unfinished deployment on Heroku (the process was killed
 * mid-step, recovery itself failed, or a restore awaits consent), from the journal kept in {@code --control-database-url} (else {@code --database-url}).
 */
@Command(name = "recover", sortOptions = false,
        description = {"Recovers the app's unfinished deployment (crashed mid-step, failed recovery, or a restore that "
                + "awaits consent) from the journal kept in --control-database-url (else --database-url), as zdcd "
                + "deploy and nightly would have.",
                "--plan prints the recovery plan and changes nothing.",
                "recover acts only on a deployment whose process is gone: one that is still running (it holds the "
                        + "deploy lock, or its heartbeat in the journal is fresh) is reported live, and nothing is "
                        + "done.",
                "Exit 0 recovered or nothing to recover (--plan: plan printed), 1 failed before changing anything "
                        + "(the platform did not answer; try again), 4 recovery not complete (a step failed or "
                        + "consent is needed: what is left is printed), 5 the deployment is live (running, not "
                        + "crashed): nothing done, 6 an interrupted expand/contract contract part was cleaned up: "
                        + "the release stays, the contract stays pending (the next deploy runs it), 2 bad usage."})
public final class RecoverCommand implements Callable<Integer> {
    /** Exit status: the unfinished deployment is live (its process runs): nothing was done. */
    static final int LIVE = 5;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--plan", description = "Print the recovery plan and change nothing.")
    boolean planOnly;

    @Option(names = "--accept-write-loss",
            description = "Consent to restore a backup even though writes made since it was taken will be lost.")
    boolean acceptWriteLoss;

    @Mixin
    HerokuOptions options = new HerokuOptions();

    @Override
    public Integer call() {
        if (options.control(spec.commandLine()).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "recover needs the journal of the unfinished deployment: "
                    + "give --control-database-url (or $ZDCD_CONTROL_DATABASE_URL), or --database-url if it is kept "
                    + "there");
        }
        var pipeline = options.pipeline(spec, System.out);
        if (planOnly) {
            var live = pipeline.liveDeployment();
            if (live.isPresent()) {
                System.out.println(live.get() + ": it is running, not crashed; nothing to recover while it runs");
                return LIVE;
            }
            var plan = pipeline.recoveryPlan();
            System.out.println(plan.map(p -> p.describe().stripTrailing()).orElse("nothing to recover"));
            return HerokuOptions.OK;
        }
        DeploymentOutcome outcome = acceptWriteLoss ? pipeline.recoverAcceptingWriteLoss() : pipeline.recover();
        System.out.println(outcome.describe().stripTrailing());
        return switch (outcome.status()) {
            case SKIPPED, DEPLOYED, ROLLED_BACK -> HerokuOptions.OK;
            case FAILED -> ((DeploymentOutcome.Failed) outcome).nothingChanged() ? HerokuOptions.RECOVERED
                    : HerokuOptions.NOT_RECOVERED;
            case DEFERRED -> HerokuOptions.NOT_RECOVERED;
            case REFUSED -> LIVE;
            case CONTRACT_FAILED -> HerokuOptions.CONTRACT_PENDING;
        };
    }
}
