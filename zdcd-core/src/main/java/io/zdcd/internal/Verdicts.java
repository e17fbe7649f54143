package io.zdcd.internal;

import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Verdict;
import io.zdcd.spi.PendingMigration;
import java.util.ArrayList;
import java.util.List;

/** The pipeline's verdicts on pending migrations (fail closed without a classifier), and how it words them. */
final class Verdicts {
    private Verdicts() {
    }

    static List<Classification> classify(PipelineSettings s, List<PendingMigration> pending) {
        if (pending.isEmpty()) {
            return List.of();
        }
        if (s.classifier().isEmpty()) {
            return pending.stream().map(m -> new Classification(m.name(), Verdict.UNSAFE, List.of(),
                    List.of(new Finding("no-classifier", Verdict.UNSAFE, "no classifier is configured, so the "
                            + "migration is treated as UNSAFE (fail closed)", "")))).toList();
        }
        ClassificationReport report = s.classifier().get().classifyAll(
                pending.stream().map(PendingMigration::toMigration).toList());
        return report.migrations();
    }

    /** {@code UNSAFE: V1__drop.sql (drop-column at line 1), V2__idx.sql (create-index-non-concurrently at line 3)}. */
    static String unsafeReason(List<Classification> unsafe) {
        return "UNSAFE: " + String.join(", ", unsafe.stream().map(c -> c.migration() + " (" + rules(c) + ")")
                .toList());
    }

    static String rules(Classification c) {
        List<String> rules = new ArrayList<>();
        for (io.zdcd.classify.StatementAnalysis st : c.unsafeStatements()) {
            rules.add(st.findings().stream().filter(f -> f.verdict() == Verdict.UNSAFE).map(Finding::ruleId)
                    .findFirst().orElse(st.kind()) + " at line " + st.line());
        }
        c.findings().stream().filter(f -> f.verdict() == Verdict.UNSAFE).forEach(f -> rules.add(f.ruleId()));
        if (rules.isEmpty()) {
            return "judged UNSAFE";
        }
        return rules.size() <= 3 ? String.join(", ", rules)
                : String.join(", ", rules.subList(0, 3)) + " and " + (rules.size() - 3) + " more";
    }
}
