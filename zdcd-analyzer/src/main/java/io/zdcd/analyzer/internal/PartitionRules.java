package io.zdcd.analyzer.internal;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.zdcd.classify.Verdict;

/** ATTACH / DETACH PARTITION, and what a DEFAULT partition of the parent changes for them (and for PARTITION OF). */
public final class PartitionRules {
    private PartitionRules() {
    }

    /** The safe alternative to a scan of the DEFAULT partition {@code def} of {@code parent}. */
    static String defaultScanAlternative(String def, Name parent) {
        return "first give the DEFAULT partition a CHECK constraint that excludes the new range (PostgreSQL then "
                + "skips the scan):\nALTER TABLE " + def + " ADD CONSTRAINT " + AlterTableRules.quote(
                new Name(def, def, 0).last() + "_excludes_new") + " CHECK (<partition key outside the new range>) NOT VALID;\n"
                + "-- then, in its own transaction (ShareUpdateExclusiveLock, reads and writes go on):\nALTER TABLE "
                + def + " VALIDATE CONSTRAINT " + AlterTableRules.quote(new Name(def, def, 0).last() + "_excludes_new") + ";\n"
                + "-- (rows of the new range already in " + def + " must be moved out first), then create or "
                + "attach the partition of " + parent.display();
    }

    /**
     * partition-default-scan of CREATE TABLE ... PARTITION OF, the rule {@code create-table} hands over (until the
     * ALTER TABLE family gives partition-default-scan its own class).
     *
     * @param shown   "partition p of parent", as the message shows it
     * @param def     the parent's DEFAULT partition
     * @param parent  the parent
     * @param isNew   the parent or its DEFAULT partition was created in this migration (the scan is instant)
     * @param j       the statement's judgement
     */
    public static void createScansDefault(String shown, String def, Name parent, boolean isNew, Judgement j) {
        if (isNew) {
            j.finding(Rules.PARTITION_DEFAULT_SCAN, Verdict.SAFE, "creates " + shown + ": its DEFAULT partition "
                    + def + " was created in this migration (empty), so the scan of it for rows of the new range "
                    + "is instant; a brief AccessExclusiveLock on " + parent.display() + " and " + def);
        } else {
            j.finding(Rules.PARTITION_DEFAULT_SCAN, Verdict.UNSAFE, "creates " + shown + ": PostgreSQL scans "
                    + "the DEFAULT partition " + def + " for rows of the new range while it holds "
                    + "AccessExclusiveLock on " + parent.display() + " and " + def + " (reads and writes of both "
                    + "blocked; the scan grows with the size of " + def + ")", defaultScanAlternative(def, parent));
        }
    }

    static String attach(Tokens t, int p, int e, Name parent, boolean parentNew, Judgement j) {
        Name part = Name.parse(t, p);
        PgVersion v = j.ctx.version;
        boolean attachDefault = part != null && t.is(part.end(), "DEFAULT");
        String def = j.ctx.schema.defaultPartition(parent.key());
        j.lock(parent, v.atLeast(12) ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
        j.lock(part, ACCESS_EXCLUSIVE);
        boolean partNew = part != null && !j.ctx.existedBefore(part.key());
        if (part != null) {
            Schema.Table pt = j.ctx.schema.tableOrCreate(part.key());
            j.ctx.schema.partitionOf(pt, parent.key());
            pt.defaultPartition = attachDefault;
        }
        boolean otherDefault = def != null && !def.isEmpty() && (part == null || !def.equals(part.key()));
        if (attachDefault && otherDefault) {
            j.finding(Rules.ATTACH_PARTITION, Verdict.UNSAFE, "attaches " + part.display() + " as the DEFAULT "
                    + "partition, but " + parent.display() + " already has the DEFAULT partition " + def
                    + ": PostgreSQL raises an error");
            return "ATTACH PARTITION";
        }
        String defaultNote = "";
        if (!attachDefault && otherDefault) {
            j.lock(new Name(def, def, 0), ACCESS_EXCLUSIVE);
            if (parentNew || !j.ctx.existedBefore(def)) {
                defaultNote = "; the DEFAULT partition " + def + " was created in this migration, so its scan is "
                        + "instant";
            } else {
                j.scan = true;
                j.longRunning = true;
                j.finding(Rules.PARTITION_DEFAULT_SCAN, Verdict.UNSAFE, "attaches " + (part == null ? "a table"
                        : part.display()) + " to " + parent.display() + ": PostgreSQL also scans the DEFAULT "
                        + "partition " + def + " for rows of the new range under AccessExclusiveLock on " + def
                        + " (its reads and writes blocked; the scan grows with its size)",
                        defaultScanAlternative(def, parent));
            }
        } else if (!attachDefault && def == null && !parentNew) {
            defaultNote = "; zdcd does not know whether " + parent.display() + " has a DEFAULT partition (give the "
                    + "schema with --schema): if it has one, PostgreSQL scans it for rows of the new range under "
                    + "AccessExclusiveLock";
        } else if (!attachDefault && def != null && def.isEmpty()) {
            defaultNote = "; " + parent.display() + " has no DEFAULT partition to scan";
        }
        if (partNew || (parentNew && part == null)) {
            j.finding(Rules.ATTACH_PARTITION, Verdict.SAFE, "attaches a partition created in this migration: it "
                    + "is empty, so the bound check is instant" + (v.atLeast(12) ? "; ShareUpdateExclusiveLock on "
                    + parent.display() : "; AccessExclusiveLock on " + parent.display() + " (PG 11)") + defaultNote);
        } else {
            j.scan = true;
            j.longRunning = true;
            j.finding(Rules.ATTACH_PARTITION, Verdict.UNSAFE, "attaches " + (part == null ? "a table" : part.display())
                    + ": PostgreSQL scans it under AccessExclusiveLock to check the partition bound, unless a "
                    + "validated CHECK implies the bound" + (v.atLeast(12) ? "" : "; on PG 11 the parent is "
                    + "AccessExclusive-locked too") + defaultNote);
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
        String what = "DETACH PARTITION" + (concurrently ? " CONCURRENTLY" : finalize ? " FINALIZE" : "");
        String partShown = part == null ? "the partition" : part.display();
        String def = j.ctx.schema.defaultPartition(parent.key());
        boolean hasDefault = def != null && !def.isEmpty();
        if (concurrently && hasDefault) {
            // PostgreSQL checks for a DEFAULT partition (any, the detached one included) before it locks the partition
            j.lock(parent, SHARE_UPDATE_EXCLUSIVE);
            j.finding(Rules.DETACH_PARTITION, Verdict.UNSAFE, "DETACH PARTITION ... CONCURRENTLY fails: "
                    + parent.display() + " has the DEFAULT partition " + def + ", and PostgreSQL raises \"cannot "
                    + "detach partitions concurrently when a default partition exists\"",
                    "once no code reads " + partShown + "'s rows through " + parent.display() + ": ALTER TABLE "
                            + parent.display() + " DETACH PARTITION " + (part == null ? "p" : part.display())
                            + "; (without CONCURRENTLY: a brief AccessExclusiveLock on " + parent.display() + ", "
                            + partShown + " and " + def + ")");
            return what;
        }
        j.lock(parent, concurrently || finalize ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
        // traced: PostgreSQL 13 detaches under ShareUpdateExclusiveLock on the partition, 14+ AccessExclusiveLock
        j.lock(part, v.atLeast(14) ? ACCESS_EXCLUSIVE : SHARE_UPDATE_EXCLUSIVE);
        if (hasDefault && !concurrently && !finalize && (part == null || !def.equals(part.key()))) {
            j.lock(new Name(def, def, 0), ACCESS_EXCLUSIVE); // its partition constraint changes; no scan
        }
        if (concurrently && j.ctx.inTransaction) {
            j.finding(Rules.CONCURRENTLY_IN_TX, Verdict.UNSAFE, "DETACH PARTITION ... CONCURRENTLY cannot run inside "
                    + "a transaction block: PostgreSQL raises an error");
        }
        String locks = concurrently || finalize
                ? "ShareUpdateExclusiveLock on " + parent.display() + " (its reads and writes go on) and, once "
                        + "the queries that saw the partition have finished, AccessExclusiveLock on " + partShown
                : "AccessExclusiveLock on " + parent.display() + (hasDefault && (part == null
                        || !def.equals(part.key())) ? ", " + partShown + " and the DEFAULT partition " + def : " and "
                        + partShown)
                        + " (brief: no scan)";
        if (parentNew) {
            j.finding(Rules.DETACH_PARTITION, Verdict.SAFE, "detaches a partition of a table created in this "
                    + "migration; " + locks);
        } else if (finalize) {
            j.finding(Rules.DETACH_PARTITION, Verdict.SAFE, "finishes a DETACH PARTITION ... CONCURRENTLY that was "
                    + "interrupted: its first transaction already committed, so " + partShown + "'s rows already left "
                    + parent.display() + " for every query; " + locks);
        } else {
            j.breaksOldCode = true;
            String alternative;
            if (concurrently || finalize) {
                alternative = "first deploy code that no longer reads " + partShown + "'s rows through "
                        + parent.display() + " (or reads them from " + partShown + " directly), then detach in a "
                        + "later migration";
            } else if (v.atLeast(14) && def == null) {
                alternative = "once no code reads those rows through the parent: ALTER TABLE " + parent.display()
                        + " DETACH PARTITION " + (part == null ? "p" : part.display()) + " CONCURRENTLY; (outside a "
                        + "transaction block; PostgreSQL refuses it if " + parent.display() + " has a DEFAULT "
                        + "partition)";
            } else if (v.atLeast(14) && !hasDefault) {
                alternative = "once no code reads those rows through the parent: ALTER TABLE " + parent.display()
                        + " DETACH PARTITION " + (part == null ? "p" : part.display()) + " CONCURRENTLY; (outside a "
                        + "transaction block)";
            } else {
                alternative = "first deploy code that no longer reads those rows through " + parent.display()
                        + ", then detach in a later migration" + (hasDefault ? " (CONCURRENTLY is not possible: "
                        + parent.display() + " has a DEFAULT partition)" : "");
            }
            j.finding(Rules.DETACH_PARTITION, Verdict.UNSAFE, "detaches " + partShown + " from " + parent.display()
                    + ": the old code's queries through the parent stop seeing its rows; " + locks, alternative);
        }
        forget(part, j);
        return what;
    }

    /** The detached table is no longer a partition. */
    private static void forget(Name part, Judgement j) {
        Schema.Table pt = part == null ? null : j.ctx.schema.table(part.key());
        if (pt != null) {
            pt.partitionOf = null;
            pt.defaultPartition = false;
        }
    }
}
