package io.zdcd.internal;

/** Attribute keys the pipeline writes into journal entries and the recovery planner reads back. */
final class JournalKeys {
    /** LOCK: the release serving before the deployment (number), its build and its time. */
    static final String PREVIOUS_RELEASE = "previousRelease";
    static final String PREVIOUS_BUILD = "previousBuild";
    static final String PREVIOUS_RELEASE_AT = "previousReleaseAt";
    /** BACKUP: when the restore point was captured, and whether maintenance was on from before it. */
    static final String CAPTURED_AT = "capturedAt";
    static final String MAINTENANCE_BEFORE_BACKUP = "maintenanceBeforeBackup";
    /** MIGRATE: the verdict, and the indexes its CONCURRENTLY statements build. */
    static final String VERDICT = "verdict";
    static final String CONCURRENT_INDEXES = "concurrentIndexes";
    /** MIGRATE failed: how many statements stayed applied, INVALID indexes left. */
    static final String STAYED = "stayed";
    static final String INVALID_INDEXES = "invalidIndexes";
    /** PREFLIGHT (expand/contract): the rewrites, one line. */
    static final String REWRITES = "rewrites";
    /** MIGRATE / CONTRACT of a rewrite's part: the rewritten migration, and which part (expand or contract). */
    static final String REWRITE_OF = "rewriteOf";
    static final String PART = "part";
    /**
     * MIGRATE of a rewrite's last expand part, CONTRACT of each contract part: the whole rewrite (parts with their SQL
     * and a digest of the original), so a later deployment finishes its contract without a rewriter
     * ({@link ShippedRewrites}).
     */
    static final String SHIPPED_REWRITE = "shippedRewrite";
    /** MIGRATE / CONTRACT SUCCEEDED: the rewritten migration this last part recorded as applied. */
    static final String RECORDS = "records";
    /** MIGRATE / CONTRACT SUCCEEDED without STARTED: the part was applied by an earlier deployment. */
    static final String EARLIER = "earlier";
    /** Any FAILED entry: why. */
    static final String REASON = "reason";
    /** MAINTENANCE_ON / MAINTENANCE_OFF / RECOVER entries written during recovery. */
    static final String PHASE = "phase";
    static final String RECOVERY = "recovery";

    private JournalKeys() {
    }
}
