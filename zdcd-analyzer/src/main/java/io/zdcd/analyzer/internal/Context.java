package io.zdcd.analyzer.internal;

import io.zdcd.classify.LockMode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What the analysis of one migration knows at the current statement. */
final class Context {
    final PgVersion version;
    final Schema schema;
    /** Relations created by this migration (empty, invisible to the old code). */
    final Set<String> createdHere = new HashSet<>();
    /** Columns ("table.column") this migration added with DEFAULT ... NOT NULL: the Django AddField pattern. */
    final Set<String> addedWithDefaultNotNull = new HashSet<>();

    boolean inTransaction;
    /** Statements outside an explicit transaction run in one implicit transaction (see MigrationAnalyzer). */
    boolean implicitTransactions;
    /** Locks taken on pre-existing relations in the open explicit transaction, strongest per relation. */
    final Map<String, LockMode> heldLocks = new HashMap<>();

    Boolean lockTimeoutSession; // null: never set in this migration
    Boolean lockTimeoutLocal;   // SET LOCAL in the open transaction
    boolean txChangedLockTimeout;
    Boolean lockTimeoutBeforeTx;
    boolean utcTimeZone;
    boolean lockTimeoutNoted;

    Context(PgVersion version, Schema schema) {
        this.version = version;
        this.schema = schema;
    }

    boolean existedBefore(String key) {
        return !createdHere.contains(key);
    }

    void holdLock(String key, LockMode mode) {
        if (inTransaction || implicitTransactions) {
            heldLocks.merge(key, mode, LockMode::max);
        }
    }

    /** The strongest traffic-blocking lock held by the open transaction, with its relation, or null. */
    Map.Entry<String, LockMode> strongestHeldLock() {
        Map.Entry<String, LockMode> best = null;
        for (Map.Entry<String, LockMode> e : heldLocks.entrySet()) {
            if (e.getValue().blocksWrites() && (best == null || e.getValue().ordinal() > best.getValue().ordinal())) {
                best = e;
            }
        }
        return best;
    }

    boolean lockTimeoutInEffect() {
        if (lockTimeoutLocal != null && inTransaction) {
            return lockTimeoutLocal;
        }
        return Boolean.TRUE.equals(lockTimeoutSession);
    }

    void begin() {
        inTransaction = true;
        heldLocks.clear();
        lockTimeoutLocal = null;
        lockTimeoutBeforeTx = lockTimeoutSession;
        txChangedLockTimeout = false;
    }

    void commit() {
        inTransaction = false;
        heldLocks.clear();
        lockTimeoutLocal = null;
    }

    void rollback() {
        if (inTransaction && txChangedLockTimeout) {
            lockTimeoutSession = lockTimeoutBeforeTx; // SET inside a rolled-back transaction is undone
        }
        commit();
    }
}
