package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AttachPartition;
import io.zdcd.analyzer.internal.model.CreatePartition;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.classify.Verdict;

/**
 * partition-default-scan: a new partition (CREATE TABLE ... PARTITION OF, ATTACH PARTITION) makes PostgreSQL scan the
 * parent's DEFAULT partition for rows of the new range under AccessExclusiveLock.
 */
final class PartitionDefaultScanRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.PARTITION_DEFAULT_SCAN;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof AttachPartition o && o.part() == AttachPartition.Part.DEFAULT_SCAN && o.scansDefault()
                && !o.defaultNew()) {
            String def = o.parentDefault();
            j.longRunning = true;
            j.finding(meta(), Verdict.UNSAFE, "attaches " + (o.partition() == null ? "a table"
                    : o.partition().display()) + " to " + o.parent().display() + ": PostgreSQL also scans the DEFAULT "
                    + "partition " + def + " for rows of the new range under AccessExclusiveLock on " + def
                    + " (its reads and writes blocked; the scan grows with its size)", alternative(def, o.parent()));
        } else if (op instanceof CreatePartition o && !o.isDefault() && o.parentDefault() != null
                && !o.parentDefault().isEmpty()) {
            created(o, j);
        }
    }

    private void created(CreatePartition o, Judgement j) {
        String shown = "partition " + o.name().display() + " of " + (o.parent() == null ? "a table"
                : o.parent().display());
        String def = o.parentDefault();
        if (o.parentNew() || o.defaultNew()) {
            j.finding(meta(), Verdict.SAFE, "creates " + shown + ": its DEFAULT partition " + def + " was created in "
                    + "this migration (empty), so the scan of it for rows of the new range is instant; a brief "
                    + "AccessExclusiveLock on " + o.parent().display() + " and " + def);
        } else {
            j.finding(meta(), Verdict.UNSAFE, "creates " + shown + ": PostgreSQL scans the DEFAULT partition " + def
                    + " for rows of the new range while it holds AccessExclusiveLock on " + o.parent().display()
                    + " and " + def + " (reads and writes of both blocked; the scan grows with the size of " + def
                    + ")", alternative(def, o.parent()));
        }
    }

    /** The safe alternative to a scan of the DEFAULT partition {@code def} of {@code parent}. */
    private static String alternative(String def, Name parent) {
        String check = Name.quote(new Name(def, def, 0).last() + "_excludes_new");
        return "first give the DEFAULT partition a CHECK constraint that excludes the new range (PostgreSQL then "
                + "skips the scan):\nALTER TABLE " + def + " ADD CONSTRAINT " + check + " CHECK (<partition key "
                + "outside the new range>) NOT VALID;\n-- then, in its own transaction (ShareUpdateExclusiveLock, "
                + "reads and writes go on):\nALTER TABLE " + def + " VALIDATE CONSTRAINT " + check + ";\n-- (rows of "
                + "the new range already in " + def + " must be moved out first), then create or attach the partition "
                + "of " + parent.display();
    }
}
