package io.zdcd.analyzer.trace;

import io.zdcd.classify.StatementAnalysis;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement: what the classifier predicted next to what the tracer observed.
 *
 * @param observed   the trace
 * @param predicted  the classifier's analysis of the same statement (empty if it split the text differently)
 * @param mismatches every difference, allowed ones included
 * @param relations  the relations whose lock was compared, as {@code kind name}, for example
 *                   {@code table orders}, {@code index orders_pkey} (the kind is missing for a relation that only
 *                   the prediction names); empty when the lock was not compared per relation
 */
public record StatementComparison(StatementTrace observed, Optional<StatementAnalysis> predicted,
                                  List<Mismatch> mismatches, List<String> relations) {
    /**
     * Copies the lists; {@code observed} and {@code predicted} must not be null.
     *
     * @param observed   the statement's trace; not null
     * @param predicted  the classifier's analysis, empty when it split the text differently; not null
     * @param mismatches the differences, allowed ones included; copied, not null
     * @param relations  the relations whose lock was compared, as {@code kind name}; copied, not null
     */
    public StatementComparison {
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(predicted, "predicted");
        mismatches = List.copyOf(mismatches);
        relations = List.copyOf(relations);
    }

    /**
     * A comparison whose lock was not compared per relation (no {@link #relations()}).
     *
     * @param observed   the statement's trace; not null
     * @param predicted  the classifier's analysis, empty when it split the text differently; not null
     * @param mismatches the differences, allowed ones included; copied, not null
     */
    public StatementComparison(StatementTrace observed, Optional<StatementAnalysis> predicted,
                               List<Mismatch> mismatches) {
        this(observed, predicted, mismatches, List.of());
    }

    /**
     * Whether every difference (if any) is a documented, allowed one.
     *
     * @return true when the prediction holds for this statement: no mismatch, or only allowed ones
     */
    public boolean matches() {
        return mismatches.stream().allMatch(Mismatch::allowed);
    }

    /**
     * Whether the classifier judged the statement UNSAFE.
     *
     * @return true when there is a prediction and it is UNSAFE; false when it is SAFE or missing
     */
    public boolean unsafe() {
        return predicted.map(p -> !p.isSafe()).orElse(false);
    }

    @Override
    public String toString() {
        return "StatementComparison[#" + observed.index() + " L" + observed.line() + " "
                + (matches() ? "match" : "MISMATCH") + (unsafe() ? ", UNSAFE" : "")
                + (mismatches.isEmpty() ? "" : " " + mismatches) + "]";
    }
}
