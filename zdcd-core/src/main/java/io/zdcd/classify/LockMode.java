package io.zdcd.classify;

import java.util.Locale;
import java.util.Optional;

/**
 * PostgreSQL's table-level lock modes, weakest first, named as {@code pg_locks.mode} names them.
 */
public enum LockMode {
    ACCESS_SHARE("AccessShareLock", false, false),
    ROW_SHARE("RowShareLock", false, false),
    ROW_EXCLUSIVE("RowExclusiveLock", false, false),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock", false, false),
    SHARE("ShareLock", false, true),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock", false, true),
    EXCLUSIVE("ExclusiveLock", false, true),
    ACCESS_EXCLUSIVE("AccessExclusiveLock", true, true);

    private final String pgName;
    private final boolean blocksReads;
    private final boolean blocksWrites;

    LockMode(String pgName, boolean blocksReads, boolean blocksWrites) {
        this.pgName = pgName;
        this.blocksReads = blocksReads;
        this.blocksWrites = blocksWrites;
    }

    /** The name {@code pg_locks.mode} uses, for example {@code AccessExclusiveLock}. */
    public String pgName() {
        return pgName;
    }

    /** The name SQL's {@code LOCK TABLE ... IN <mode> MODE} uses, for example {@code ACCESS EXCLUSIVE}. */
    public String sqlName() {
        return name().replace('_', ' ');
    }

    /** Whether plain {@code SELECT}s (ACCESS SHARE) of the table wait while this lock is held. */
    public boolean blocksReads() {
        return blocksReads;
    }

    /** Whether {@code INSERT}/{@code UPDATE}/{@code DELETE} (ROW EXCLUSIVE) wait while this lock is held. */
    public boolean blocksWrites() {
        return blocksWrites;
    }

    /** The stronger of the two modes. */
    public LockMode max(LockMode other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }

    /** The mode named {@code AccessExclusiveLock}, {@code ACCESS EXCLUSIVE} or {@code ACCESS_EXCLUSIVE}. */
    public static Optional<LockMode> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
        for (LockMode m : values()) {
            if (m.name().equals(n) || m.pgName.equalsIgnoreCase(name.trim())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
