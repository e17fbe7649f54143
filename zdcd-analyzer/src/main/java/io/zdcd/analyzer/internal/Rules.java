package io.zdcd.analyzer.internal;

import static io.zdcd.classify.Verdict.SAFE;
import static io.zdcd.classify.Verdict.UNSAFE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rule catalogue: every rule the classifier can report, in a stable order. */
public final class Rules {
    private static final List<Rule> LIST = new ArrayList<>();

    private static Rule r(String id, String op, String lock, String rs, String oldCode, io.zdcd.classify.Verdict v,
                          String alt) {
        Rule rule = new Rule(id, op, lock, rs, oldCode, v, alt);
        LIST.add(rule);
        return rule;
    }

    private static final String AEL = "AccessExclusiveLock";
    private static final String SUE = "ShareUpdateExclusiveLock";
    private static final String SRE = "ShareRowExclusiveLock";

    // ---- session and transaction control
    public static final Rule TRANSACTION = r("transaction-control", "BEGIN / COMMIT / ROLLBACK / SAVEPOINT", "none",
            "none", "unaffected", SAFE, "");
    public static final Rule SET = r("session-setting", "SET / RESET / SET CONSTRAINTS", "none", "none",
            "unaffected", SAFE, "");
    public static final Rule LOCK_TIMEOUT = r("lock-timeout-missing",
            "a traffic-blocking lock with no lock_timeout in effect", "-", "-",
            "queries queue behind the waiting lock", SAFE,
            "SET lock_timeout = '2s'; (zdcd's runner sets one and retries)");
    public static final Rule CONCURRENTLY_IN_TX = r("concurrently-in-transaction",
            "CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, DETACH CONCURRENTLY, VACUUM inside BEGIN ... COMMIT",
            "-", "-", "the migration fails with an error", UNSAFE,
            "run the statement outside a transaction block (Django: atomic = False)");
    public static final Rule NOT_IN_TRANSACTION = r("not-allowed-in-transaction",
            "VACUUM, CREATE DATABASE, ALTER SYSTEM, ALTER TYPE ... ADD VALUE (PG 11) inside BEGIN ... COMMIT", "-", "-",
            "the migration fails with an error", UNSAFE, "run the statement outside a transaction block");
    public static final Rule UNCLOSED_TRANSACTION = r("unclosed-transaction",
            "BEGIN with no COMMIT before the end of the migration", "-", "-",
            "psql and most runners roll the open transaction back when the session ends: the migration is not "
                    + "applied", UNSAFE,
            "end the transaction with COMMIT; (Django sqlmigrate output always does)");
    public static final Rule HELD_LOCK = r("long-operation-under-held-lock",
            "a scan, rewrite, index build, data backfill or a call of a function not known to be instant (pg_sleep(), "
                    + "advisory locks, user functions, CALL, DO) after a blocking lock in the same transaction",
            "the earlier lock, held until COMMIT", "as the statement", "blocked for the whole operation", UNSAFE,
            "COMMIT before the long operation: put it in its own transaction or migration");

    // ---- columns
    public static final Rule ADD_COLUMN = r("add-column", "ADD COLUMN (nullable, or with a non-volatile default)",
            AEL, "none (catalog only; PG 11+ stores a constant default without rewriting)",
            "unaffected (except positional INSERT ... VALUES without a column list)", SAFE, "");
    public static final Rule ADD_COLUMN_VOLATILE_DEFAULT = r("add-column-volatile-default",
            "ADD COLUMN ... DEFAULT <volatile expression> (random(), gen_random_uuid(), nextval(), clock_timestamp(), "
                    + "unknown functions)", AEL, "full table rewrite", "blocked for the whole rewrite", UNSAFE,
            "ADD COLUMN without default; ALTER COLUMN SET DEFAULT (new rows only); backfill in batches");
    public static final Rule ADD_COLUMN_NOT_NULL = r("add-column-not-null-without-default",
            "ADD COLUMN ... NOT NULL without a default", AEL, "fails if the table has rows",
            "INSERTs that omit the column fail", UNSAFE,
            "add it nullable (or with a constant default that stays), backfill, then SET NOT NULL via a CHECK");
    public static final Rule ADD_COLUMN_IDENTITY = r("add-column-serial-or-identity",
            "ADD COLUMN serial/bigserial or GENERATED ... AS IDENTITY", AEL, "full table rewrite",
            "blocked for the whole rewrite", UNSAFE,
            "nullable bigint + sequence default for new rows + batched backfill");
    public static final Rule ADD_COLUMN_GENERATED = r("add-column-generated-stored",
            "ADD COLUMN ... GENERATED ALWAYS AS (expr) STORED", AEL, "full table rewrite (PG 18 VIRTUAL: none)",
            "blocked for the whole rewrite", UNSAFE, "plain column + trigger + batched backfill; on PG 18 VIRTUAL");
    public static final Rule ADD_COLUMN_CONSTRAINT = r("add-column-inline-constraint",
            "ADD COLUMN with inline REFERENCES / UNIQUE / PRIMARY KEY / CHECK", AEL + " (+ " + SRE
                    + " on a referenced table)", "validation scan or index build under the lock",
            "blocked for the scan / build", UNSAFE,
            "add the column plain, then the constraint separately (NOT VALID + VALIDATE, or a concurrent index)");
    public static final Rule ADD_COLUMN_JSON = r("add-column-json", "ADD COLUMN of type json", AEL, "none",
            "SELECT DISTINCT / UNION / GROUP BY over the row fail (json has no equality)", SAFE, "use jsonb");
    public static final Rule DROP_COLUMN = r("drop-column", "DROP COLUMN", AEL, "none",
            "breaks: queries naming the column fail (Django selects every field)", UNSAFE,
            "deploy code that no longer uses the column first, then drop it in a later migration");
    public static final Rule RENAME_COLUMN = r("rename-column", "RENAME COLUMN", AEL, "none",
            "breaks: queries naming the old column fail", UNSAFE,
            "keep the column name and rename in the ORM (Django db_column=), or add a new column + backfill");
    public static final Rule ALTER_TYPE = r("alter-column-type", "ALTER COLUMN ... TYPE (rewriting change)", AEL,
            "full table rewrite + index rebuilds (narrowing: full scan)", "blocked for the whole rewrite", UNSAFE,
            "new column + dual writes (trigger) + batched backfill + switch");
    public static final Rule ALTER_TYPE_SAFE = r("alter-column-type-no-rewrite",
            "ALTER COLUMN ... TYPE, binary-coercible widening (varchar(n)->varchar(m>=n)/text, numeric precision up, "
                    + "timestamp precision up)", AEL, "none", "unaffected", SAFE, "");
    public static final Rule SET_NOT_NULL = r("set-not-null", "ALTER COLUMN ... SET NOT NULL", AEL,
            "full table scan (skipped on PG 12+ when a validated CHECK (col IS NOT NULL) exists)",
            "blocked for the scan; writers of NULL fail", UNSAFE,
            "CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT in its own transaction; SET NOT NULL; "
                    + "DROP the CHECK");
    public static final Rule DROP_NOT_NULL = r("drop-not-null", "ALTER COLUMN ... DROP NOT NULL", AEL, "none",
            "old readers may see NULLs written by new code", SAFE, "");
    public static final Rule SET_DEFAULT = r("set-default", "ALTER COLUMN ... SET DEFAULT", AEL, "none",
            "unaffected (new rows only)", SAFE, "");
    public static final Rule DROP_DEFAULT = r("drop-default-not-null",
            "ALTER COLUMN ... DROP DEFAULT on a NOT NULL column (Django AddField: ADD COLUMN ... DEFAULT x NOT NULL "
                    + "then DROP DEFAULT)", AEL, "none", "breaks: INSERTs that omit the column fail", UNSAFE,
            "keep the database default (Django 5 db_default=) until every deployed version writes the column");
    public static final Rule DROP_DEFAULT_SAFE = r("drop-default", "ALTER COLUMN ... DROP DEFAULT (nullable column)",
            AEL, "none", "unaffected (omitted values become NULL)", SAFE, "");
    public static final Rule ADD_IDENTITY = r("add-identity", "ALTER COLUMN ... ADD GENERATED ... AS IDENTITY",
            AEL, "none", "ALWAYS: INSERTs with explicit ids fail", SAFE,
            "use BY DEFAULT; setval() the sequence past max(id) first");
    public static final Rule IDENTITY_OPTIONS = r("identity-options",
            "ALTER COLUMN ... SET GENERATED / RESTART / SET sequence options", AEL + " (brief)", "none",
            "GENERATED ALWAYS: INSERTs with explicit values fail; RESTART / MAXVALUE / CYCLE / INCREMENT: key "
                    + "collisions or running out of values", UNSAFE,
            "keep GENERATED BY DEFAULT; move a sequence only forward, past max(id), with setval()");
    public static final Rule SEQUENCE_RESET = r("sequence-reset",
            "ALTER SEQUENCE ... RESTART / MAXVALUE / CYCLE / INCREMENT, setval() not computed from max(...)",
            "RowExclusiveLock or ShareRowExclusiveLock on the sequence", "none",
            "new keys collide with existing rows, or the sequence runs out", UNSAFE,
            "move a sequence only forward, past the table's max: SELECT setval('seq', (SELECT max(id) FROM t))");
    public static final Rule ROLE_OR_DATABASE = r("role-or-database-change",
            "ALTER ROLE / USER / GROUP / DATABASE (other than RENAME)", "none", "none",
            "the app's new connections get the change: login, password, read-only, search_path, timeouts", UNSAFE,
            "change roles and databases outside migrations, with the app's owners, or in the maintenance window");
    public static final Rule OWNER = r("owner-change", "ALTER ... OWNER TO on an existing object", AEL + " (brief)",
            "none", "the old owner (often the app's role) loses its owner rights: permission denied", UNSAFE,
            "GRANT the new role what it needs instead, or change the owner in the nightly maintenance window");
    public static final Rule DROP_IDENTITY = r("drop-identity-or-expression",
            "ALTER COLUMN ... DROP IDENTITY / DROP EXPRESSION", AEL, "none",
            "INSERTs relying on the generated value get NULL", SAFE, "");
    public static final Rule SET_EXPRESSION = r("set-expression", "ALTER COLUMN ... SET EXPRESSION (PG 17+)", AEL,
            "full table rewrite (STORED)", "blocked for the whole rewrite", UNSAFE, "new column + trigger");
    public static final Rule COLUMN_SETTINGS = r("alter-column-settings",
            "ALTER COLUMN ... SET STATISTICS / SET (n_distinct ...) / SET STORAGE / SET COMPRESSION / identity "
                    + "sequence options", SUE + " or " + AEL + " (brief)", "none", "unaffected", SAFE, "");

    // ---- constraints
    public static final Rule ADD_CHECK = r("add-check-constraint", "ADD CONSTRAINT ... CHECK (validated)", AEL,
            "full table scan", "blocked for the scan; writers of violating rows fail", UNSAFE,
            "ADD CONSTRAINT ... CHECK (...) NOT VALID; then VALIDATE CONSTRAINT in its own transaction");
    public static final Rule ADD_CHECK_NOT_VALID = r("add-check-not-valid", "ADD CONSTRAINT ... CHECK ... NOT VALID",
            AEL, "none", "new writes must satisfy it at once", SAFE, "");
    public static final Rule ADD_FOREIGN_KEY = r("add-foreign-key", "ADD CONSTRAINT ... FOREIGN KEY (validated)",
            SRE + " on both tables", "full scan of the referencing table", "writes to both tables blocked for the scan",
            UNSAFE, "ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID; then VALIDATE CONSTRAINT in its own transaction");
    public static final Rule ADD_FOREIGN_KEY_NOT_VALID = r("add-foreign-key-not-valid",
            "ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID", SRE + " on both tables (brief)", "none",
            "new writes must satisfy it at once", SAFE, "");
    public static final Rule ADD_NOT_NULL_NOT_VALID = r("add-not-null-not-valid",
            "ADD CONSTRAINT ... NOT NULL col NOT VALID (PG 18+)", AEL, "none", "new writes must satisfy it at once",
            SAFE, "");
    public static final Rule VALIDATE = r("validate-constraint", "VALIDATE CONSTRAINT", SUE
            + " (+ RowShareLock on a referenced table)", "full scan, reads and writes allowed", "unaffected", SAFE, "");
    public static final Rule ADD_UNIQUE = r("add-unique-constraint", "ADD CONSTRAINT ... UNIQUE / PRIMARY KEY (builds an index)",
            AEL, "index build under the lock (PRIMARY KEY: also a NOT NULL scan)", "blocked for the build; "
                    + "duplicate INSERTs fail", UNSAFE,
            "CREATE UNIQUE INDEX CONCURRENTLY idx ...; ALTER TABLE ... ADD CONSTRAINT c UNIQUE USING INDEX idx");
    public static final Rule ADD_UNIQUE_USING_INDEX = r("add-constraint-using-index",
            "ADD CONSTRAINT ... UNIQUE / PRIMARY KEY USING INDEX", AEL, "none (PRIMARY KEY: NOT NULL scan unless the "
                    + "columns are already NOT NULL)", "unaffected (the index already enforces it)", SAFE, "");
    public static final Rule ADD_EXCLUDE = r("add-exclusion-constraint", "ADD CONSTRAINT ... EXCLUDE", AEL,
            "index build under the lock", "blocked for the build; conflicting writes fail", UNSAFE,
            "no online method: accept a maintenance window, or build a new table and swap");
    public static final Rule DROP_CONSTRAINT = r("drop-constraint", "DROP CONSTRAINT (CHECK / FOREIGN KEY)",
            AEL + " (FK: also on the referenced table)", "none", "unaffected", SAFE, "");
    public static final Rule DROP_UNIQUE = r("drop-unique-constraint", "DROP CONSTRAINT of a UNIQUE / PRIMARY KEY",
            AEL, "none", "breaks INSERT ... ON CONFLICT (cols) that relied on it", UNSAFE,
            "drop it after the code no longer relies on it (contract phase)");
    public static final Rule RENAME_CONSTRAINT = r("rename-constraint", "RENAME CONSTRAINT", AEL, "none",
            "breaks ON CONFLICT ON CONSTRAINT and code matching constraint names", UNSAFE,
            "keep the name, or rename after the code no longer uses it");
    public static final Rule ALTER_CONSTRAINT = r("alter-constraint", "ALTER CONSTRAINT ... [NOT] DEFERRABLE", AEL,
            "none", "unaffected", SAFE, "");

    // ---- indexes
    public static final Rule CREATE_INDEX = r("create-index-non-concurrently", "CREATE INDEX (without CONCURRENTLY)",
            "ShareLock", "full scan + sort", "writes blocked for the whole build", UNSAFE,
            "CREATE INDEX CONCURRENTLY ... outside a transaction block");
    public static final Rule CREATE_INDEX_CONCURRENTLY = r("create-index-concurrently", "CREATE INDEX CONCURRENTLY",
            SUE, "two scans, reads and writes allowed", "unaffected (UNIQUE: duplicate INSERTs fail)", SAFE,
            "if it fails, DROP INDEX CONCURRENTLY the INVALID index before retrying");
    public static final Rule CIC_BUG = r("concurrent-index-pg14-bug",
            "CREATE INDEX CONCURRENTLY / REINDEX CONCURRENTLY on PostgreSQL 14.0 to 14.3", SUE,
            "may silently corrupt the index", "wrong query results", UNSAFE, "upgrade to 14.4 or later first");
    public static final Rule DROP_INDEX = r("drop-index", "DROP INDEX (without CONCURRENTLY)", AEL + " (brief)",
            "none", "unaffected (queries may get slower)", SAFE, "DROP INDEX CONCURRENTLY (outside a transaction)");
    public static final Rule DROP_INDEX_CONCURRENTLY = r("drop-index-concurrently", "DROP INDEX CONCURRENTLY", SUE,
            "none", "unaffected", SAFE, "");
    public static final Rule REINDEX = r("reindex", "REINDEX (without CONCURRENTLY)",
            "ShareLock on the table + " + AEL + " on the index", "index rebuild", "writes (and most reads) blocked",
            UNSAFE, "REINDEX ... CONCURRENTLY (PG 12+)");
    public static final Rule REINDEX_CONCURRENTLY = r("reindex-concurrently", "REINDEX CONCURRENTLY", SUE,
            "index rebuild, reads and writes allowed", "unaffected", SAFE, "");
    public static final Rule ALTER_INDEX = r("alter-index", "ALTER INDEX ... RENAME / SET (...) / ATTACH PARTITION",
            SUE + " (RENAME before PG 12: " + AEL + ")", "none", "unaffected", SAFE, "");
    public static final Rule ALTER_INDEX_TABLESPACE = r("alter-index-set-tablespace", "ALTER INDEX ... SET TABLESPACE",
            AEL, "index copy", "blocked for the copy", UNSAFE, "REINDEX ... CONCURRENTLY TABLESPACE x (PG 14+)");

    // ---- tables and other relations
    public static final Rule CREATE_TABLE = r("create-table", "CREATE TABLE", "none (" + SRE
            + " on referenced tables)", "none", "unaffected", SAFE, "");
    public static final Rule CREATE_TABLE_AS = r("create-table-as", "CREATE TABLE AS / SELECT INTO / CREATE "
            + "MATERIALIZED VIEW", "AccessShareLock on the sources", "full read of the sources", "unaffected", SAFE, "");
    public static final Rule DROP_TABLE = r("drop-table", "DROP TABLE / VIEW / MATERIALIZED VIEW / SEQUENCE", AEL,
            "none", "breaks: queries on it fail", UNSAFE,
            "deploy code that no longer uses it first, then drop it in a later migration");
    public static final Rule RENAME_TABLE = r("rename-table", "ALTER TABLE / VIEW ... RENAME TO, SET SCHEMA", AEL,
            "none", "breaks: queries on the old name fail", UNSAFE,
            "keep the name and rename in the ORM (Django db_table=), or rename and create a view with the old name in "
                    + "the same transaction");
    public static final Rule TRUNCATE = r("truncate", "TRUNCATE", AEL, "data removed", "data loss", UNSAFE,
            "DELETE in batches, and never CASCADE");
    public static final Rule TABLE_REWRITE = r("alter-table-rewrite",
            "ALTER TABLE ... SET TABLESPACE / SET LOGGED / SET UNLOGGED / SET ACCESS METHOD", AEL, "full table rewrite",
            "blocked for the whole rewrite", UNSAFE, "pg_repack, or a new table + copy + swap");
    public static final Rule TABLE_SETTINGS = r("alter-table-settings",
            "ALTER TABLE ... SET (storage parameters) / RESET / CLUSTER ON / OWNER TO / REPLICA IDENTITY",
            SUE + " or " + AEL + " (brief)", "none", "unaffected", SAFE, "");
    public static final Rule ROW_LEVEL_SECURITY = r("row-level-security",
            "ENABLE / FORCE ROW LEVEL SECURITY, CREATE / ALTER / DROP POLICY", AEL, "none",
            "queries may suddenly see or change fewer rows", UNSAFE,
            "create permissive policies first, then enable row level security");
    public static final Rule TRIGGER = r("trigger", "CREATE / DROP TRIGGER, ENABLE / DISABLE TRIGGER", SRE + " / "
            + AEL + " (brief)", "none", "writes now run (or skip) the trigger", SAFE, "");
    public static final Rule ATTACH_PARTITION = r("attach-partition", "ALTER TABLE ... ATTACH PARTITION",
            SUE + " on the parent (PG 11: " + AEL + "), " + AEL + " on the partition",
            "scans the partition unless a validated CHECK implies the bound", "blocked on the partition for the scan",
            UNSAFE, "add CHECK (bound) NOT VALID + VALIDATE on the partition first, or attach an empty new table");
    public static final Rule PARTITION_DEFAULT_SCAN = r("partition-default-scan", "CREATE TABLE ... PARTITION OF / "
            + "ATTACH PARTITION when the parent has a DEFAULT partition", AEL + " on the DEFAULT partition (CREATE: "
            + "and on the parent)", "scans the DEFAULT partition for rows of the new range",
            "blocked on the DEFAULT partition (CREATE: and the parent) for the scan", UNSAFE,
            "give the DEFAULT partition a CHECK constraint that excludes the new range (NOT VALID, then VALIDATE "
                    + "CONSTRAINT in its own transaction): PostgreSQL then skips the scan");
    public static final Rule DETACH_PARTITION = r("detach-partition", "ALTER TABLE ... DETACH PARTITION",
            AEL + " on the parent (CONCURRENTLY, PG 14+: " + SUE + ")", "none",
            "queries through the parent no longer see its rows", UNSAFE,
            "DETACH PARTITION ... CONCURRENTLY (PG 14+) once no code reads those rows through the parent");
    public static final Rule INHERITANCE = r("alter-table-inheritance", "ALTER TABLE ... INHERIT / NO INHERIT / OF / "
            + "NOT OF", AEL, "none", "queries on the parent see different rows", UNSAFE, "");
    public static final Rule CREATE_OBJECT = r("create-object", "CREATE [OR REPLACE] VIEW / FUNCTION / PROCEDURE, "
            + "CREATE TYPE, SEQUENCE, SCHEMA, EXTENSION, DOMAIN and other new objects", "none (" + AEL
            + " on a replaced view)", "none", "unaffected by new objects; a replaced view or function changes "
            + "behaviour", SAFE, "");
    public static final Rule DROP_OBJECT = r("drop-object", "DROP FUNCTION / TYPE / SCHEMA / EXTENSION / DOMAIN / "
            + "TRIGGER ... and other objects old code may use", AEL, "none", "breaks code that uses the object",
            UNSAFE, "drop it after the code no longer uses it");
    public static final Rule RENAME_OBJECT = r("rename-object", "ALTER ... RENAME of schemas, types, functions, "
            + "sequences, views", AEL, "none", "breaks code that uses the old name", UNSAFE, "keep the old name");
    public static final Rule ENUM_ADD_VALUE = r("enum-add-value", "ALTER TYPE ... ADD VALUE", "none (type lock)",
            "none", "strict readers of the enum may fail on the new label", SAFE, "");
    public static final Rule ENUM_RENAME_VALUE = r("enum-rename-value", "ALTER TYPE ... RENAME VALUE", "none (type "
            + "lock)", "none", "breaks code writing or matching the old label", UNSAFE,
            "add the new value, deploy code that handles both, backfill, drop usage of the old one");
    public static final Rule ALTER_DOMAIN = r("alter-domain-add-constraint", "ALTER DOMAIN ... ADD CONSTRAINT "
            + "(validated) / VALIDATE CONSTRAINT", "ShareLock on every table using the domain",
            "scans every column of the domain", "writes to those tables blocked for the scan; writers of violating "
                    + "values fail", UNSAFE, "ADD CONSTRAINT ... NOT VALID on the domain (new values are checked); "
                    + "to check old values, a CHECK on each table's column (NOT VALID, then VALIDATE CONSTRAINT in its "
                    + "own transaction), or VALIDATE the domain's constraint in a maintenance window");
    public static final Rule REFRESH_MATVIEW = r("refresh-materialized-view", "REFRESH MATERIALIZED VIEW", AEL,
            "full recompute", "reads of the view blocked", UNSAFE, "REFRESH MATERIALIZED VIEW CONCURRENTLY (needs a "
                    + "unique index)");
    public static final Rule REFRESH_MATVIEW_CONCURRENTLY = r("refresh-materialized-view-concurrently",
            "REFRESH MATERIALIZED VIEW CONCURRENTLY", "ExclusiveLock", "full recompute, reads allowed", "unaffected",
            SAFE, "");
    public static final Rule LOCK_TABLE = r("lock-table", "LOCK TABLE", "as requested, held until COMMIT", "none",
            "blocked while held if the mode blocks them", SAFE, "");
    public static final Rule VACUUM_FULL = r("vacuum-full-or-cluster", "VACUUM FULL / CLUSTER", AEL,
            "full table rewrite", "blocked for the whole rewrite", UNSAFE, "pg_repack or pg_squeeze");
    public static final Rule VACUUM = r("vacuum-analyze", "VACUUM / ANALYZE", SUE, "full scan, reads and writes "
            + "allowed", "unaffected", SAFE, "");
    public static final Rule COMMENT = r("comment", "COMMENT ON", "ShareUpdateExclusiveLock on tables (brief)", "none",
            "unaffected", SAFE, "");
    public static final Rule PRIVILEGES = r("privileges", "GRANT, OWNER TO on a new object, SECURITY LABEL",
            "none or brief", "none", "unaffected", SAFE, "");
    public static final Rule REVOKE = r("revoke", "REVOKE", "none", "none", "queries lacking the privilege fail",
            UNSAFE, "revoke after the code no longer needs the privilege");

    // ---- data changes
    public static final Rule DATA_CHANGE = r("data-change", "UPDATE / DELETE / INSERT / MERGE / COPY on an existing "
            + "table, bounded", "RowExclusiveLock", "rows touched", "unaffected (row locks on touched rows)", SAFE, "");
    public static final Rule UNBATCHED_DATA_CHANGE = r("unbatched-data-change",
            "UPDATE / DELETE without a bounded WHERE (whole table)", "RowExclusiveLock + row locks on every row "
                    + "touched, until COMMIT", "full scan", "writers of those rows blocked until COMMIT", UNSAFE,
            "change the rows in batches: UPDATE / DELETE ... WHERE id IN (SELECT id FROM ... WHERE ... LIMIT 1000), "
                    + "committing each batch");
    public static final Rule READ_QUERY = r("read-query", "SELECT / EXPLAIN / SHOW (built-in functions only)",
            "AccessShareLock", "as the query", "unaffected", SAFE, "");
    public static final Rule OPAQUE_CODE = r("opaque-code", "DO blocks, CALL, SELECT of non-built-in functions, psql "
            + "\\i / \\gexec / \\!", "unknown", "unknown", "unknown", UNSAFE,
            "write the statements it runs as plain SQL in the migration");
    public static final Rule DJANGO_PYTHON = r("django-python-operation", "a Django operation sqlmigrate cannot write "
            + "as SQL (RunPython, custom operations): -- MIGRATION NOW PERFORMS OPERATION THAT CANNOT BE WRITTEN AS SQL "
            + "(Django 3.2) / -- THIS OPERATION CANNOT BE WRITTEN AS SQL (Django 4.1+)", "unknown (the Python code's "
            + "own, plus the locks the migration's transaction already holds, until COMMIT)", "unknown: data changes "
            + "of unknown size", "unknown: may run for as long as the data takes", UNSAFE,
            "keep the schema migration pure DDL; change the data outside it, in batches: a management command (or a "
            + "separate data migration with atomic = False) that updates a few thousand rows per transaction, "
            + "committing each batch, run after the deploy");
    public static final Rule PSQL = r("psql-meta-command", "psql \\set, \\echo, \\timing, \\restrict and other "
            + "client-only meta-commands", "none", "none", "unaffected", SAFE, "");

    // ---- fail closed
    public static final Rule UNRECOGNISED = r("unrecognised-statement", "any statement zdcd cannot recognise",
            "unknown", "unknown", "unknown", UNSAFE, "rewrite it with recognised statements, or suppress with "
                    + "-- zdcd:ignore unrecognised-statement <reason>");
    public static final Rule UNSUPPORTED_VERSION = r("unsupported-on-version",
            "syntax the target PostgreSQL version does not have", "-", "-", "the migration fails with an error",
            UNSAFE, "use the form the version supports");
    public static final Rule PARSER_DISAGREEMENT = r("parser-disagreement",
            "JSqlParser reads a safety-relevant fact differently from zdcd's token recognizer", "-", "-", "-",
            UNSAFE, "simplify the statement (one action per ALTER TABLE) or review it by hand");

    // ---- suppressions
    public static final Rule UNUSED_IGNORE = r("unused-ignore", "-- zdcd:ignore that matches no finding", "-", "-",
            "-", SAFE, "remove the stale comment");
    public static final Rule INVALID_IGNORE = r("invalid-ignore", "-- zdcd:ignore without a known rule id or a reason",
            "-", "-", "-", SAFE, "write -- zdcd:ignore <rule-id> <reason>");

    private static final Map<String, Rule> BY_ID;

    static {
        Map<String, Rule> m = new LinkedHashMap<>();
        for (Rule rule : LIST) {
            if (m.put(rule.id(), rule) != null) {
                throw new IllegalStateException("duplicate rule id " + rule.id());
            }
        }
        BY_ID = Collections.unmodifiableMap(m);
    }

    private Rules() {
    }

    /** Every rule, in catalogue order. */
    public static List<Rule> all() {
        return List.copyOf(LIST);
    }

    public static Rule byId(String id) {
        return BY_ID.get(id);
    }

    /** Where each rule's page lives ({@code docs/rules/<id>.md} of the repository, generated from this catalogue). */
    public static final String DOCS_BASE = "https://github.com/zdcd/zdcd/blob/main/docs/rules/";

    /** The page of the rule with that id (for SARIF {@code helpUri} and report links). */
    public static String docsUrl(String id) {
        return DOCS_BASE + id + ".md";
    }
}
