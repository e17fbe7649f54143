package io.zdcd.spi;

/**
 * Restore points of the application's database: Heroku Postgres backups ({@code HerokuPostgresBackups}) or a copy on
 * the same server ({@link io.zdcd.jdbc.LocalDatabaseBackups}).
 */
public interface DatabaseBackups {

    /**
     * Captures a restore point of the app's database and returns once it is complete.
     *
     * @throws PlatformException when no restore point could be made (the database is left as it was)
     */
    Backup capture(String app, Progress progress);

    /**
     * Replaces the app's database with the restore point. Every write made after {@link Backup#capturedAt()} is
     * lost; the pipeline calls this only inside maintenance mode, or with the caller's consent.
     *
     * @throws PlatformException when the restore failed
     */
    void restore(String app, Backup backup, Progress progress);
}
