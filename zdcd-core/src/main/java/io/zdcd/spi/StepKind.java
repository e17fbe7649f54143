package io.zdcd.spi;

import java.util.Locale;

/** The steps of a deployment and of its recovery, as the journal, the events and the outcomes name them. */
public enum StepKind {
    /** Take the app's deploy lock (one deployment per app at a time). */
    LOCK,
    /** Classify the pending migrations; any UNSAFE one defers the build (continuous deploys only). */
    PREFLIGHT,
    /** Switch maintenance mode on (nightly with unsafe migrations, before the backup; and recovery before a restore). */
    MAINTENANCE_ON,
    /** Capture a restore point (only when migrations are pending). */
    BACKUP,
    /** Apply one migration (one step per migration; the subject is its name). */
    MIGRATE,
    /** Make the build the running code. */
    RELEASE,
    /** Health checks of the new release, within a deadline. */
    VERIFY,
    /** Switch maintenance mode off. */
    MAINTENANCE_OFF,
    /**
     * Apply one contract part of an expand/contract rewrite, once the release is verified (the subject is the part's
     * name); a failure rolls nothing back: the migration stays pending for the next deployment.
     */
    CONTRACT,
    /** Recovery as a whole: started when a failure is being recovered, finished when it is done. */
    RECOVER,
    /** Recovery: drop an INVALID index left by a failed CONCURRENTLY statement. */
    DROP_INVALID_INDEX,
    /** Recovery: restore the database from the backup. */
    RESTORE,
    /** Recovery: roll the code back to the previous release. */
    ROLLBACK,
    /**
     * Recovery: wait for a platform operation the deployment started and did not see finish (a Heroku build or
     * release, which cannot be cancelled) to settle; the subject is its kind and id.
     */
    AWAIT_OPERATION,
    /** Recovery: end a database session a migration left running (orphaned); the subject is its backend id. */
    END_SESSION;

    /**
     * The lower-case name with spaces, for example {@code maintenance on}.
     *
     * @return the constant's name in lower case, underscores replaced by spaces, as events and outcomes print it
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
