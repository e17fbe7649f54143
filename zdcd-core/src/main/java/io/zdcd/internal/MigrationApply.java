package io.zdcd.internal;

import io.zdcd.pipeline.StepResult;
import io.zdcd.spi.JournalEntry;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.MigrationRunner;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.StepKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One MIGRATE or CONTRACT step: a migration (or a part of a rewritten one) applied through the runner. */
final class MigrationApply {
    private MigrationApply() {
    }

    /**
     * Applies {@code m} through the runner (failing the step when it does not apply). A part of a rewrite that an
     * earlier deployment applied is skipped. When {@code completes} is set, {@code m} is the last part of that
     * rewritten migration, which is then recorded as applied.
     */
    static void apply(Deployment d, StepKind step, PendingMigration m, String verdict, Map<String, String> extra,
                      PendingMigration completes) {
        MigrationRunner runner = d.settings().runner().orElseThrow();
        List<String> cic = ConcurrentIndexes.in(m.sql());
        Map<String, String> attrs = new HashMap<>(extra);
        attrs.put(JournalKeys.VERDICT, verdict);
        attrs.put(JournalKeys.CONCURRENT_INDEXES, String.join(",", cic));
        Instant t = d.events.now();
        boolean earlier;
        try {
            earlier = !extra.isEmpty() && runner.isApplied(m.name());
        } catch (RuntimeException e) {
            throw d.fail(step, m.name(), t, new Deployment.Failure("cannot tell whether it was applied by an earlier "
                    + "deployment: " + PipelineEngine.message(e), Map.of(JournalKeys.STAYED, "0")));
        }
        if (earlier) {
            d.fence(step);
            String recorded;
            try {
                recorded = completes == null ? "" : record(d, m, completes, attrs);
            } catch (Deployment.Failure f) {
                throw d.fail(step, m.name(), t, f);
            }
            attrs.put(JournalKeys.EARLIER, "true");
            d.journal(step, JournalEntry.Phase.SUCCEEDED, m.name(), attrs);
            d.result(step, m.name(), StepResult.Status.SKIPPED, Duration.ZERO, "applied by an earlier deployment"
                    + recorded);
            return;
        }
        d.run(step, m.name(), attrs, t, () -> {
            MigrationResult result;
            try {
                result = runner.apply(m, d.progress(step, m.name()));
            } catch (RuntimeException e) {
                throw new Deployment.Failure(PipelineEngine.message(e), Map.of(JournalKeys.STAYED, "0"));
            }
            if (!result.isApplied()) {
                long stayed = result.statements().stream()
                        .filter(st -> st.status() == io.zdcd.spi.StatementResult.Status.APPLIED).count();
                throw new Deployment.Failure(result.error() + " (" + result + ")", Map.of(
                        JournalKeys.STAYED, String.valueOf(stayed),
                        JournalKeys.INVALID_INDEXES, String.join(",", result.invalidIndexes())));
            }
            String recorded = completes == null ? "" : record(d, m, completes, attrs);
            return Deployment.Done.of(verdict + (result.retries() > 0 ? ", " + result.retries()
                    + (result.retries() == 1 ? " retry" : " retries") : "") + recorded).withAttrs(attrs);
        });
    }

    /** Records the rewritten migration as applied once its last part is; a failure fails the step. */
    private static String record(Deployment d, PendingMigration part, PendingMigration rewritten,
                                 Map<String, String> attrs) {
        try {
            d.settings().runner().orElseThrow().recordApplied(rewritten);
        } catch (RuntimeException e) {
            throw new Deployment.Failure("applied, but " + rewritten.name() + " could not be recorded as applied: "
                    + PipelineEngine.message(e), Map.of(JournalKeys.STAYED, "1"));
        }
        attrs.put(JournalKeys.RECORDS, rewritten.name());
        return "; " + rewritten.name() + " recorded as applied";
    }
}
