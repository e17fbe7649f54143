package io.zdcd.classify;

import io.zdcd.internal.Counts;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The verdict on one migration: SAFE only when every statement is.
 *
 * <p>{@code toString()} reads like
 * {@code Classification[UNSAFE users/0042_add_email: 3 statements, 1 unsafe (add-column-not-null@L2)]}.
 *
 * @param migration  the migration's name
 * @param verdict    the migration's verdict
 * @param statements every statement, in order, transaction control included
 * @param findings   findings that belong to the migration rather than one statement (for example an unused
 *                   {@code zdcd:ignore})
 */
public record Classification(String migration, Verdict verdict, List<StatementAnalysis> statements,
                             List<Finding> findings) {
    /** Copies the lists; {@code migration} and {@code verdict} must not be null. */
    public Classification {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(verdict, "verdict");
        statements = List.copyOf(statements);
        findings = List.copyOf(findings);
    }

    /** Whether the migration's verdict is SAFE. */
    public boolean isSafe() {
        return verdict == Verdict.SAFE;
    }

    /** The statements judged UNSAFE. */
    public List<StatementAnalysis> unsafeStatements() {
        return statements.stream().filter(s -> !s.isSafe()).toList();
    }

    /** Every finding, statement-level ones first. */
    public List<Finding> allFindings() {
        List<Finding> all = new java.util.ArrayList<>();
        statements.forEach(s -> all.addAll(s.findings()));
        all.addAll(findings);
        return List.copyOf(all);
    }

    /** This classification, or an {@link UnsafeMigrationException} listing why it is unsafe. */
    public Classification requireSafe() {
        if (!isSafe()) {
            throw new UnsafeMigrationException(this);
        }
        return this;
    }

    /** A multi-line report: one line per unsafe statement with its findings and safe alternatives. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(migration).append(": ").append(verdict).append('\n');
        for (StatementAnalysis s : statements) {
            if (s.isSafe()) {
                continue;
            }
            sb.append("  line ").append(s.line()).append(": ").append(s.kind()).append('\n');
            for (Finding f : s.findings()) {
                if (f.verdict() == Verdict.UNSAFE) {
                    sb.append("    ").append(f.ruleId()).append(": ").append(f.message()).append('\n');
                    if (!f.safeAlternative().isEmpty()) {
                        sb.append("      instead: ").append(f.safeAlternative().replace("\n", "\n      "))
                                .append('\n');
                    }
                }
            }
        }
        for (Finding f : findings) {
            sb.append("  ").append(f.verdict()).append(' ').append(f.ruleId()).append(": ").append(f.message())
                    .append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        List<StatementAnalysis> unsafe = unsafeStatements();
        String detail = unsafe.stream().limit(3)
                .map(s -> s.findings().stream().filter(f -> f.verdict() == Verdict.UNSAFE).map(Finding::ruleId)
                        .findFirst().orElse(s.kind()) + "@L" + s.line())
                .collect(Collectors.joining(", "));
        if (unsafe.size() > 3) {
            detail += ", ...";
        }
        return "Classification[" + verdict + " " + migration + ": " + Counts.of(statements.size(), "statement")
                + (unsafe.isEmpty() ? "" : ", " + unsafe.size() + " unsafe (" + detail + ")") + "]";
    }
}
