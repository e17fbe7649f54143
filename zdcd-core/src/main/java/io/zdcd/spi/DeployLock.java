package io.zdcd.spi;

/**
 * The app's deploy lock, held until closed. Obtained from {@link DeploymentJournal#lock}.
 *
 * <p>A lock can be lost while its holder runs: the database session that holds it is terminated
 * ({@code pg_terminate_backend}, a pooler, a failover, an idle-session timeout). The pipeline calls
 * {@link #ensureHeld()} before every step that changes anything, so a deployment that lost its lock stops before its
 * next side effect instead of racing whoever recovers it.
 */
public interface DeployLock extends AutoCloseable {

    /**
     * Who holds it.
     *
     * @return the holder (user@host, CI job...)
     */
    String holder();

    /**
     * Checks, with a round trip where the lock lives, that this lock is still held and nobody took it over.
     * Default: nothing (a lock that cannot be lost, such as {@link DeploymentJournal#inMemory()}'s).
     *
     * @throws DeployLockLostException when it was lost (the reason says how); it stays lost
     */
    default void ensureHeld() {
    }

    /**
     * Called right after this lock's holder restored a database: when the lock lives in that database, the restore
     * cut the lock's session (a restore replaces the whole database and ends its sessions, as Heroku's does), and
     * the restored rows are the ones from the backup, taken while this holder held the lock. The lock takes its
     * session back with the same fencing number, unless another process took the lock in the meantime (then it
     * stays lost and the next {@link #ensureHeld()} says so). Default: nothing.
     */
    default void reclaimAfterOwnRestore() {
    }

    /** Releases the lock; closing twice does nothing. Never throws. */
    @Override
    void close();
}
