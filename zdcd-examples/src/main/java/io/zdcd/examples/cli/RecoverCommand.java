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
                "Exit 0 recovered or nothing to recover, 4 not fully recovered (or consent needed), 2 bad usage."})
public final class RecoverCommand implements Callable<Integer> {
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
            var plan = pipeline.recoveryPlan();
            System.out.println(plan.map(p -> p.describe().stripTrailing()).orElse("nothing to recover"));
            return HerokuOptions.OK;
        }
        DeploymentOutcome outcome = acceptWriteLoss ? pipeline.recoverAcceptingWriteLoss() : pipeline.recover();
        System.out.println(outcome.describe().stripTrailing());
        return switch (outcome.status()) {
            case SKIPPED, DEPLOYED, ROLLED_BACK -> HerokuOptions.OK;
            case DEFERRED, FAILED, REFUSED -> HerokuOptions.NOT_RECOVERED;
        };
    }
}
