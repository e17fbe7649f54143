package io.zdcd.analyzer.internal;

import io.zdcd.classify.LockMode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What the analysis of one migration knows at the current statement. */
public final class Context {
    public final PgVersion version;
    public final Schema schema;
    /** Relations created by this migration (empty, invisible to the old code). */
    public final Set<String> createdHere = new HashSet<>();
    /** Columns ("table.column") this migration added with DEFAULT ... NOT NULL: the Django AddField pattern. */
    public final Set<String> addedWithDefaultNotNull = new HashSet<>();
    /**
     * Columns ("table.column") this migration added to an existing table without a default: the old code does not
     * write them, so its INSERTs leave them NULL.
     */
    public final Set<String> addedWithoutDefault = new HashSet<>();

    public boolean inTransaction;
    /** Enum labels (quoted literals) added by ALTER TYPE ... ADD VALUE in the open explicit or implicit transaction. */
    public final Set<String> enumLabelsAddedInTx = new HashSet<>();
    /** SET search_path put a schema other than public first: unqualified new tables are not public's. */
    public boolean searchPathElsewhere;
    /** Statements outside an explicit transaction run in one implicit transaction (see MigrationAnalyzer). */
    public boolean implicitTransactions;
    /** Locks taken on pre-existing relations in the open explicit transaction, strongest per relation. */
    public final Map<String, LockMode> heldLocks = new HashMap<>();

    public Boolean lockTimeoutSession; // null: never set in this migration
    public Boolean lockTimeoutLocal;   // SET LOCAL in the open transaction
    public boolean txChangedLockTimeout;
    public Boolean lockTimeoutBeforeTx;
    /**
     * Whether the session time zone is known to be UTC at this statement (and the version has PostgreSQL 12's
     * no-rewrite timestamp -> timestamptz under UTC): derived by {@link #timeZoneChanged()} from the settings below.
     */
    public boolean utcTimeZone;
    public Boolean timeZoneUtcSession; // null: never set in this migration
    public Boolean timeZoneUtcLocal;   // SET LOCAL in the open transaction
    public Boolean timeZoneUtcBeforeTx;
    public boolean txChangedTimeZone;
    public boolean lockTimeoutNoted;

    public Context(PgVersion version, Schema schema) {
        this.version = version;
        this.schema = schema;
    }

    public boolean existedBefore(String key) {
        return !createdHere.contains(key);
    }

    public void holdLock(String key, LockMode mode) {
        if (inTransaction || implicitTransactions) {
            heldLocks.merge(key, mode, LockMode::max);
        }
    }

    /**
     * The strongest traffic-blocking lock held by the open transaction, with its relation, or null: a copy, so that
     * what a statement then takes does not change what was held before it.
     */
    public Map.Entry<String, LockMode> strongestHeldLock() {
        Map.Entry<String, LockMode> best = null;
        for (Map.Entry<String, LockMode> e : heldLocks.entrySet()) {
            if (e.getValue().blocksWrites() && (best == null || e.getValue().ordinal() > best.getValue().ordinal())) {
                best = e;
            }
        }
        return best == null ? null : Map.entry(best.getKey(), best.getValue());
    }

    public boolean lockTimeoutInEffect() {
        if (lockTimeoutLocal != null && inTransaction) {
            return lockTimeoutLocal;
        }
        return Boolean.TRUE.equals(lockTimeoutSession);
    }

    public void begin() {
        inTransaction = true;
        heldLocks.clear();
        enumLabelsAddedInTx.clear();
        lockTimeoutLocal = null;
        lockTimeoutBeforeTx = lockTimeoutSession;
        txChangedLockTimeout = false;
        timeZoneUtcLocal = null;
        timeZoneUtcBeforeTx = timeZoneUtcSession;
        txChangedTimeZone = false;
        timeZoneChanged();
    }

    public void commit() {
        inTransaction = false;
        heldLocks.clear();
        enumLabelsAddedInTx.clear();
        lockTimeoutLocal = null;
        timeZoneUtcLocal = null; // SET LOCAL ends with the transaction
        timeZoneChanged();
    }

    public void rollback() {
        if (inTransaction && txChangedLockTimeout) {
            lockTimeoutSession = lockTimeoutBeforeTx; // SET inside a rolled-back transaction is undone
        }
        if (inTransaction && txChangedTimeZone) {
            timeZoneUtcSession = timeZoneUtcBeforeTx;
        }
        commit();
    }

    /** Records {@code SET [LOCAL] TimeZone} (or set_config): {@code utc} whether the new zone is UTC. */
    public void setTimeZone(boolean utc, boolean local) {
        if (local) {
            if (inTransaction) {
                timeZoneUtcLocal = utc; // outside a transaction SET LOCAL only warns
            }
        } else {
            timeZoneUtcSession = utc;
            if (inTransaction) {
                timeZoneUtcLocal = null; // a later session-level SET overrides an earlier SET LOCAL
                txChangedTimeZone = true;
            }
        }
        timeZoneChanged();
    }

    public void timeZoneChanged() {
        Boolean utc = inTransaction && timeZoneUtcLocal != null ? timeZoneUtcLocal : timeZoneUtcSession;
        utcTimeZone = Boolean.TRUE.equals(utc) && version.atLeast(12);
    }
}
