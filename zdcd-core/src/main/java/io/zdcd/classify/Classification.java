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
    /**
     * Copies the lists; {@code migration} and {@code verdict} must not be null.
     *
     * @param migration  the migration's name, as {@link Migration#name()} gives it; not null
     * @param verdict    SAFE only when every statement and migration-level finding is; not null
     * @param statements every statement, in order; copied, must not be null
     * @param findings   the migration-level findings; copied, must not be null (may be empty)
     */
    public Classification {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(verdict, "verdict");
        statements = List.copyOf(statements);
        findings = List.copyOf(findings);
    }

    /**
     * Whether the migration's verdict is SAFE.
     *
     * @return true when {@link #verdict()} is {@link Verdict#SAFE}, so the migration can run before the new code
     */
    public boolean isSafe() {
        return verdict == Verdict.SAFE;
    }

    /**
     * The statements judged UNSAFE.
     *
     * @return an unmodifiable list of the UNSAFE statements, in migration order; empty when the migration is SAFE
     */
    public List<StatementAnalysis> unsafeStatements() {
        return statements.stream().filter(s -> !s.isSafe()).toList();
    }

    /**
     * Every finding, statement-level ones first.
     *
     * @return an unmodifiable list: each statement's findings in statement order, then the migration-level
     *         {@link #findings()}; SAFE findings are included
     */
    public List<Finding> allFindings() {
        List<Finding> all = new java.util.ArrayList<>();
        statements.forEach(s -> all.addAll(s.findings()));
        all.addAll(findings);
        return List.copyOf(all);
    }

    /**
     * This classification, or an {@link UnsafeMigrationException} listing why it is unsafe.
     *
     * @return this classification, unchanged, when it is SAFE
     * @throws UnsafeMigrationException when the verdict is UNSAFE; its message is {@link #describe()}
     */
    public Classification requireSafe() {
        if (!isSafe()) {
            throw new UnsafeMigrationException(this);
        }
        return this;
    }

    /**
     * A multi-line report: one line per unsafe statement with its findings and safe alternatives.
     *
     * @return text starting with {@code <migration>: <verdict>}, then for each UNSAFE statement its line and kind, its
     *         UNSAFE findings and their safe alternatives, then the migration-level findings; every line ends in a
     *         newline. Just the first line when the migration is SAFE with no migration-level findings
     */
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
