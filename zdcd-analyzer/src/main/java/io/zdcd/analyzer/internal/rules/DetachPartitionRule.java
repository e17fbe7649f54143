package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.PgVersion;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.DetachPartition;
import io.zdcd.classify.Verdict;

/** detach-partition: the old code's queries through the parent stop seeing the partition's rows. */
final class DetachPartitionRule extends OpRule<DetachPartition> {
    DetachPartitionRule() {
        super(Rules.DETACH_PARTITION, DetachPartition.class);
    }

    @Override
    void judge(DetachPartition o, Judgement j) {
        PgVersion v = j.ctx.version;
        if (o.unsupported(v)) {
            return; // unsupported-on-version
        }
        String parent = o.parent().display();
        String part = o.shown();
        String def = o.parentDefault();
        String p = o.partition() == null ? "p" : o.partition().display();
        if (o.refused()) {
            // PostgreSQL checks for a DEFAULT partition (any, the detached one included) before it locks the partition
            j.finding(meta(), Verdict.UNSAFE, "DETACH PARTITION ... CONCURRENTLY fails: " + parent + " has the DEFAULT "
                    + "partition " + def + ", and PostgreSQL raises \"cannot detach partitions concurrently when a "
                    + "default partition exists\"", "once no code reads " + part + "'s rows through " + parent
                    + ": ALTER TABLE " + parent + " DETACH PARTITION " + p + "; (without CONCURRENTLY: a brief "
                    + "AccessExclusiveLock on " + parent + ", " + part + " and " + def + ")");
            return;
        }
        boolean light = o.concurrently() || o.finish();
        String locks = light
                ? "ShareUpdateExclusiveLock on " + parent + " (its reads and writes go on) and, once the queries that "
                        + "saw the partition have finished, AccessExclusiveLock on " + part
                : "AccessExclusiveLock on " + parent + (o.hasDefault() && (o.partition() == null
                        || !def.equals(o.partition().key())) ? ", " + part + " and the DEFAULT partition " + def
                        : " and " + part) + " (brief: no scan)";
        if (o.parentNew()) {
            j.finding(meta(), Verdict.SAFE, "detaches a partition of a table created in this migration; " + locks);
        } else if (o.finish()) {
            j.finding(meta(), Verdict.SAFE, "finishes a DETACH PARTITION ... CONCURRENTLY that was interrupted: its "
                    + "first transaction already committed, so " + part + "'s rows already left " + parent + " for "
                    + "every query; " + locks);
        } else {
            j.breaksOldCode = true;
            j.finding(meta(), Verdict.UNSAFE, "detaches " + part + " from " + parent + ": the old code's queries "
                    + "through the parent stop seeing its rows; " + locks, alternative(o, v));
        }
    }

    private static String alternative(DetachPartition o, PgVersion v) {
        String parent = o.parent().display();
        String p = o.partition() == null ? "p" : o.partition().display();
        if (o.concurrently() || o.finish()) {
            return "first deploy code that no longer reads " + o.shown() + "'s rows through " + parent + " (or reads "
                    + "them from " + o.shown() + " directly), then detach in a later migration";
        }
        if (v.atLeast(14) && o.parentDefault() == null) {
            return "once no code reads those rows through the parent: ALTER TABLE " + parent + " DETACH PARTITION " + p
                    + " CONCURRENTLY; (outside a transaction block; PostgreSQL refuses it if " + parent + " has a "
                    + "DEFAULT partition)";
        }
        if (v.atLeast(14) && !o.hasDefault()) {
            return "once no code reads those rows through the parent: ALTER TABLE " + parent + " DETACH PARTITION " + p
                    + " CONCURRENTLY; (outside a transaction block)";
        }
        return "first deploy code that no longer reads those rows through " + parent + ", then detach in a later "
                + "migration" + (o.hasDefault() ? " (CONCURRENTLY is not possible: " + parent + " has a DEFAULT "
                + "partition)" : "");
    }
}
