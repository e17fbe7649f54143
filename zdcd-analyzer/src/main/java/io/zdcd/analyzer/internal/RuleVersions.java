package io.zdcd.analyzer.internal;

import java.util.Map;

/**
 * The PostgreSQL versions a rule's judgement depends on, in words, for the rule's page and SARIF descriptor. Every
 * rule applies to every version zdcd supports ({@link PgVersion#MIN} to {@link PgVersion#MAX}); this says where its
 * lock, its verdict or the syntax it accepts differs by version. Each entry is the behaviour the classifier's
 * version checks implement, and the rule corpus's {@code -- pg:} cases test it.
 */
final class RuleVersions {
    private static final String ALIKE = "PostgreSQL " + PgVersion.MIN + " to " + PgVersion.MAX + " alike";

    private static final Map<String, String> DIFFERENCES = Map.ofEntries(
            Map.entry("add-column", "PostgreSQL 11+ (all zdcd supports) stores a constant default in the catalog "
                    + "without rewriting the table"),
            Map.entry("add-column-generated-stored", "generated columns need PostgreSQL 12+; VIRTUAL ones 18+, "
                    + "where VIRTUAL is the default kind (no rewrite)"),
            Map.entry("add-not-null-not-valid", "NOT NULL ... NOT VALID needs PostgreSQL 18+"),
            Map.entry("set-not-null", "PostgreSQL 12+ skips the scan when a validated CHECK (col IS NOT NULL) proves "
                    + "the column; the safe way on 18+ is a NOT NULL ... NOT VALID constraint, then VALIDATE"),
            Map.entry("drop-identity-or-expression", "DROP EXPRESSION needs PostgreSQL 13+"),
            Map.entry("set-expression", "ALTER COLUMN ... SET EXPRESSION needs PostgreSQL 17+"),
            Map.entry("alter-column-settings", "SET COMPRESSION needs PostgreSQL 14+"),
            Map.entry("alter-table-rewrite", "SET LOGGED / UNLOGGED also locks the table's sequences on PostgreSQL "
                    + "15+; SET ACCESS METHOD needs 15+"),
            Map.entry("alter-index", "RENAME takes ShareUpdateExclusiveLock on PostgreSQL 12+, AccessExclusiveLock "
                    + "on 11"),
            Map.entry("enum-add-value", "inside a transaction block only on PostgreSQL 12+ (on 11: "
                    + "not-allowed-in-transaction)"),
            Map.entry("not-allowed-in-transaction", "ALTER TYPE ... ADD VALUE inside a transaction block fails on "
                    + "PostgreSQL 11 only"),
            Map.entry("reindex", "REINDEX CONCURRENTLY (the safe way) needs PostgreSQL 12+"),
            Map.entry("reindex-concurrently", "needs PostgreSQL 12+; 14.0 to 14.3 may corrupt the index "
                    + "(concurrent-index-pg14-bug)"),
            Map.entry("create-index-concurrently", "14.0 to 14.3 may corrupt the index (concurrent-index-pg14-bug); "
                    + "NULLS NOT DISTINCT needs PostgreSQL 15+"),
            Map.entry("create-index-non-concurrently", "NULLS NOT DISTINCT needs PostgreSQL 15+"),
            Map.entry("add-unique-constraint", "NULLS NOT DISTINCT needs PostgreSQL 15+"),
            Map.entry("concurrent-index-pg14-bug", "PostgreSQL 14.0 to 14.3 only (fixed in 14.4)"),
            Map.entry("attach-partition", "ShareUpdateExclusiveLock on the parent on PostgreSQL 12+, "
                    + "AccessExclusiveLock on 11"),
            Map.entry("detach-partition", "DETACH ... CONCURRENTLY and FINALIZE need PostgreSQL 14+"),
            Map.entry("privileges", "GRANT / REVOKE on a table takes AccessShareLock on it on PostgreSQL 18+, no "
                    + "lock before"),
            Map.entry("revoke", "REVOKE on a table takes AccessShareLock on it on PostgreSQL 18+, no lock before"),
            Map.entry("session-setting", "transaction_timeout needs PostgreSQL 17+"),
            Map.entry("alter-column-type-no-rewrite", "timestamp to timestamptz is no rewrite on PostgreSQL 12+ "
                    + "when the session time zone is UTC"),
            Map.entry("data-change", "MERGE needs PostgreSQL 15+"),
            Map.entry("unsupported-on-version", "syntax newer than the target PostgreSQL: generated columns (12), DROP "
                    + "EXPRESSION (13), SET COMPRESSION, DETACH CONCURRENTLY (14), MERGE, NULLS NOT DISTINCT, SET "
                    + "ACCESS METHOD (15), SET EXPRESSION, transaction_timeout (17), NOT NULL NOT VALID, VIRTUAL "
                    + "columns (18)"));

    private RuleVersions() {
    }

    /** Where rule {@code id}'s judgement differs by PostgreSQL version, or that it does not. */
    static String of(String id) {
        return DIFFERENCES.getOrDefault(id, ALIKE);
    }

    /** The rule ids with a version difference (for the test that they are catalogue ids). */
    static java.util.Set<String> ids() {
        return DIFFERENCES.keySet();
    }
}
