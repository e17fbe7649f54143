package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.model.Op;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recognisers by the words a statement starts with; {@code StatementRules.dispatch} asks this registry, and a
 * statement no recogniser takes is an unrecognised statement.
 */
public final class Recognisers {
    private static final Map<String, Recogniser> BY_WORDS = new HashMap<>();
    /** The most words of a key: "ALTER FOREIGN TABLE" has three. */
    private static int maxWords = 1;
    /** The first words of the keys of more than one word ("ALTER"): only these need the longer keys tried. */
    private static final java.util.Set<String> MULTI_WORD_STARTS = new java.util.HashSet<>();

    static {
        // one line per moved command; the longest key wins: "ALTER FOREIGN TABLE" over "ALTER FOREIGN" over "ALTER"
        register(Family.TRANSACTION, "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT",
                "RELEASE");
        register(Family.PREPARE, "PREPARE");
        register(Family.SET, "SET");
        register(Family.RESET, "RESET");
        register(Family.DATA, "UPDATE", "DELETE", "INSERT", "MERGE", "WITH", "COPY");
        register(Family.READ, "SELECT", "VALUES", "TABLE", "SHOW", "EXPLAIN", "DECLARE", "FETCH", "MOVE",
                "CLOSE");
        register(Family.TRUNCATE, "TRUNCATE");
        register(Family.LOCK, "LOCK");
        register(Family.COMMENT, "COMMENT");
        register(Family.VACUUM, "VACUUM");
        register(Family.ANALYZE, "ANALYZE", "ANALYSE");
        register(Family.CLUSTER, "CLUSTER");
        register(Family.REINDEX, "REINDEX");
        register(Family.REFRESH, "REFRESH");
        register(Family.DROP, "DROP");
        register(Family.ALTER_TABLE, "ALTER TABLE");
        register(Family.ALTER_FOREIGN_TABLE, "ALTER FOREIGN TABLE");
        register(Family.CREATE, "CREATE");
        register(Family.ALTER, "ALTER"); // every ALTER but [FOREIGN] TABLE
        register(Family.PRIVILEGES, "GRANT", "REVOKE");
        register(Family.PROCEDURAL, "DO", "CALL", "EXECUTE");
        register(Family.COMMAND_SESSION, "NOTIFY", "LISTEN", "UNLISTEN", "DISCARD", "CHECKPOINT", "DEALLOCATE",
                "LOAD", "SECURITY", "IMPORT", "REASSIGN");
    }

    private Recognisers() {
    }

    /**
     * The recognisers, one constant per method: a switch, not method references, so that starting a check links no
     * lambda (each costs a bootstrap call the first time, in the interpreter).
     */
    private enum Family implements Recogniser {
        TRANSACTION, PREPARE, SET, RESET, DATA, READ, TRUNCATE, LOCK, COMMENT, VACUUM, ANALYZE, CLUSTER,
        REINDEX, REFRESH, DROP, ALTER_TABLE, ALTER_FOREIGN_TABLE, CREATE, ALTER, PRIVILEGES, PROCEDURAL,
        COMMAND_SESSION;

        @Override
        public List<Op> recognise(Tokens t, int i, Judgement j) {
            return switch (this) {
                case TRANSACTION -> SessionRecogniser.transaction(t, i, j);
                case PREPARE -> SessionRecogniser.prepare(t, i, j);
                case SET -> SessionRecogniser.set(t, i, j);
                case RESET -> SessionRecogniser.reset(t, i, j);
                case DATA -> DataRecogniser.data(t, i, j);
                case READ -> ReadRecogniser.read(t, i, j);
                case TRUNCATE -> MaintenanceRecogniser.truncate(t, i, j);
                case LOCK -> MaintenanceRecogniser.lock(t, i, j);
                case COMMENT -> MaintenanceRecogniser.comment(t, i, j);
                case VACUUM -> MaintenanceRecogniser.vacuum(t, i, j);
                case ANALYZE -> MaintenanceRecogniser.analyze(t, i, j);
                case CLUSTER -> MaintenanceRecogniser.cluster(t, i, j);
                case REINDEX -> MaintenanceRecogniser.reindex(t, i, j);
                case REFRESH -> MaintenanceRecogniser.refresh(t, i, j);
                case DROP -> DropRecogniser.drop(t, i, j);
                case ALTER_TABLE -> AlterTableRecogniser.alterTable(t, i, j);
                case ALTER_FOREIGN_TABLE -> AlterTableRecogniser.alterForeignTable(t, i, j);
                case CREATE -> CreateRecogniser.create(t, i, j);
                case ALTER -> AlterRecogniser.alter(t, i, j);
                case PRIVILEGES -> CommandRecogniser.privileges(t, i, j);
                case PROCEDURAL -> CommandRecogniser.procedural(t, i, j);
                case COMMAND_SESSION -> CommandRecogniser.session(t, i, j);
            };
        }
    }

    private static void register(Recogniser r, String... words) {
        for (String w : words) {
            if (BY_WORDS.put(w, r) != null) {
                throw new IllegalStateException("two recognisers for " + w);
            }
            String[] parts = w.split(" ");
            maxWords = Math.max(maxWords, parts.length);
            if (parts.length > 1) {
                MULTI_WORD_STARTS.add(parts[0]);
            }
        }
    }

    /** The recogniser of the statement starting at token {@code i}, or null when its family has not moved yet. */
    public static Recogniser find(Tokens t, int i) {
        String first = t.upper(i);
        if (!MULTI_WORD_STARTS.contains(first)) { // no longer key starts with this word
            return BY_WORDS.get(first);
        }
        for (int words = maxWords; words > 1; words--) {
            StringBuilder key = new StringBuilder(first);
            for (int w = 1; w < words; w++) {
                key.append(' ').append(t.upper(i + w));
            }
            Recogniser r = BY_WORDS.get(key.toString());
            if (r != null) {
                return r;
            }
        }
        return BY_WORDS.get(first);
    }
}
