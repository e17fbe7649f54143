package io.zdcd.pipeline;

import io.zdcd.classify.MigrationClassifier;
import io.zdcd.internal.PipelineDraft;
import io.zdcd.internal.PipelineEngine;
import io.zdcd.internal.PipelineSettings;
import io.zdcd.recovery.RecoveryOutcome;
import io.zdcd.recovery.RecoveryPlan;
import io.zdcd.spi.Build;
import io.zdcd.spi.BuildQueue;
import io.zdcd.spi.DatabaseBackups;
import io.zdcd.spi.DeploymentJournal;
import io.zdcd.spi.HealthCheck;
import io.zdcd.spi.MigrationRewriter;
import io.zdcd.spi.MigrationRunner;
import io.zdcd.spi.MigrationSource;
import io.zdcd.spi.Platform;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Ships builds of one app with zero downtime: a push whose pending migrations are all SAFE deploys at once
 * ({@link #deploy}), one with UNSAFE migrations waits for the {@link #nightly} build unless
 * {@link Builder#expandContract expand/contract} rewrites them all, and a failing step is recovered automatically by a
 * {@link RecoveryPlan}. Immutable once built and safe to share; one deployment per app runs at a time (the journal's
 * deploy lock). How each of these runs: the {@linkplain io.zdcd.pipeline package} description.
 *
 * <pre>{@code
 * DeploymentPipeline pipeline = DeploymentPipeline.builder()
 *         .app("acme")
 *         .platform(platform)                                  // HerokuPlatform, or your own Platform
 *         .migrations(SqlMigrationSource.of(db, Path.of("migrations")), JdbcMigrationRunner.of(db))
 *         .classifier(SqlMigrationClassifier.defaults())       // zdcd-analyzer
 *         .backups(LocalDatabaseBackups.of(db))
 *         .journal(JdbcDeploymentJournal.of(controlDb))
 *         .queue(JdbcBuildQueue.of(controlDb))
 *         .addListener(DeploymentListener.printing(System.out))
 *         .build();
 * DeploymentOutcome outcome = pipeline.deploy(Build.of(gitSha, "add email to users"));
 * }</pre>
 */
public final class DeploymentPipeline {
    /** The default time the verify step waits for a healthy release: 2 minutes. */
    public static final Duration DEFAULT_VERIFY_TIMEOUT = Duration.ofMinutes(2);
    /** The default pause between two health checks: 2 seconds. */
    public static final Duration DEFAULT_VERIFY_INTERVAL = Duration.ofSeconds(2);
    /** The default time a smoke command may run (a Heroku one-off dyno boots in 10 to 60 s): 5 minutes. */
    public static final Duration DEFAULT_SMOKE_TIMEOUT = Duration.ofMinutes(5);

    private final PipelineSettings settings;
    private final PipelineEngine engine;

    private DeploymentPipeline(PipelineSettings settings) {
        this.settings = settings;
        this.engine = new PipelineEngine(settings);
    }

    /** {@return a new builder holding the defaults; {@link Builder#app} and {@link Builder#platform} are required} */
    public static Builder builder() {
        return new Builder(new PipelineDraft(DEFAULT_VERIFY_TIMEOUT, DEFAULT_VERIFY_INTERVAL, DEFAULT_SMOKE_TIMEOUT));
    }

    /** {@return a new builder holding every setting of this pipeline, listeners included; this pipeline stays as is} */
    public Builder newBuilder() {
        return new Builder(PipelineDraft.of(settings));
    }

    /** {@return the name of the app this pipeline deploys, as given to {@link Builder#app}} */
    public String app() {
        return settings.app();
    }

    /**
     * What {@link #deploy} would do: pending migrations with their verdicts, the decision, the steps. No side effect.
     * @param build the build a push would deploy; not null
     * @return the plan, with the decision {@link DeploymentPlan.Decision#DEPLOY}, {@code DEFER} or {@code REFUSE}
     */
    public DeploymentPlan plan(Build build) {
        return engine.plan(Objects.requireNonNull(build, "build"));
    }

    /**
     * {@return what {@link #nightly()} would do, with the decision {@link DeploymentPlan.Decision#DEPLOY} (which build,
     * which steps, a maintenance window or not), {@code SKIP} or {@code REFUSE}} No side effect.
     */
    public DeploymentPlan planNightly() {
        return engine.planNightly(Optional.empty());
    }

    /**
     * What {@link #nightly(Build)} would do with this head; no side effect.
     * @param head the build of the newest commit; not null
     * @return the plan, with the decision {@link DeploymentPlan.Decision#DEPLOY}, {@code SKIP} or {@code REFUSE}
     */
    public DeploymentPlan planNightly(Build head) {
        return engine.planNightly(Optional.of(Objects.requireNonNull(head, "head")));
    }

    /**
     * Deploys a push (<a href="package-summary.html#continuous">continuous mode</a>: lock, preflight, backup,
     * migrate, release, verify; deferred when a pending migration is UNSAFE or a build is queued).
     * @param build the build pushed; not null
     * @return how it ended (a failed step does not throw; {@link DeploymentOutcome#orThrow()} does): DEPLOYED,
     *         DEFERRED, REFUSED, ROLLED_BACK, FAILED or CONTRACT_FAILED
     */
    public DeploymentOutcome deploy(Build build) {
        return engine.deploy(Objects.requireNonNull(build, "build"));
    }

    /**
     * The <a href="package-summary.html#nightly">nightly build</a> from the queue alone: skipped when nothing is
     * queued; otherwise deploys the newest queued build (in a maintenance window when a migration is UNSAFE).
     * @return how it ended: SKIPPED when nothing is queued, otherwise as {@link #deploy} (never DEFERRED)
     */
    public DeploymentOutcome nightly() {
        return engine.nightly(Optional.empty());
    }

    /**
     * The nightly build, knowing the newest commit: skipped when nothing is queued and {@code head} was deployed last;
     * otherwise deploys {@code head} (which contains every queued build) as {@link #nightly()} does.
     * @param head the build of the newest commit on the deployed branch; not null
     * @return how it ended: SKIPPED when there is nothing new, otherwise as {@link #nightly()}
     */
    public DeploymentOutcome nightly(Build head) {
        return engine.nightly(Optional.of(Objects.requireNonNull(head, "head")));
    }

    /**
     * {@return the journal's plan to recover the app's unfinished deployment (crashed, or recovery failed or awaits
     * consent), consenting to lose writes when {@link Builder#acceptWriteLoss} is set; empty when there is none}
     */
    public Optional<RecoveryPlan> recoveryPlan() {
        return engine.recoveryPlan();
    }

    /**
     * {@return the app's deployment running now (holding the app's lock), in one line ({@code deployment #7 of
     * Build[3f2c1a9] is live, held by alice@ci-1 since ..., last heartbeat ...}), or empty when no process holds it}
     * A running deployment is not crashed: {@link #recover()} refuses it; do not act on its {@link #recoveryPlan()}.
     */
    public Optional<String> liveDeployment() {
        return engine.liveDeployment();
    }

    /**
     * Finds the app's unfinished deployment (crashed mid-step, or recovery owed) and recovers it by its plan
     * (<a href="package-summary.html#recovery">recovery</a>).
     * @return SKIPPED (nothing unfinished), REFUSED (still running), ROLLED_BACK (CONTRACT_FAILED when only a contract
     *         part had failed: the release stays), or FAILED with what is left (a restore losing writes awaits consent)
     */
    public DeploymentOutcome recover() {
        return engine.recover(false);
    }

    /** {@return as {@link #recover()}, consenting to lose the writes made since the backup if the plan restores one} */
    public DeploymentOutcome recoverAcceptingWriteLoss() {
        return engine.recover(true);
    }

    /**
     * Executes a recovery plan through this pipeline's ports, journaling each step against the plan's deployment.
     * @param plan the plan to execute, for this pipeline's app, for example from {@link #recoveryPlan()}; not null
     * @return what was done: RECOVERED, NEEDS_CONSENT (nothing done) or FAILED with the steps left
     * @throws IllegalArgumentException when the plan recovers another app
     */
    public RecoveryOutcome execute(RecoveryPlan plan) {
        return engine.execute(Objects.requireNonNull(plan, "plan"));
    }

    @Override
    public String toString() {
        return "DeploymentPipeline[" + settings.app() + ", " + settings.platform().getClass().getSimpleName() + "]";
    }

    /**
     * Configures a {@link DeploymentPipeline}; {@link #app} and {@link #platform} are required. Each setter names its
     * default; a setter given null throws {@link NullPointerException}.
     */
    public static final class Builder {
        private final PipelineDraft d;

        private Builder(PipelineDraft d) {
            this.d = d;
        }

        /**
         * The app to deploy (required; the lock, journal and queue are per app).
         * @param app the platform's name of the app, for example a Heroku app name; not blank
         * @return this builder
         * @throws IllegalArgumentException when {@code app} is blank
         */
        public Builder app(String app) {
            d.app = PipelineDraft.notBlank(app, "app", "app");
            return this;
        }

        /**
         * Where the code runs (required).
         * @param platform the adapter that builds, releases and rolls back, for example {@code HerokuPlatform}
         * @return this builder
         */
        public Builder platform(Platform platform) {
            d.platform = Objects.requireNonNull(platform, "platform");
            return this;
        }

        /**
         * Where pending migrations come from and what applies them; needs {@link #backups}. (default: none: code only,
         * or the platform migrates, e.g. in Heroku's release phase)
         * @param source lists the migrations a build brings that the database has not applied
         * @param runner applies them, with its lock-timeout and retry policy
         * @return this builder
         */
        public Builder migrations(MigrationSource source, MigrationRunner runner) {
            d.migrations = Objects.requireNonNull(source, "source");
            d.runner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /**
         * Judges pending migrations for preflight and the nightly maintenance window. (default: none, failing closed:
         * every pending migration counts as UNSAFE: such a push is deferred, such a nightly takes a window)
         * @param classifier for example {@code SqlMigrationClassifier.defaults()} (zdcd-analyzer)
         * @return this builder
         */
        public Builder classifier(MigrationClassifier classifier) {
            d.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /**
         * Restore points taken before migrating. (default: none; required with {@link #migrations})
         * @param backups captures and restores the app's database
         * @return this builder
         */
        public Builder backups(DatabaseBackups backups) {
            d.backups = Objects.requireNonNull(backups, "backups");
            return this;
        }

        /**
         * What the <a href="package-summary.html#verify">verify step</a> asks once traffic reaches the release (in a
         * nightly window, after it went off). (default: {@link HealthCheck#releaseSucceeded()})
         * @param healthCheck asked until it answers healthy or {@link #verifyTimeout} passes
         * @return this builder
         */
        public Builder healthCheck(HealthCheck healthCheck) {
            d.healthCheck = Objects.requireNonNull(healthCheck, "healthCheck");
            return this;
        }

        /**
         * How long verify waits for the release's processes to be up, and again for a healthy {@link #healthCheck}.
         * @param timeout the longest wait for each; zero (ask once) or more; default {@link #DEFAULT_VERIFY_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is negative
         */
        public Builder verifyTimeout(Duration timeout) {
            d.verifyTimeout = PipelineDraft.duration(timeout, "timeout", "verifyTimeout", true);
            return this;
        }

        /**
         * The pause between two health checks. (default: {@link #DEFAULT_VERIFY_INTERVAL}, 2 seconds)
         * @param interval the pause; zero or more, never longer than what is left of the verify timeout
         * @return this builder
         * @throws IllegalArgumentException when {@code interval} is negative
         */
        public Builder verifyInterval(Duration interval) {
            d.verifyInterval = PipelineDraft.duration(interval, "interval", "verifyInterval", true);
            return this;
        }

        /**
         * A command the <a href="package-summary.html#verify">verify step</a> runs in a one-off process of the new
         * release ({@link Platform#runCommand}); it must exit 0 within {@link #smokeTimeout}. (default: none)
         * @param command for example {@code python manage.py check --deploy}; not blank. It runs with the release's
         *                environment: read secrets from there, never put one in the command
         * @return this builder
         * @throws IllegalArgumentException when {@code command} is blank
         */
        public Builder smokeCommand(String command) {
            d.smokeCommand = PipelineDraft.notBlank(command, "command", "smokeCommand");
            return this;
        }

        /**
         * How long the {@link #smokeCommand} may run. (default: {@link #DEFAULT_SMOKE_TIMEOUT}, 5 minutes)
         * @param timeout the longest run, boot of the one-off process included; more than zero
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder smokeTimeout(Duration timeout) {
            d.smokeTimeout = PipelineDraft.duration(timeout, "timeout", "smokeTimeout", false);
            return this;
        }

        /**
         * The deploy lock and each step's record. (default: {@link DeploymentJournal#inMemory()}: lost in a crash)
         * @param journal shared by every process that deploys the app; in production {@code JdbcDeploymentJournal}
         * @return this builder
         */
        public Builder journal(DeploymentJournal journal) {
            d.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /**
         * Where deferred builds wait for the nightly build. (default: {@link BuildQueue#inMemory()})
         * @param queue the queue, shared by the processes that push and the one that runs the nightly build
         * @return this builder
         */
        public Builder queue(BuildQueue queue) {
            d.queue = Objects.requireNonNull(queue, "queue");
            return this;
        }

        /**
         * Adds a listener for every event. (default: none)
         * @param listener called with every event, after the listeners added before it
         * @return this builder
         */
        public Builder addListener(DeploymentListener listener) {
            d.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Who deploys, as the lock and the journal show it. (default: {@code <user.name>@<HOSTNAME> (pid N)})
         * @param holder a name people recognise, for example {@code alice@laptop} or a CI job; not blank
         * @return this builder
         * @throws IllegalArgumentException when {@code holder} is blank
         */
        public Builder holder(String holder) {
            d.holder = PipelineDraft.notBlank(holder, "holder", "holder");
            return this;
        }

        /**
         * Whether a <a href="package-summary.html#nightly">nightly deployment</a> with an UNSAFE migration runs in a
         * maintenance window. (default: true; without it a restore needs {@link #acceptWriteLoss consent})
         * @param on true to take the window, false to migrate while the app serves traffic
         * @return this builder
         */
        public Builder nightlyMaintenanceWindow(boolean on) {
            d.nightlyMaintenanceWindow = on;
            return this;
        }

        /**
         * Whether automatic recovery may restore the database even when writes made since the backup are lost.
         * (default: false: such a restore waits for {@link DeploymentPipeline#recoverAcceptingWriteLoss()})
         * @param accept true to restore anyway, losing those writes; false to stop and wait for a person
         * @return this builder
         */
        public Builder acceptWriteLoss(boolean accept) {
            d.acceptWriteLoss = accept;
            return this;
        }

        /**
         * Ships UNSAFE pushes at once by <a href="package-summary.html#expand-contract">expand/contract</a> when each
         * UNSAFE pending migration has a rewrite whose expand parts the classifier judges SAFE. (default: off)
         * @param rewriter e.g. {@code MigrationFixer.builder().liveSchema(db).build().asRewriter()} (zdcd-analyzer)
         * @return this builder
         */
        public Builder expandContract(MigrationRewriter rewriter) {
            d.rewriter = Objects.requireNonNull(rewriter, "rewriter");
            return this;
        }

        /** {@return this builder, with {@link #expandContract} off again (the default): no rewriter} */
        public Builder noExpandContract() {
            d.rewriter = null;
            return this;
        }

        /**
         * The clock stamping journal entries, events and queue times. (default: {@link Clock#systemUTC()})
         * @param clock the clock (tests pass a fixed one)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            d.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * {@return a new, immutable pipeline with these settings; the builder can be changed and built again}
         * @throws IllegalStateException without {@link #app} or {@link #platform}, or with migrations but no backups
         */
        public DeploymentPipeline build() {
            return new DeploymentPipeline(d.settings());
        }
    }
}
