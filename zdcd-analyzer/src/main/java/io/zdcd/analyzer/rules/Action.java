package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * What a statement does, one action at a time, as zdcd recognised it: the typed view a {@link MigrationRule} checks
 * ({@link MigrationRule#check(io.zdcd.classify.StatementAnalysis, List)}). An {@code ALTER TABLE} with three actions
 * gives three actions, in the order PostgreSQL performs them; a data-modifying {@code WITH} query or a {@code DO}
 * block zdcd can see into gives the actions of the statement inside it too. The common operations have a record of
 * their own ({@link AddColumn}, {@link DropTable}, {@link CreateIndex}...); everything else is an {@link Other}
 * naming its kind in SQL words, so a rule can still match it.
 *
 * <p>Relation names are as reports show them: schema-qualified when the statement qualifies them
 * ({@code app.audit_log}; {@code public.} is left out), double-quoted when PostgreSQL needs quotes; {@code ""} when
 * the statement does not name the relation or zdcd could not read it. Column and type names are as written.
 *
 * <pre>{@code
 * MigrationRule noAuditDrops = MigrationRule.ofActions("no-audit-drop", "audit tables are never dropped",
 *         "keep the table; archive its rows instead",
 *         (statement, actions) -> actions.stream()
 *                 .filter(a -> a instanceof DropTable)
 *                 .flatMap(a -> a.tables().stream())
 *                 .filter(t -> Action.unqualified(t).startsWith("audit_"))
 *                 .findFirst().map(t -> "drops the audit table " + t));
 * }</pre>
 *
 * <p>More records may be added in later versions (an operation now seen as {@link Other} may get its own record), so
 * a {@code switch} over actions should have a default branch.
 *
 * @since 0.1.0
 */
public sealed interface Action
        permits CreateTable, DropTable, CreateIndex, DropIndex, AddColumn, DropColumn, RenameColumn, RenameTable,
                AlterColumnType, SetNotNull, DropNotNull, SetDefault, DropDefault, AddConstraint, ValidateConstraint,
                DropConstraint, Truncate, Write, LockTable, Reindex, AttachPartition, DetachPartition, Setting, Other {

    /**
     * The relations (tables, indexes, views, sequences) the action names, in the order written, as reports show
     * them.
     *
     * @return the relations, possibly empty; never null
     */
    List<String> tables();

    /**
     * The last part of a relation name as reports show it, without schema and quotes: {@code audit_log} for
     * {@code app.audit_log}, {@code Audit.Log} for {@code "Audit.Log"}.
     *
     * @param relation a relation name as an action gives it; not null
     * @return the name without its schema, unquoted
     */
    static String unqualified(String relation) {
        Objects.requireNonNull(relation, "relation");
        if (relation.endsWith("\"")) {
            int open = relation.length() - 2;
            while (open >= 0) {
                if (relation.charAt(open) == '"') {
                    if (open > 0 && relation.charAt(open - 1) == '"') {
                        open -= 2;
                        continue;
                    }
                    break;
                }
                open--;
            }
            if (open >= 0) {
                return relation.substring(open + 1, relation.length() - 1).replace("\"\"", "\"");
            }
        }
        return relation.substring(relation.lastIndexOf('.') + 1);
    }
}
