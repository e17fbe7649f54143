package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.CreatePartition;
import io.zdcd.analyzer.internal.model.CreateTable;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.classify.Verdict;

/** create-table: a new table is empty; brief locks on the tables it references or partitions; SAFE. */
final class CreateTableRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.CREATE_TABLE;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof CreateTable o) {
            j.finding(meta(), Verdict.SAFE, "creates " + o.name().display() + (j.lock != null ? ": a brief "
                    + j.lock.pgName() + " on the referenced table(s), nothing to scan (the new table is empty)"
                    : ": takes no lock on existing tables"));
        } else if (op instanceof CreatePartition o) {
            partition(o, j);
        }
    }

    private void partition(CreatePartition o, Judgement j) {
        String shown = "partition " + o.name().display() + " of " + (o.parent() == null ? "a table"
                : o.parent().display());
        String def = o.parentDefault();
        if (o.isDefault()) {
            if (def != null && !def.isEmpty() && !def.equals(o.name().key())) {
                j.finding(meta(), Verdict.UNSAFE, "creates the DEFAULT " + shown + ", but " + o.parent().display()
                        + " already has the DEFAULT partition " + def + ": PostgreSQL raises an error");
            } else {
                j.finding(meta(), Verdict.SAFE, "creates the DEFAULT " + shown + ": a brief AccessExclusiveLock on "
                        + "the parent, nothing to scan (the new partition is empty)");
            }
        } else if (def == null) {
            j.finding(meta(), Verdict.SAFE, "creates " + shown + ": a brief AccessExclusiveLock on the parent; zdcd "
                    + "does not know whether " + (o.parent() == null ? "it" : o.parent().display()) + " has a DEFAULT "
                    + "partition (give the schema with --schema, or classify the migration that created it first): "
                    + "if it has one, PostgreSQL scans it for rows of the new range under AccessExclusiveLock");
        } else if (def.isEmpty()) {
            j.finding(meta(), Verdict.SAFE, "creates " + shown + ": a brief AccessExclusiveLock on the parent; it has "
                    + "no DEFAULT partition, so nothing is scanned");
        } // else the parent has a DEFAULT partition: partition-default-scan judges it
    }
}
