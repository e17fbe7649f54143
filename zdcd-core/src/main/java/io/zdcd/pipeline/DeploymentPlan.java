package io.zdcd.pipeline;

import io.zdcd.classify.Classification;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeploymentMode;
import io.zdcd.spi.StepKind;
import java.util.List;
import java.util.Objects;

/**
 * What {@link DeploymentPipeline#deploy} would do with a build, computed by {@link DeploymentPipeline#plan}, or what
 * {@link DeploymentPipeline#nightly} would do, computed by {@link DeploymentPipeline#planNightly}, without any side
 * effect.
 *
 * <p>{@code toString()} reads like {@code DeploymentPlan[acme Build[3f2c1a9]: DEPLOY, 2 migrations, all SAFE]}.
 *
 * @param app        the app
 * @param build      the build
 * @param mode       continuous (a push) or nightly
 * @param decision   what would happen
 * @param reason     why, in one line
 * @param migrations the pending migrations with their verdicts, in apply order
 * @param steps      the steps that would run, in order
 */
public record DeploymentPlan(String app, Build build, DeploymentMode mode, Decision decision, String reason,
                             List<Classification> migrations, List<StepKind> steps) {

    /** What a deployment of the build would do. */
    public enum Decision {
        /** Deploy now. */
        DEPLOY,
        /** Queue for the nightly build (an UNSAFE migration, or earlier builds already queued). */
        DEFER,
        /** Refused: another deployment holds the app, or the platform cannot release the build. */
        REFUSE,
        /** Nightly: nothing to deploy ({@link #build} is then the head given, or the last deployed build). */
        SKIP
    }

    /**
     * Copies the lists; the other components must not be null.
     *
     * @param app        the app; not null
     * @param build      the build planned; not null
     * @param mode       continuous (a push) or nightly; not null
     * @param decision   what would happen; not null
     * @param reason     why, in one line; not null
     * @param migrations the pending migrations with their verdicts, in apply order; copied, must not be null
     * @param steps      the steps that would run, in order; copied, must not be null (empty when none would)
     */
    public DeploymentPlan {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
        migrations = List.copyOf(migrations);
        steps = List.copyOf(steps);
    }

    /**
     * The pending migrations judged UNSAFE.
     *
     * @return an unmodifiable list of the UNSAFE classifications, in apply order; empty when all are SAFE
     */
    public List<Classification> unsafeMigrations() {
        return migrations.stream().filter(c -> !c.isSafe()).toList();
    }

    /**
     * A multi-line report: decision, each migration with its verdict, the steps.
     *
     * @return text starting with {@code toString()} and the reason, then a line per migration with its verdict (an
     *         UNSAFE one followed by its unsafe statements and safe alternatives), then the steps joined by
     *         {@code ->}; every line ends in a newline
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(toString()).append('\n').append("  ").append(reason).append('\n');
        for (Classification c : migrations) {
            sb.append("  ").append(c.verdict()).append(' ').append(c.migration()).append('\n');
            if (!c.isSafe()) {
                c.describe().lines().skip(1).forEach(l -> sb.append("    ").append(l).append('\n'));
            }
        }
        if (!steps.isEmpty()) {
            sb.append("  steps: ").append(String.join(" -> ", steps.stream().map(StepKind::label).toList()))
                    .append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        long unsafe = migrations.stream().filter(c -> !c.isSafe()).count();
        return "DeploymentPlan[" + app + " " + build + ": " + decision + ", " + migrations.size()
                + (migrations.size() == 1 ? " migration" : " migrations")
                + (migrations.isEmpty() ? "" : unsafe == 0 ? ", all SAFE" : ", " + unsafe + " UNSAFE") + "]";
    }
}
