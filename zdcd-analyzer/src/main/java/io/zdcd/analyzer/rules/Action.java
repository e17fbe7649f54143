package io.zdcd.analyzer.rules;

import io.zdcd.classify.LockMode;
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
 *                 .filter(a -> a instanceof Action.DropTable)
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
public sealed interface Action {

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

    /** The kinds of table constraints. */
    enum ConstraintKind {
        /** {@code CHECK (expression)}. */
        CHECK,
        /** {@code FOREIGN KEY ... REFERENCES}. */
        FOREIGN_KEY,
        /** {@code UNIQUE}. */
        UNIQUE,
        /** {@code PRIMARY KEY}. */
        PRIMARY_KEY,
        /** {@code EXCLUDE}. */
        EXCLUDE,
        /** {@code NOT NULL} as a constraint (PostgreSQL 18+). */
        NOT_NULL,
        /** A constraint whose kind zdcd does not know (a {@code DROP CONSTRAINT} of a constraint it never saw). */
        UNKNOWN
    }

    /**
     * {@code CREATE TABLE}, {@code CREATE TABLE ... PARTITION OF}, {@code CREATE TABLE ... AS} and
     * {@code SELECT ... INTO}.
     *
     * @param table       the new table
     * @param partitionOf the parent of {@code PARTITION OF}, or {@code ""}
     * @param asQuery     created from a query ({@code AS} or {@code SELECT ... INTO})
     */
    record CreateTable(String table, String partitionOf, boolean asQuery) implements Action {
        /**
         * Checks the parts.
         *
         * @param table       the new table; not null
         * @param partitionOf the parent of {@code PARTITION OF}, or {@code ""}; not null
         * @param asQuery     created from a query
         */
        public CreateTable {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(partitionOf, "partitionOf");
        }

        @Override
        public List<String> tables() {
            return partitionOf.isEmpty() ? names(table) : names(table, partitionOf);
        }

        @Override
        public String toString() {
            return "CREATE TABLE " + table + (partitionOf.isEmpty() ? "" : " PARTITION OF " + partitionOf)
                    + (asQuery ? " AS query" : "");
        }
    }

    /**
     * {@code DROP TABLE}.
     *
     * @param tables  the tables named, in order
     * @param cascade {@code CASCADE}
     */
    record DropTable(List<String> tables, boolean cascade) implements Action {
        /**
         * Copies the list.
         *
         * @param tables  the tables named, in order; not null
         * @param cascade {@code CASCADE}
         */
        public DropTable {
            tables = List.copyOf(tables);
        }

        @Override
        public String toString() {
            return "DROP TABLE " + String.join(", ", tables) + (cascade ? " CASCADE" : "");
        }
    }

    /**
     * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY]}.
     *
     * @param table        the indexed table
     * @param index        the index's name, or {@code ""} when PostgreSQL chooses it
     * @param unique       {@code UNIQUE}
     * @param concurrently {@code CONCURRENTLY}
     * @param columns      the plain key columns (not expressions), in order
     */
    record CreateIndex(String table, String index, boolean unique, boolean concurrently, List<String> columns)
            implements Action {
        /**
         * Checks the parts and copies the list.
         *
         * @param table        the indexed table; not null
         * @param index        the index's name, or {@code ""}; not null
         * @param unique       {@code UNIQUE}
         * @param concurrently {@code CONCURRENTLY}
         * @param columns      the plain key columns; not null
         */
        public CreateIndex {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(index, "index");
            columns = List.copyOf(columns);
        }

        @Override
        public List<String> tables() {
            return names(table);
        }

        @Override
        public String toString() {
            return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + (concurrently ? "CONCURRENTLY " : "")
                    + (index.isEmpty() ? "" : index + " ") + "ON " + table + " (" + String.join(", ", columns) + ")";
        }
    }

    /**
     * {@code DROP INDEX [CONCURRENTLY]}.
     *
     * @param indexes      the indexes named, in order
     * @param concurrently {@code CONCURRENTLY}
     */
    record DropIndex(List<String> indexes, boolean concurrently) implements Action {
        /**
         * Copies the list.
         *
         * @param indexes      the indexes named; not null
         * @param concurrently {@code CONCURRENTLY}
         */
        public DropIndex {
            indexes = List.copyOf(indexes);
        }

        @Override
        public List<String> tables() {
            return indexes;
        }

        @Override
        public String toString() {
            return "DROP INDEX " + (concurrently ? "CONCURRENTLY " : "") + String.join(", ", indexes);
        }
    }

    /**
     * {@code ALTER TABLE ... ADD [COLUMN]}.
     *
     * @param table      the table
     * @param column     the new column
     * @param type       its type as written ({@code varchar(20)}, {@code serial}...)
     * @param hasDefault a {@code DEFAULT} is written
     * @param notNull    {@code NOT NULL}, {@code PRIMARY KEY}, serial or identity
     * @param unique     an inline {@code UNIQUE}
     * @param primaryKey an inline {@code PRIMARY KEY}
     * @param references the table of an inline {@code REFERENCES}, or {@code ""}
     * @param identity   serial or {@code GENERATED ... AS IDENTITY}
     * @param generated  {@code GENERATED ALWAYS AS (expression)}
     */
    record AddColumn(String table, String column, String type, boolean hasDefault, boolean notNull, boolean unique,
                     boolean primaryKey, String references, boolean identity, boolean generated) implements Action {
        /**
         * Checks the parts.
         *
         * @param table      the table; not null
         * @param column     the new column; not null
         * @param type       its type as written; not null
         * @param hasDefault a {@code DEFAULT} is written
         * @param notNull    {@code NOT NULL}, {@code PRIMARY KEY}, serial or identity
         * @param unique     an inline {@code UNIQUE}
         * @param primaryKey an inline {@code PRIMARY KEY}
         * @param references the table of an inline {@code REFERENCES}, or {@code ""}; not null
         * @param identity   serial or identity
         * @param generated  a generated column
         */
        public AddColumn {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(references, "references");
        }

        @Override
        public List<String> tables() {
            return references.isEmpty() ? names(table) : names(table, references);
        }

        @Override
        public String toString() {
            return "ALTER TABLE " + table + " ADD COLUMN " + column + " " + type + (hasDefault ? " DEFAULT ..." : "")
                    + (notNull ? " NOT NULL" : "") + (primaryKey ? " PRIMARY KEY" : unique ? " UNIQUE" : "")
                    + (references.isEmpty() ? "" : " REFERENCES " + references)
                    + (identity ? " (identity)" : "") + (generated ? " (generated)" : "");
        }
    }

    /**
     * {@code ALTER TABLE ... DROP [COLUMN]}.
     *
     * @param table  the table
     * @param column the column dropped
     */
    record DropColumn(String table, String column) implements Action {
        /**
         * Checks the parts.
         *
         * @param table  the table; not null
         * @param column the column; not null
         */
        public DropColumn {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
        }

        @Override
        public List<String> tables() {
            return names(table);
        }

        @Override
        public String toString() {
            return "ALTER TABLE " + table + " DROP COLUMN " + column;
        }
    }

    /**
     * {@code ALTER TABLE ... RENAME [COLUMN] from TO to}.
     *
     * @param table the table
     * @param from  the old name
     * @param to    the new name, or {@code ""} when unreadable
     */
    record RenameColumn(String table, String from, String to) implements Action {
        /**
         * Checks the parts.
         *
         * @param table the table; not null
         * @param from  the old name; not null
         * @param to    the new name, or {@code ""}; not null
         */
        public RenameColumn {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public List<String> tables() {
            return names(table);
        }

        @Override
        public String toString() {
            return "ALTER TABLE " + table + " RENAME COLUMN " + from + " TO " + to;
        }
    }

    /**
     * {@code ALTER TABLE ... RENAME TO}.
     *
     * @param table the table
     * @param to    the new name, or {@code ""} when unreadable
     */
    record RenameTable(String table, String to) implements Action {
        /**
         * Checks the parts.
         *
         * @param table the table; not null
         * @param to    the new name, or {@code ""}; not null
         */
        public RenameTable {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public List<String> tables() {
            return names(table);
        }

        @Override
        public String toString() {
            return "ALTER TABLE " + table + " RENAME TO " + to;
        }
    }

    /**
     * {@code ALTER TABLE ... ALTER COLUMN ... [SET DATA] TYPE}.
     *
     * @param table   the table
     * @param column  the column
     * @param newType the new type as written
     */
    record AlterColumnType(String table, String column, String newType) implements Action {
        /**
         * Checks the parts.
         *
         * @param table   the table; not null
         * @param column  the column; not null
         * @param newType the new type as written; not null
         */
        public AlterColumnType {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(newType, "newType");
        }

        @Override
        public List<String> tables() {
            return names(table);
        }

        @Override
        public String toString() {
            return "ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE " + newType;
        }
    }

    /**
     * {@code ALTER TABLE ... ALTER COLUMN ... SET NOT NULL}.
     *
     * @param table  the table
     * @param column the column
     */
    record SetNotNull(String table, String column) implements Action {
        /**
         * Checks the parts.
         *
         * @param table  the table; not null
         * @param column the column; not null
         */
        public SetNotNull {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
        }

        @Override
        public List<String> tables() {
            return names(table);
        }

        @Override
        public String toString() {
            return "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET NOT NULL";
        }
    }

    /**
     * {@code ALTER TABLE ... ALTER COLUMN ... DROP NOT NULL}.
     *
     * @param table  the table
     * @param column the column
     */
    record DropNotNull(String table, String column) implements Action {
        /**
         * Checks the parts.
         *
         * @param table  the table; not null
         * @param column the column; not null
         */
        public DropNotNull {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
        }

        @Override
        public List<String> tables() {
            return names(table);
        }

        @Override
        public String toString() {
            return "ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP NOT NULL";
        }
    }

    /**
     * {@code ALTER TABLE ... ALTER COLUMN ... SET DEFAULT}.
     *
     * @param table  the table
     * @param column the column
     */
    record SetDefault(String table, String column) implements Action {
        /**
         * Checks the parts.
         *
         * @param table  the table; not null
         * @param column the column; not null
         */
        public SetDefault {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
        }

        @Override
        public List<String> tables() {
            return names(table);
        }

        @Override
        public String toString() {
            return "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DEFAULT ...";
        }
    }

    /**
     * {@code ALTER TABLE ... ALTER COLUMN ... DROP DEFAULT}.
     *
     * @param table  the table
     * @param column the column
     */
    record DropDefault(String table, String column) implements Action {
        /**
         * Checks the parts.
         *
         * @param table  the table; not null
         * @param column the column; not null
         */
        public DropDefault {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
        }

        @Override
        public List<String> tables() {
            return names(table);
        }

        @Override
        public String toString() {
            return "ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP DEFAULT";
        }
    }

    /**
     * {@code ALTER TABLE ... ADD [CONSTRAINT name] ...}.
     *
     * @param table      the table
     * @param name       the constraint's name, or {@code ""} when PostgreSQL chooses it
     * @param kind       its kind
     * @param notValid   {@code NOT VALID}
     * @param references the referenced table of a {@code FOREIGN KEY}, else {@code ""}
     */
    record AddConstraint(String table, String name, ConstraintKind kind, boolean notValid, String references)
            implements Action {
        /**
         * Checks the parts.
         *
         * @param table      the table; not null
         * @param name       the constraint's name, or {@code ""}; not null
         * @param kind       its kind; not null
         * @param notValid   {@code NOT VALID}
         * @param references the referenced table of a foreign key, else {@code ""}; not null
         */
        public AddConstraint {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(references, "references");
        }

        @Override
        public List<String> tables() {
            return references.isEmpty() ? names(table) : names(table, references);
        }

        @Override
        public String toString() {
            return "ALTER TABLE " + table + " ADD " + (name.isEmpty() ? "" : "CONSTRAINT " + name + " ")
                    + kind.name().replace('_', ' ') + (references.isEmpty() ? "" : " REFERENCES " + references)
                    + (notValid ? " NOT VALID" : "");
        }
    }

    /**
     * {@code ALTER TABLE ... VALIDATE CONSTRAINT}.
     *
     * @param table the table
     * @param name  the constraint
     */
    record ValidateConstraint(String table, String name) implements Action {
        /**
         * Checks the parts.
         *
         * @param table the table; not null
         * @param name  the constraint; not null
         */
        public ValidateConstraint {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public List<String> tables() {
            return names(table);
        }

        @Override
        public String toString() {
            return "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name;
        }
    }

    /**
     * {@code ALTER TABLE ... DROP CONSTRAINT}.
     *
     * @param table the table
     * @param name  the constraint
     * @param kind  its kind when zdcd knows it (from the schema, or guessed from the name), else
     *              {@link ConstraintKind#UNKNOWN}
     */
    record DropConstraint(String table, String name, ConstraintKind kind) implements Action {
        /**
         * Checks the parts.
         *
         * @param table the table; not null
         * @param name  the constraint; not null
         * @param kind  its kind, or {@link ConstraintKind#UNKNOWN}; not null
         */
        public DropConstraint {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public List<String> tables() {
            return names(table);
        }

        @Override
        public String toString() {
            return "ALTER TABLE " + table + " DROP CONSTRAINT " + name
                    + (kind == ConstraintKind.UNKNOWN ? "" : " (" + kind.name().replace('_', ' ') + ")");
        }
    }

    /**
     * {@code TRUNCATE}.
     *
     * @param tables  the tables named, in order
     * @param cascade {@code CASCADE}
     */
    record Truncate(List<String> tables, boolean cascade) implements Action {
        /**
         * Copies the list.
         *
         * @param tables  the tables named; not null
         * @param cascade {@code CASCADE}
         */
        public Truncate {
            tables = List.copyOf(tables);
        }

        @Override
        public String toString() {
            return "TRUNCATE " + String.join(", ", tables) + (cascade ? " CASCADE" : "");
        }
    }

    /**
     * A statement that writes rows: {@code UPDATE}, {@code DELETE}, {@code INSERT}, {@code MERGE} or
     * {@code COPY ... FROM}.
     *
     * @param verb     {@code UPDATE}, {@code DELETE}, {@code INSERT}, {@code MERGE} or {@code COPY}
     * @param table    the table written
     * @param hasWhere an {@code UPDATE} or {@code DELETE} with a {@code WHERE} (always false for the others)
     */
    record Write(String verb, String table, boolean hasWhere) implements Action {
        /**
         * Checks the parts.
         *
         * @param verb     the command; not null
         * @param table    the table written; not null
         * @param hasWhere an {@code UPDATE} or {@code DELETE} with a {@code WHERE}
         */
        public Write {
            Objects.requireNonNull(verb, "verb");
            Objects.requireNonNull(table, "table");
        }

        @Override
        public List<String> tables() {
            return names(table);
        }

        @Override
        public String toString() {
            return verb + " " + table + (hasWhere ? " WHERE ..." : "");
        }
    }

    /**
     * {@code LOCK [TABLE] ... [IN mode MODE]}.
     *
     * @param tables the tables named, in order
     * @param mode   the lock asked for ({@link LockMode#ACCESS_EXCLUSIVE} when none is written)
     */
    record LockTable(List<String> tables, LockMode mode) implements Action {
        /**
         * Copies the list.
         *
         * @param tables the tables named; not null
         * @param mode   the lock asked for; not null
         */
        public LockTable {
            tables = List.copyOf(tables);
            Objects.requireNonNull(mode, "mode");
        }

        @Override
        public String toString() {
            return "LOCK " + String.join(", ", tables) + " IN " + mode.sqlName() + " MODE";
        }
    }

    /**
     * {@code REINDEX}.
     *
     * @param kind         {@code INDEX}, {@code TABLE}, {@code SCHEMA}, {@code DATABASE} or {@code SYSTEM}
     * @param target       the object named, or {@code ""}
     * @param concurrently {@code CONCURRENTLY}
     */
    record Reindex(String kind, String target, boolean concurrently) implements Action {
        /**
         * Checks the parts.
         *
         * @param kind         what is reindexed; not null
         * @param target       the object named, or {@code ""}; not null
         * @param concurrently {@code CONCURRENTLY}
         */
        public Reindex {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(target, "target");
        }

        @Override
        public List<String> tables() {
            return kind.equals("INDEX") || kind.equals("TABLE") ? names(target) : List.of();
        }

        @Override
        public String toString() {
            return "REINDEX " + kind + (concurrently ? " CONCURRENTLY" : "") + (target.isEmpty() ? "" : " " + target);
        }
    }

    /**
     * {@code ALTER TABLE parent ATTACH PARTITION partition}.
     *
     * @param parent    the partitioned table
     * @param partition the table attached, or {@code ""} when unreadable
     */
    record AttachPartition(String parent, String partition) implements Action {
        /**
         * Checks the parts.
         *
         * @param parent    the partitioned table; not null
         * @param partition the table attached, or {@code ""}; not null
         */
        public AttachPartition {
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(partition, "partition");
        }

        @Override
        public List<String> tables() {
            return names(parent, partition);
        }

        @Override
        public String toString() {
            return "ALTER TABLE " + parent + " ATTACH PARTITION " + partition;
        }
    }

    /**
     * {@code ALTER TABLE parent DETACH PARTITION partition [CONCURRENTLY | FINALIZE]}.
     *
     * @param parent       the partitioned table
     * @param partition    the table detached, or {@code ""} when unreadable
     * @param concurrently {@code CONCURRENTLY} or {@code FINALIZE}
     */
    record DetachPartition(String parent, String partition, boolean concurrently) implements Action {
        /**
         * Checks the parts.
         *
         * @param parent       the partitioned table; not null
         * @param partition    the table detached, or {@code ""}; not null
         * @param concurrently {@code CONCURRENTLY} or {@code FINALIZE}
         */
        public DetachPartition {
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(partition, "partition");
        }

        @Override
        public List<String> tables() {
            return names(parent, partition);
        }

        @Override
        public String toString() {
            return "ALTER TABLE " + parent + " DETACH PARTITION " + partition + (concurrently ? " CONCURRENTLY" : "");
        }
    }

    /**
     * {@code SET [LOCAL] name = value}, {@code SET TIME ZONE} or {@code set_config('name', 'value', is_local)}.
     *
     * @param name  the parameter, lower case ({@code lock_timeout}, {@code statement_timeout}, {@code timezone}...)
     * @param value the value, lower case, without quotes
     * @param local {@code LOCAL} (until the end of the transaction)
     */
    record Setting(String name, String value, boolean local) implements Action {
        /**
         * Checks the parts.
         *
         * @param name  the parameter; not null
         * @param value the value; not null
         * @param local {@code LOCAL}
         */
        public Setting {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public List<String> tables() {
            return List.of();
        }

        @Override
        public String toString() {
            return "SET " + (local ? "LOCAL " : "") + name + " = '" + value + "'";
        }
    }

    /**
     * Any other operation: {@code CREATE VIEW}, {@code GRANT}, {@code VACUUM FULL}, {@code BEGIN},
     * {@code ALTER TABLE ... SET TABLESPACE}, a statement zdcd does not recognise ({@code UNRECOGNISED})...
     *
     * @param kind   what it does, in upper-case SQL words ({@code CREATE VIEW}, {@code ALTER TABLE SET SCHEMA})
     * @param tables the relations it names, in order, as reports show them
     */
    record Other(String kind, List<String> tables) implements Action {
        /**
         * Checks the kind and copies the list.
         *
         * @param kind   what it does, in SQL words; not null
         * @param tables the relations it names; not null
         */
        public Other {
            Objects.requireNonNull(kind, "kind");
            tables = List.copyOf(tables);
        }

        @Override
        public String toString() {
            return kind + (tables.isEmpty() ? "" : " " + String.join(", ", tables));
        }
    }

    /** The non-empty names among {@code names}. */
    private static List<String> names(String... names) {
        return java.util.Arrays.stream(names).filter(n -> !n.isEmpty()).toList();
    }
}
