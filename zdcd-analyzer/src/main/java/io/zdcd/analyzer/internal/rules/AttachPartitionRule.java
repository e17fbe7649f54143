package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.PgVersion;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AttachPartition;
import io.zdcd.classify.Verdict;

/** attach-partition: PostgreSQL scans the table attached to check its bound, unless it is new (empty). */
final class AttachPartitionRule extends OpRule<AttachPartition> {
    AttachPartitionRule() {
        super(Rules.ATTACH_PARTITION, AttachPartition.class);
    }

    @Override
    void judge(AttachPartition o, Judgement j) {
        if (o.part() != AttachPartition.Part.BOUND) {
            return;
        }
        String parent = o.parent().display();
        if (o.conflict()) {
            j.finding(meta(), Verdict.UNSAFE, "attaches " + o.partition().display() + " as the DEFAULT partition, but "
                    + parent + " already has the DEFAULT partition " + o.parentDefault() + ": PostgreSQL raises an "
                    + "error");
            return;
        }
        PgVersion v = j.ctx.version;
        String defaultNote = defaultNote(o);
        if (o.emptyPartition()) {
            j.finding(meta(), Verdict.SAFE, "attaches a partition created in this migration: it is empty, so the "
                    + "bound check is instant" + (v.atLeast(12) ? "; ShareUpdateExclusiveLock on " + parent
                    : "; AccessExclusiveLock on " + parent + " (PG 11)") + defaultNote);
        } else {
            j.longRunning = true;
            j.finding(meta(), Verdict.UNSAFE, "attaches " + (o.partition() == null ? "a table"
                    : o.partition().display()) + ": PostgreSQL scans it under AccessExclusiveLock to check the "
                    + "partition bound, unless a validated CHECK implies the bound" + (v.atLeast(12) ? ""
                    : "; on PG 11 the parent is AccessExclusive-locked too") + defaultNote);
        }
    }

    /** What the message adds about the parent's DEFAULT partition (partition-default-scan judges its scan). */
    private static String defaultNote(AttachPartition o) {
        String def = o.parentDefault();
        if (o.scansDefault()) {
            return o.defaultNew() ? "; the DEFAULT partition " + def + " was created in this migration, so its scan "
                    + "is instant" : "";
        }
        if (!o.attachDefault() && def == null && !o.parentNew()) {
            return "; zdcd does not know whether " + o.parent().display() + " has a DEFAULT partition (give the "
                    + "schema with --schema): if it has one, PostgreSQL scans it for rows of the new range under "
                    + "AccessExclusiveLock";
        }
        if (!o.attachDefault() && def != null && def.isEmpty()) {
            return "; " + o.parent().display() + " has no DEFAULT partition to scan";
        }
        return "";
    }
}
