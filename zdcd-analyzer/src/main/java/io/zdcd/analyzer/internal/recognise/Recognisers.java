package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.Tokens;
import java.util.HashMap;
import java.util.Map;

/**
 * The recognisers by the words a statement starts with; {@code StatementRules.dispatch} asks this registry, and a
 * statement no recogniser takes is an unrecognised statement.
 */
public final class Recognisers {
    private static final Map<String, Recogniser> BY_WORDS = new HashMap<>();
    /** The most words of a key: "ALTER FOREIGN TABLE" has three. */
    private static int maxWords = 1;

    static {
        // one line per moved command; the longest key wins: "ALTER FOREIGN TABLE" over "ALTER FOREIGN" over "ALTER"
        register(SessionRecogniser::transaction, "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT",
                "RELEASE");
        register(SessionRecogniser::prepare, "PREPARE");
        register(SessionRecogniser::set, "SET");
        register(SessionRecogniser::reset, "RESET");
        register(DataRecogniser::data, "UPDATE", "DELETE", "INSERT", "MERGE", "WITH", "COPY");
        register(ReadRecogniser::read, "SELECT", "VALUES", "TABLE", "SHOW", "EXPLAIN", "DECLARE", "FETCH", "MOVE",
                "CLOSE");
        register(MaintenanceRecogniser::truncate, "TRUNCATE");
        register(MaintenanceRecogniser::lock, "LOCK");
        register(MaintenanceRecogniser::comment, "COMMENT");
        register(MaintenanceRecogniser::vacuum, "VACUUM");
        register(MaintenanceRecogniser::analyze, "ANALYZE", "ANALYSE");
        register(MaintenanceRecogniser::cluster, "CLUSTER");
        register(MaintenanceRecogniser::reindex, "REINDEX");
        register(MaintenanceRecogniser::refresh, "REFRESH");
        register(DropRecogniser::drop, "DROP");
        register(AlterTableRecogniser::alterTable, "ALTER TABLE");
        register(AlterTableRecogniser::alterForeignTable, "ALTER FOREIGN TABLE");
        register(CreateRecogniser::create, "CREATE");
        register(AlterRecogniser::alter, "ALTER"); // every ALTER but [FOREIGN] TABLE
        register(CommandRecogniser::privileges, "GRANT", "REVOKE");
        register(CommandRecogniser::procedural, "DO", "CALL", "EXECUTE");
        register(CommandRecogniser::session, "NOTIFY", "LISTEN", "UNLISTEN", "DISCARD", "CHECKPOINT", "DEALLOCATE",
                "LOAD", "SECURITY", "IMPORT", "REASSIGN");
    }

    private Recognisers() {
    }

    private static void register(Recogniser r, String... words) {
        for (String w : words) {
            if (BY_WORDS.put(w, r) != null) {
                throw new IllegalStateException("two recognisers for " + w);
            }
            maxWords = Math.max(maxWords, w.split(" ").length);
        }
    }

    /** The recogniser of the statement starting at token {@code i}, or null when its family has not moved yet. */
    public static Recogniser find(Tokens t, int i) {
        for (int words = maxWords; words > 1; words--) {
            StringBuilder key = new StringBuilder(t.upper(i));
            for (int w = 1; w < words; w++) {
                key.append(' ').append(t.upper(i + w));
            }
            Recogniser r = BY_WORDS.get(key.toString());
            if (r != null) {
                return r;
            }
        }
        return BY_WORDS.get(t.upper(i));
    }
}
