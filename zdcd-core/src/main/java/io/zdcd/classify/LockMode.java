package io.zdcd.classify;

import java.util.Locale;
import java.util.Optional;

/**
 * PostgreSQL's table-level lock modes, weakest first, named as {@code pg_locks.mode} names them.
 */
public enum LockMode {
    /** {@code ACCESS SHARE}: taken by {@code SELECT}; conflicts only with ACCESS EXCLUSIVE. */
    ACCESS_SHARE("AccessShareLock", false, false),
    /** {@code ROW SHARE}: taken by {@code SELECT ... FOR UPDATE/SHARE}. */
    ROW_SHARE("RowShareLock", false, false),
    /** {@code ROW EXCLUSIVE}: taken by {@code INSERT}, {@code UPDATE} and {@code DELETE}. */
    ROW_EXCLUSIVE("RowExclusiveLock", false, false),
    /**
     * {@code SHARE UPDATE EXCLUSIVE}: taken by {@code VACUUM}, {@code CREATE INDEX CONCURRENTLY}, {@code VALIDATE
     * CONSTRAINT}; blocks neither reads nor writes.
     */
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock", false, false),
    /** {@code SHARE}: taken by {@code CREATE INDEX}; blocks writes. */
    SHARE("ShareLock", false, true),
    /**
     * {@code SHARE ROW EXCLUSIVE}: taken by {@code CREATE TRIGGER} and some {@code ALTER TABLE} forms; blocks writes.
     */
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock", false, true),
    /** {@code EXCLUSIVE}: taken by {@code REFRESH MATERIALIZED VIEW CONCURRENTLY}; blocks writes. */
    EXCLUSIVE("ExclusiveLock", false, true),
    /**
     * {@code ACCESS EXCLUSIVE}: taken by most {@code ALTER TABLE} forms, {@code DROP}, {@code TRUNCATE}; blocks reads
     * and writes.
     */
    ACCESS_EXCLUSIVE("AccessExclusiveLock", true, true);

    private final String pgName;
    private final boolean blocksReads;
    private final boolean blocksWrites;

    LockMode(String pgName, boolean blocksReads, boolean blocksWrites) {
        this.pgName = pgName;
        this.blocksReads = blocksReads;
        this.blocksWrites = blocksWrites;
    }

    /**
     * The name {@code pg_locks.mode} uses, for example {@code AccessExclusiveLock}.
     *
     * @return the CamelCase name ending in {@code Lock}, as PostgreSQL reports it in {@code pg_locks}
     */
    public String pgName() {
        return pgName;
    }

    /**
     * The name SQL's {@code LOCK TABLE ... IN <mode> MODE} uses, for example {@code ACCESS EXCLUSIVE}.
     *
     * @return the upper-case words separated by single spaces
     */
    public String sqlName() {
        return name().replace('_', ' ');
    }

    /**
     * Whether plain {@code SELECT}s (ACCESS SHARE) of the table wait while this lock is held.
     *
     * @return true only for {@link #ACCESS_EXCLUSIVE}
     */
    public boolean blocksReads() {
        return blocksReads;
    }

    /**
     * Whether {@code INSERT}/{@code UPDATE}/{@code DELETE} (ROW EXCLUSIVE) wait while this lock is held.
     *
     * @return true for {@link #SHARE} and every stronger mode
     */
    public boolean blocksWrites() {
        return blocksWrites;
    }

    /**
     * The stronger of the two modes.
     *
     * @param other the mode to compare with; null counts as weaker than every mode
     * @return {@code other} when it is stronger than this mode, otherwise this mode (never null)
     */
    public LockMode max(LockMode other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }

    /**
     * The mode named {@code AccessExclusiveLock}, {@code ACCESS EXCLUSIVE} or {@code ACCESS_EXCLUSIVE}.
     *
     * @param name a {@code pg_locks} name, an SQL name or an enum constant's name, in any case; surrounding whitespace
     *             is ignored; may be null
     * @return the mode so named, or empty when {@code name} is null or names no mode
     */
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
