package io.zdcd.recovery;

import io.zdcd.spi.Backup;
import io.zdcd.spi.Release;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One step of a {@link RecoveryPlan}; {@link #describe()} says it in words a person can follow. */
public sealed interface RecoveryStep {

    /**
     * What the step does, as one imperative sentence.
     *
     * @return the step in words, ending with a full stop
     */
    String describe();

    /** Switch maintenance mode on, so no traffic reaches the app while the database is restored. */
    record MaintenanceOn() implements RecoveryStep {
        @Override
        public String describe() {
            return "Switch maintenance mode on (traffic is turned away while the database is restored).";
        }
    }

    /** Switch maintenance mode off. */
    record MaintenanceOff() implements RecoveryStep {
        @Override
        public String describe() {
            return "Switch maintenance mode off.";
        }
    }

    /** Roll the code back to the release that ran before the deployment. */
    record RollbackRelease(Release to) implements RecoveryStep {
        /**
         * {@code to} must not be null.
         *
         * @param to the release to roll back to; must not be null
         */
        public RollbackRelease {
            Objects.requireNonNull(to, "to");
        }

        @Override
        public String describe() {
            return "Roll the code back to v" + to.version()
                    + (to.buildVersion().isEmpty() ? "" : " (build " + to.buildVersion() + ")")
                    + ", the release that ran before the deployment.";
        }
    }

    /**
     * Restore the database from the deployment's backup.
     *
     * @param writesLostSince empty when no write can be lost (maintenance was on from before the backup until the
     *                        failure); otherwise the backup's time, or the time a maintenance window went off before
     *                        the failure: every write made since then is lost by the restore
     */
    record RestoreDatabase(Backup backup, Optional<Instant> writesLostSince) implements RecoveryStep {
        /**
         * {@code backup} and {@code writesLostSince} must not be null.
         *
         * @param backup the backup made before the deployment's migrations; must not be null
         * @param writesLostSince when writes start to be lost; {@code Optional.empty()} when none is, never null
         */
        public RestoreDatabase {
            Objects.requireNonNull(backup, "backup");
            Objects.requireNonNull(writesLostSince, "writesLostSince");
        }

        @Override
        public String describe() {
            return "Restore the database from backup " + backup.id() + " taken at " + backup.capturedAt()
                    + writesLostSince.map(t -> ": every write made since " + t + " is LOST")
                    .orElse(" (no write is lost: maintenance was on from before the backup).");
        }
    }

    /** Drop an INVALID index left by a failed {@code CREATE INDEX CONCURRENTLY} (no downtime). */
    record DropInvalidIndex(String index) implements RecoveryStep {
        /**
         * {@code index} must not be null.
         *
         * @param index the index's name as the failed statement gave it (schema-qualified if it was); must not be null
         */
        public DropInvalidIndex {
            Objects.requireNonNull(index, "index");
        }

        @Override
        public String describe() {
            return "Drop the INVALID index " + index + " left by the failed CONCURRENTLY statement "
                    + "(DROP INDEX CONCURRENTLY IF EXISTS " + index + ").";
        }
    }

    /** Nothing to do for these applied migrations: they are safe, so the old code works with the new schema. */
    record KeepSchema(List<String> migrations) implements RecoveryStep {
        /**
         * Copies the list.
         *
         * @param migrations the applied safe migrations' names, in the order they ran; copied
         */
        public KeepSchema {
            migrations = List.copyOf(migrations);
        }

        @Override
        public String describe() {
            return "Keep the schema changes of " + String.join(", ", migrations)
                    + ": they are safe, the old code works with them (nothing to do).";
        }
    }

    /** Something zdcd cannot do; a person must. */
    record Manual(String instruction) implements RecoveryStep {
        /**
         * {@code instruction} must not be null.
         *
         * @param instruction what the person must do, as one or more sentences; must not be null
         */
        public Manual {
            Objects.requireNonNull(instruction, "instruction");
        }

        @Override
        public String describe() {
            return "By hand: " + instruction;
        }
    }

    /**
     * End the database session a crashed migration left running, so that the locks it holds (up to ACCESS
     * EXCLUSIVE) go now rather than at the end of its statement ({@code pg_terminate_backend}).
     *
     * @param backendId the session's id as the runner reported it (a backend pid)
     * @param migration the migration it was running
     */
    record EndSession(String backendId, String migration) implements RecoveryStep {
        /**
         * {@code backendId} must not be null; a null {@code migration} becomes empty.
         *
         * @param backendId the session's id as the runner reported it (a backend pid); must not be null
         * @param migration the migration it was running; null or empty when the journal does not name it
         */
        public EndSession {
            Objects.requireNonNull(backendId, "backendId");
            migration = migration == null ? "" : migration; // the journal may not name it
        }

        @Override
        public String describe() {
            return "End the orphaned database session " + backendId + " of migration " + migration
                    + " if it still runs (pg_terminate_backend), so that the locks it holds go.";
        }
    }

    /**
     * Wait for a platform operation the deployment started and did not see finish to settle: Heroku cannot cancel a
     * build, and a build that finishes after a crash goes live; waiting first lets the rollback that follows undo it.
     * A backup or restore transfer ({@code kind} {@code transfer}) is waited for the same way: a restore still
     * running replaces the whole database when it ends, so recovery acts only once it settled (and does not restore
     * again when it completed).
     *
     * @param kind     what it is ({@code build}, {@code release}, {@code transfer}...)
     * @param id       the platform's id for it
     * @param restores for a restore transfer, the id of the backup it restores; otherwise empty
     */
    record AwaitOperation(String kind, String id, String restores) implements RecoveryStep {
        /**
         * {@code kind} and {@code id} must not be null; a null {@code restores} becomes empty.
         *
         * @param kind what it is ({@code build}, {@code release}, {@code transfer}...); must not be null
         * @param id the platform's id for it; must not be null
         * @param restores for a restore transfer, the id of the backup it restores; null or empty otherwise
         */
        public AwaitOperation {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            restores = restores == null ? "" : restores;
        }

        /**
         * An operation that restores nothing.
         *
         * @param kind what it is ({@code build}, {@code release}, {@code transfer}...); must not be null
         * @param id the platform's id for it; must not be null
         */
        public AwaitOperation(String kind, String id) {
            this(kind, id, "");
        }

        @Override
        public String describe() {
            if (!restores.isEmpty()) {
                return "Wait for " + kind + " " + id + " (the restore of " + restores + "), still running when the "
                        + "deployment stopped, to settle: it replaces the whole database when it ends; restore "
                        + restores + " again only if it did not complete.";
            }
            if ("transfer".equals(kind)) {
                return "Wait for " + kind + " " + id + " (a backup), still running when the deployment stopped, to "
                        + "settle, so that nothing runs on the database afterwards.";
            }
            return "Wait for " + kind + " " + id + ", still running when the deployment stopped (it cannot be "
                    + "cancelled), to settle, so that what it makes live is rolled back too.";
        }
    }
}
