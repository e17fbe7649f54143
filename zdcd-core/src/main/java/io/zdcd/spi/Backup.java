package io.zdcd.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A restore point of the application's database, captured by {@link DatabaseBackups#capture}.
 *
 * <p>A backup is identified by its id alone, so a backup recorded in the journal can be restored after a crash:
 * {@code new Backup(id, capturedAt, "")} is enough to restore it.
 *
 * @param id          the backups implementation's id (Heroku: {@code b042}; local: the copy's database name)
 * @param capturedAt  when the restore point was taken: writes after this instant are not in it
 * @param description what it is, for people (may be empty; never contains credentials)
 */
public record Backup(String id, Instant capturedAt, String description) {
    /**
     * {@code id} and {@code capturedAt} must not be null; a null {@code description} becomes empty.
     *
     * @param id          the backups implementation's id, enough on its own to restore the backup; not null
     * @param capturedAt  when the restore point was taken; not null
     * @param description what it is, for people; null or empty when there is nothing to say; never credentials
     */
    public Backup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(capturedAt, "capturedAt");
        description = description == null ? "" : description;
    }

    @Override
    public String toString() {
        return "Backup[" + id + " at " + capturedAt + "]";
    }
}
