package io.zdcd.classify;

import io.zdcd.internal.Counts;
import java.util.List;
import java.util.Objects;

/**
 * The verdict on several migrations classified together, in order (earlier ones build the schema knowledge the
 * later ones are judged against).
 *
 * @param postgresVersion the PostgreSQL major version the verdicts hold for
 * @param verdict         SAFE only when every migration is
 * @param migrations      one classification per migration, in the order they apply
 */
public record ClassificationReport(int postgresVersion, Verdict verdict, List<Classification> migrations) {
    /**
     * Copies the list; {@code verdict} must not be null.
     *
     * @param postgresVersion the PostgreSQL major version the verdicts hold for, for example {@code 17}
     * @param verdict         the overall verdict, SAFE only when every migration is; not null
     * @param migrations      one classification per migration, in apply order; copied, must not be null
     */
    public ClassificationReport {
        Objects.requireNonNull(verdict, "verdict");
        migrations = List.copyOf(migrations);
    }

    /**
     * Whether the overall verdict is SAFE (every migration is SAFE).
     *
     * @return true when {@link #verdict()} is {@link Verdict#SAFE}
     */
    public boolean isSafe() {
        return verdict == Verdict.SAFE;
    }

    @Override
    public String toString() {
        long unsafe = migrations.stream().filter(m -> !m.isSafe()).count();
        return "ClassificationReport[" + verdict + ", PostgreSQL " + postgresVersion + ", "
                + Counts.of(migrations.size(), "migration") + (unsafe == 0 ? "" : ", " + unsafe + " unsafe") + "]";
    }
}
