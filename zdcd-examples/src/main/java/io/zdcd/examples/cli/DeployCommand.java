package io.zdcd.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zdcd deploy}: ships one push of a Django app to Heroku with zero downtime, or defers it to the nightly
 * build when a pending migration is unsafe.
 */
@Command(name = "deploy", sortOptions = false,
        description = {"Deploys one push to Heroku: preflight (pending migrations must all be SAFE, else the push is "
                + "deferred to the nightly build), backup, migrate, Heroku build and release phase, web dynos up, "
                + "--smoke-command, health check; a "
                + "failing step is recovered automatically.",
                "Token: $HEROKU_API_KEY or the Heroku CLI's ~/.netrc. API URLs: $HEROKU_API_URL, $HEROKU_DATA_API_URL.",
                "--fix ships an UNSAFE push at once by expand/contract when every UNSAFE statement has a recipe "
                        + "(see zdcd fix): backup, the expand part (each statement SAFE), release, verify, then the "
                        + "contract part; anything without a recipe is still deferred. With --django-project the parts "
                        + "run as SQL and the migration is then recorded in django_migrations.",
                "Exit 0 deployed, 3 deferred, 1 failed and recovered (or failed before changing anything), 4 failed "
                        + "and not fully recovered (or refused: another deployment holds the app; or the deploy lock "
                        + "was lost mid-way: run zdcd recover), 6 deployed and verified with --fix but a contract part "
                        + "failed: nothing rolled back, the contract stays pending (the next deploy runs it once fixed), "
                        + "2 bad usage."})
public final class DeployCommand implements Callable<Integer> {
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
        var build = options.build(spec).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "deploy needs --source-url URL and --commit SHA"));
        var pipeline = options.pipeline(spec, System.out);
        return HerokuOptions.finish(pipeline.deploy(build), System.out);
    }
}
