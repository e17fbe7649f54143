package io.zdcd.analyzer.trace.internal;

import io.zdcd.analyzer.SqlScript;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Statement-level facts the tracer needs: splitting, transaction control, what cannot run in a transaction. */
public final class Sql {
    private static final Pattern TX_CONTROL = Pattern.compile(
            "^(BEGIN|START\\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE\\s+TRANSACTION)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TX_END = Pattern.compile("^(COMMIT|END|ROLLBACK|ABORT)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NON_TX = Pattern.compile(
            "^(CREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY|DROP\\s+INDEX\\s+CONCURRENTLY|REINDEX\\b.*\\bCONCURRENTLY"
                    + "|ALTER\\s+TABLE\\b.*\\bDETACH\\s+PARTITION\\b.*\\bCONCURRENTLY|VACUUM|CREATE\\s+DATABASE"
                    + "|DROP\\s+DATABASE|ALTER\\s+SYSTEM|CREATE\\s+TABLESPACE|DROP\\s+TABLESPACE"
                    + "|REINDEX\\s+(\\([^)]*\\)\\s*)?(SYSTEM|DATABASE)|CLUSTER\\s*$)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SET_LOCAL = Pattern.compile("^SET\\s+LOCAL\\s+([A-Za-z_.]+)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SET_ANY = Pattern.compile("^(SET|RESET)\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CONCURRENTLY = Pattern.compile("\\bCONCURRENTLY\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern VACUUM = Pattern.compile("^VACUUM\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CLUSTER_WIDE = Pattern.compile(
            "^((CREATE|ALTER|DROP)\\s+(ROLE|USER|GROUP|DATABASE|TABLESPACE)|ALTER\\s+SYSTEM|REASSIGN\\s+OWNED"
                    + "|COMMENT\\s+ON\\s+(DATABASE|ROLE|TABLESPACE)|SECURITY\\s+LABEL|LOAD|CHECKPOINT)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ROLE_GRANT = Pattern.compile("^(GRANT|REVOKE)\\b.*", Pattern.CASE_INSENSITIVE
            | Pattern.DOTALL);
    private static final Pattern SERVER_FUNCTIONS = Pattern.compile("\\b(pg_terminate_backend|pg_cancel_backend"
            + "|pg_reload_conf|pg_rotate_logfile|pg_promote|pg_switch_wal|pg_create_restore_point"
            + "|pg_(create|drop)_\\w*replication_slot|pg_replication_origin_\\w+|dblink\\w*|lo_export|pg_file_write"
            + ")\\s*\\(|\\bPROGRAM\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ON_WORD = Pattern.compile("\\bON\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern IDENT = Pattern.compile("\"((?:[^\"]|\"\")+)\"|([A-Za-z_][A-Za-z0-9_$]*)");

    private Sql() {
    }

    /** One statement of a migration; {@code psql} marks a psql meta-command (not SQL). */
    public record Stmt(int index, int line, String sql, boolean psql) {
        public Stmt(int index, int line, String sql) {
            this(index, line, sql, false);
        }
    }

    /** The statement's text without leading comments, for keyword tests. */
    static String head(String sql) {
        String s = sql.strip();
        while (true) {
            if (s.startsWith("--")) {
                int nl = s.indexOf('\n');
                s = nl < 0 ? "" : s.substring(nl + 1).strip();
            } else if (s.startsWith("/*")) {
                int end = s.indexOf("*/");
                s = end < 0 ? "" : s.substring(end + 2).strip();
            } else {
                return s;
            }
        }
    }

    public static boolean isTransactionControl(String sql) {
        return TX_CONTROL.matcher(head(sql)).matches();
    }

    public static boolean endsTransaction(String sql) {
        return TX_END.matcher(head(sql)).matches();
    }

    /** Statements PostgreSQL refuses to run inside a transaction block. */
    public static boolean cannotRunInTransaction(String sql) {
        // the runner's own test too (a DO block that COMMITs, as zdcd fix's batch loops do): what runs outside a
        // transaction there is traced outside one here
        return NON_TX.matcher(head(sql)).matches() || io.zdcd.sql.SqlStatement.needsNoTransaction(sql);
    }

    /**
     * Statements whose effect reaches beyond the database (databases, roles and memberships, tablespaces, server
     * settings): the tracer never commits them, not even in a scratch copy.
     */
    public static boolean affectsCluster(String sql) {
        String h = head(sql);
        return CLUSTER_WIDE.matcher(h).matches() || ROLE_GRANT.matcher(h).matches() && !ON_WORD.matcher(h).find();
    }

    /**
     * Statements that act on the server or other sessions even inside a rolled-back transaction (signalling or
     * terminating backends, reloading the configuration, replication slots, files, programs): never run at all.
     */
    public static boolean actsOnServer(String sql) {
        return SERVER_FUNCTIONS.matcher(sql).find();
    }

    public static boolean isSet(String sql) {
        return SET_ANY.matcher(head(sql)).matches();
    }

    /** For {@code SET LOCAL name ...}, the setting's name. */
    public static java.util.Optional<String> setLocalName(String sql) {
        Matcher m = SET_LOCAL.matcher(head(sql));
        return m.matches() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /** {@code SET LOCAL x} as the session-level {@code SET x}, for replaying outside a transaction. */
    public static String asSessionSet(String sql) {
        return head(sql).replaceFirst("(?i)^SET\\s+LOCAL\\s+", "SET ");
    }

    /**
     * The statement as it can run inside a transaction with the same effect on the schema: {@code CONCURRENTLY}
     * dropped from index statements; empty for statements with no schema effect that cannot run in one (VACUUM).
     */
    public static java.util.Optional<String> inTransactionEquivalent(String sql) {
        String h = head(sql);
        if (!cannotRunInTransaction(h)) {
            return java.util.Optional.of(sql);
        }
        if (VACUUM.matcher(h).matches()) {
            return java.util.Optional.empty();
        }
        String upper = h.toUpperCase(Locale.ROOT);
        if (upper.startsWith("CREATE") && upper.contains("INDEX") || upper.startsWith("DROP INDEX")
                || upper.startsWith("REINDEX") || upper.startsWith("ALTER TABLE")) {
            return java.util.Optional.of(CONCURRENTLY.matcher(h).replaceFirst(""));
        }
        return java.util.Optional.empty();
    }

    /** Every identifier in the text, lower-cased unless quoted (literals and comments are not skipped). */
    public static Set<String> identifiers(String sql) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = IDENT.matcher(sql);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1).replace("\"\"", "\"") : m.group(2).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** The statements of a migration, as the classifier's splitter ({@link SqlScript}) finds them. */
    public static List<Stmt> split(String text) {
        return SqlScript.split(text).stream()
                .map(s -> new Stmt(s.index(), s.line(), s.text(), s.psqlMetaCommand())).toList();
    }
}
