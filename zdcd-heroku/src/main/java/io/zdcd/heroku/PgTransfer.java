package io.zdcd.heroku;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Heroku Postgres transfer: a backup, a restore or a copy, with its progress
 * ({@code GET /client/v11/apps/{app}/transfers/{uuid}} on the data API). The data API is not publicly documented:
 * the fields are those the Heroku CLI reads (heroku-api.md §9, §13.9), timestamps are kept as Heroku sent them.
 * {@link #toString()} never shows the backup's download URL.
 *
 * @param uuid           the transfer UUID
 * @param num            its number ({@code b005} is backup 5)
 * @param fromType       {@code pg_dump} for a backup, other for a restore
 * @param toType         {@code gof3r} for a backup, {@code pg_restore} for a restore
 * @param toUrl          where a backup was stored (a secret, pre-signed URL; what a restore reads)
 * @param succeeded      whether it finished successfully
 * @param processedBytes bytes done so far
 * @param sourceBytes    bytes in total, when known
 * @param startedAt      when it started, if it did
 * @param finishedAt     when it finished, if it did
 * @param canceledAt     when it was canceled, if it was
 * @param createdAt      when it was created
 * @param logs           the last log messages (only when asked for verbosely)
 * @since 0.1
 */
public record PgTransfer(String uuid, int num, String fromType, String toType, String toUrl, boolean succeeded,
                         long processedBytes, long sourceBytes, Optional<String> startedAt,
                         Optional<String> finishedAt, Optional<String> canceledAt, String createdAt,
                         List<String> logs) {

    /** What the transfer does. */
    public enum Kind {
        /** A backup of a database to storage. */
        BACKUP,
        /** A restore of a backup into a database. */
        RESTORE,
        /** A copy of one database into another. */
        COPY
    }

    /** Where it stands, as the Heroku CLI derives it. */
    public enum State {
        /** Not started yet. */
        PENDING,
        /** Started, not finished. */
        RUNNING,
        /** Finished and succeeded. */
        COMPLETED,
        /** Finished and failed. */
        FAILED,
        /** Canceled. */
        CANCELED
    }

    /**
     * Copies the list; {@code uuid} and the optional components must not be null; null strings become empty.
     *
     * @param uuid the transfer UUID
     * @param num its number ({@code b005} is backup 5)
     * @param fromType {@code pg_dump} for a backup, other for a restore
     * @param toType {@code gof3r} for a backup, {@code pg_restore} for a restore
     * @param toUrl where a backup was stored (a secret, pre-signed URL; what a restore reads)
     * @param succeeded whether it finished successfully
     * @param processedBytes bytes done so far
     * @param sourceBytes bytes in total, when known
     * @param startedAt when it started, if it did
     * @param finishedAt when it finished, if it did
     * @param canceledAt when it was canceled, if it was
     * @param createdAt when it was created
     * @param logs the last log messages (only when asked for verbosely)
     */
    public PgTransfer {
        Objects.requireNonNull(uuid, "uuid");
        fromType = Objects.requireNonNullElse(fromType, "");
        toType = Objects.requireNonNullElse(toType, "");
        toUrl = Objects.requireNonNullElse(toUrl, "");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(canceledAt, "canceledAt");
        createdAt = Objects.requireNonNullElse(createdAt, "");
        logs = List.copyOf(logs);
    }

    /**
     * What the transfer does: a backup ({@code pg_dump} to storage), a copy (from {@code pg_dump} elsewhere) or a
     * restore.
     *
     * @return the kind, from the transfer's from and to types
     */
    public Kind kind() {
        if ("pg_dump".equals(fromType) && "gof3r".equals(toType)) {
            return Kind.BACKUP;
        }
        return "pg_dump".equals(fromType) ? Kind.COPY : Kind.RESTORE;
    }

    /**
     * Where it stands: canceled, completed or failed once finished, else running once started, else pending.
     *
     * @return the state
     */
    public State state() {
        if (canceledAt.isPresent()) {
            return State.CANCELED;
        }
        if (finishedAt.isPresent()) {
            return succeeded ? State.COMPLETED : State.FAILED;
        }
        return startedAt.isPresent() ? State.RUNNING : State.PENDING;
    }

    /**
     * Whether it finished (succeeded, failed or canceled).
     *
     * @return true once it finished, whatever the outcome
     */
    public boolean isFinished() {
        return finishedAt.isPresent() || canceledAt.isPresent();
    }

    /**
     * The CLI's name: {@code b005}, {@code r012}, {@code c003}.
     *
     * @return the name: {@code b}, {@code r} or {@code c} and the number, 3 digits at least
     */
    public String name() {
        char prefix = switch (kind()) {
            case BACKUP -> 'b';
            case RESTORE -> 'r';
            case COPY -> 'c';
        };
        return String.format("%c%03d", prefix, num);
    }

    @Override
    public String toString() {
        return "PgTransfer[" + name() + " " + state().name().toLowerCase(java.util.Locale.ROOT) + ", "
                + processedBytes + (sourceBytes > 0 ? "/" + sourceBytes : "") + " bytes]";
    }
}
