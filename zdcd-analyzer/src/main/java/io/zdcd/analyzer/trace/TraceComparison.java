package io.zdcd.analyzer.trace;

import io.zdcd.classify.Classification;
import io.zdcd.internal.Counts;
import java.util.List;
import java.util.Objects;

/**
 * A migration's classification next to its trace, statement by statement.
 *
 * <p>{@code toString()} reads like {@code TraceComparison[0003_add_rating.sql on PostgreSQL 17: 2 statements, 0
 * mismatches, UNSAFE]}.
 *
 * @param classification what the classifier predicted
 * @param trace          what PostgreSQL did
 * @param statements     one comparison per traced statement
 */
public record TraceComparison(Classification classification, TraceReport trace, List<StatementComparison> statements) {
    /**
     * Copies the list; {@code classification} and {@code trace} must not be null.
     *
     * @param classification the classifier's verdict on the migration; not null
     * @param trace          the trace of the same migration; not null
     * @param statements     the per-statement comparisons; copied, not null
     */
    public TraceComparison {
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(trace, "trace");
        statements = List.copyOf(statements);
    }

    /**
     * The statements whose prediction differs from reality in a way no documented difference allows.
     *
     * @return the comparisons of {@link #statements()} that do not {@link StatementComparison#matches() match}, in
     *         order; empty when the prediction holds
     */
    public List<StatementComparison> mismatches() {
        return statements.stream().filter(s -> !s.matches()).toList();
    }

    /**
     * Whether the prediction matches the trace (no mismatch).
     *
     * @return true when {@link #mismatches()} is empty
     */
    public boolean matches() {
        return mismatches().isEmpty();
    }

    @Override
    public String toString() {
        return "TraceComparison[" + trace.migration() + " on PostgreSQL " + trace.postgresVersion() + ": "
                + Counts.of(statements.size(), "statement") + ", " + Counts.of(mismatches().size(), "mismatch",
                "mismatches") + ", "
                + classification.verdict() + "]";
    }
}
