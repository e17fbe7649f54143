package io.zdcd.analyzer.rules;

import io.zdcd.classify.StatementAnalysis;
import java.util.Optional;

/** A team's rule as a class, as a rules jar ships it (public, no-argument constructor, listed for ServiceLoader). */
public final class NoAuditTableDrops implements MigrationRule {
    @Override
    public String id() {
        return "no-audit-table-change";
    }

    @Override
    public String title() {
        return "audit tables are append-only: never dropped, truncated or rewritten";
    }

    @Override
    public String safeAlternative() {
        return "keep the audit table; archive old rows with the data team";
    }

    @Override
    public Optional<String> check(StatementAnalysis s) {
        return s.kind().startsWith("DROP") || s.kind().startsWith("TRUNCATE") || s.kind().startsWith("ALTER")
                ? s.tables().stream().filter(t -> t.startsWith("audit_")).findFirst()
                        .map(t -> s.kind() + " on " + t + ": audit tables are append-only")
                : Optional.empty();
    }
}
