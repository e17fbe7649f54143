package io.zdcd.analyzer.internal;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.zdcd.classify.Verdict;

/** ATTACH / DETACH PARTITION. */
final class PartitionRules {
    private PartitionRules() {
    }

    static String attach(Tokens t, int p, int e, Name parent, boolean parentNew, Judgement j) {
        Name part = Name.parse(t, p);
        PgVersion v = j.ctx.version;
        j.lock(parent, v.atLeast(12) ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
        j.lock(part, ACCESS_EXCLUSIVE);
        boolean partNew = part != null && !j.ctx.existedBefore(part.key());
        if (partNew || (parentNew && part == null)) {
            j.finding(Rules.ATTACH_PARTITION, Verdict.SAFE, "attaches a partition created in this migration: it "
                    + "is empty, so the bound check is instant" + (v.atLeast(12) ? "; ShareUpdateExclusiveLock on "
                    + parent.display() : "; AccessExclusiveLock on " + parent.display() + " (PG 11)")
                    + " (a DEFAULT partition of the parent is still scanned)");
        } else {
            j.scan = true;
            j.longRunning = true;
            j.finding(Rules.ATTACH_PARTITION, Verdict.UNSAFE, "attaches " + (part == null ? "a table" : part.display())
                    + ": PostgreSQL scans it under AccessExclusiveLock to check the partition bound, unless a "
                    + "validated CHECK implies the bound" + (v.atLeast(12) ? "" : "; on PG 11 the parent is "
                    + "AccessExclusive-locked too"));
        }
        return "ATTACH PARTITION";
    }

    static String detach(Tokens t, int p, int e, Name parent, boolean parentNew, Judgement j) {
        Name part = Name.parse(t, p);
        boolean concurrently = t.contains(p, e, "CONCURRENTLY");
        boolean finalize = t.contains(p, e, "FINALIZE");
        PgVersion v = j.ctx.version;
        if ((concurrently || finalize) && !v.atLeast(14)) {
            j.lock(parent, SHARE_UPDATE_EXCLUSIVE);
            j.finding(Rules.UNSUPPORTED_VERSION, Verdict.UNSAFE, "DETACH PARTITION ... CONCURRENTLY needs PostgreSQL "
                    + "14+; the target is " + v);
            return "DETACH PARTITION";
        }
        j.lock(parent, concurrently || finalize ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
        j.lock(part, ACCESS_EXCLUSIVE);
        if (concurrently && j.ctx.inTransaction) {
            j.finding(Rules.CONCURRENTLY_IN_TX, Verdict.UNSAFE, "DETACH PARTITION ... CONCURRENTLY cannot run inside "
                    + "a transaction block: PostgreSQL raises an error");
        }
        if (parentNew) {
            j.finding(Rules.DETACH_PARTITION, Verdict.SAFE, "detaches a partition of a table created in this "
                    + "migration");
        } else {
            j.breaksOldCode = true;
            j.finding(Rules.DETACH_PARTITION, Verdict.UNSAFE, "detaches " + (part == null ? "a partition"
                    : part.display()) + " from " + parent.display() + ": the old code's queries through the parent "
                    + "stop seeing its rows" + (concurrently ? "" : "; AccessExclusiveLock on the parent"),
                    v.atLeast(14) ? "once no code reads those rows through the parent: ALTER TABLE "
                            + parent.display() + " DETACH PARTITION " + (part == null ? "p" : part.display())
                            + " CONCURRENTLY; (outside a transaction block)" : Rules.DETACH_PARTITION.alternative());
        }
        return "DETACH PARTITION" + (concurrently ? " CONCURRENTLY" : "");
    }
}
