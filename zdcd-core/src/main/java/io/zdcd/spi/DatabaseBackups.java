package io.zdcd.spi;

/**
 * Restore points of the application's database: Heroku Postgres backups ({@code HerokuPostgresBackups}) or a copy on
 * the same server ({@link io.zdcd.jdbc.LocalDatabaseBackups}).
 */
public interface DatabaseBackups {

    /**
     * Captures a restore point of the app's database and returns once it is complete.
     *
     * @param app      the app whose database to back up
     * @param progress where to report progress (bytes copied, the platform's operation id)
     * @return the restore point
     * @throws PlatformException when no restore point could be made (the database is left as it was)
     */
    Backup capture(String app, Progress progress);

    /**
     * Replaces the app's database with the restore point. Every write made after {@link Backup#capturedAt()} is
     * lost; the pipeline calls this only inside maintenance mode, or with the caller's consent.
     *
     * @param app      the app whose database to replace
     * @param backup   the restore point, from {@link #capture}
     * @param progress where to report progress
     * @throws PlatformException when the restore failed
     */
    void restore(String app, Backup backup, Progress progress);

    /**
     * Waits for a backup or restore this implementation started and reported through
     * {@code progress.operationStarted("transfer", id)} (for example one whose process then crashed) to settle.
     * Recovery calls it before it trusts or repeats the transfer: a restore still running replaces the whole database
     * when it ends, so recovery waits for it, then acts on the database it left.
     *
     * <p>Default: {@code false} at once ("not known to have completed"), for implementations whose transfers cannot
     * outlive the process that started them; recovery then restores again when it needs the restore.
     *
     * @param app      the app whose database the transfer concerns
     * @param id       the id given to {@code operationStarted} (Heroku: {@code b005}, {@code r006})
     * @param progress where to report progress while waiting
     * @return whether the transfer completed (a backup that can be restored, a database restored)
     * @throws PlatformException when it cannot tell (recovery stops there, to be run again)
     */
    default boolean awaitTransfer(String app, String id, Progress progress) {
        return false;
    }
}
