package io.zdcd.examples.cli;

import io.zdcd.pipeline.DeploymentPlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zdcd plan}: what {@code zdcd deploy} (or, with {@code --nightly}, {@code zdcd nightly}) would do, with no
 * side effect: the decision, each pending migration with its verdict, and the steps.
 */
@Command(name = "plan", sortOptions = false,
        description = {"Prints what 'zdcd deploy' (or 'zdcd nightly' with --nightly) would do with the same options: "
                + "the decision, each pending migration with its verdict and findings, and the steps. Changes nothing "
                + "(reads the journal, the queue and the pending migrations).",
                "With --fix (and --batch-size), as deploy --fix and nightly --fix: the UNSAFE migrations it would "
                        + "rewrite, their expand parts (MIGRATE steps) and contract parts (CONTRACT steps, after "
                        + "VERIFY) by name; nothing is written.",
                "Exit 0 deploy or skip, 3 defer, 4 refuse, 2 bad usage."})
public final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--nightly", description = "Plan the nightly build instead of a push.")
    boolean nightly;

    @Mixin
    HerokuOptions options = new HerokuOptions();

    @Mixin
    FixOptions fix = new FixOptions();

    @Override
    public Integer call() {
        fix.applyTo(options, spec);
        var build = options.build(spec);
        if (!nightly && build.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "plan needs --source-url URL and --commit SHA "
                    + "(or --nightly)");
        }
        var pipeline = options.pipeline(spec, System.out);
        DeploymentPlan plan = nightly ? build.map(pipeline::planNightly).orElseGet(pipeline::planNightly)
                : pipeline.plan(build.get());
        System.out.println(plan.describe().stripTrailing());
        return switch (plan.decision()) {
            case DEPLOY, SKIP -> HerokuOptions.OK;
            case DEFER -> HerokuOptions.DEFERRED;
            case REFUSE -> HerokuOptions.NOT_RECOVERED;
        };
    }
}
