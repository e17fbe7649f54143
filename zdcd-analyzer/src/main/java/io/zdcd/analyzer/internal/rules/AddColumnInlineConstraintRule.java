package io.zdcd.analyzer.internal.rules;

import static io.zdcd.analyzer.internal.SqlText.quote;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AddColumn;
import io.zdcd.analyzer.internal.model.ColumnSpec;
import io.zdcd.classify.Verdict;

/** add-column-inline-constraint: an inline REFERENCES, UNIQUE, PRIMARY KEY or CHECK scans or builds under the lock. */
final class AddColumnInlineConstraintRule extends OpRule<AddColumn> {
    AddColumnInlineConstraintRule() {
        super(Rules.ADD_COLUMN_CONSTRAINT, AddColumn.class);
    }

    @Override
    void judge(AddColumn op, Judgement j) {
        if (op.part() != AddColumn.Part.CONSTRAINTS || op.isNew()) {
            return;
        }
        ColumnSpec c = op.column();
        String col = op.shown();
        String tn = op.table().display();
        String last = op.table().last();
        Name ref = c.references();
        if (ref != null && op.fkSkipsScan() && !c.notNull()) {
            j.finding(meta(), Verdict.SAFE, "adds " + col + " with an inline REFERENCES " + ref.display() + " and no "
                    + "DEFAULT: every existing row is NULL, so PostgreSQL skips the validation scan and marks the "
                    + "foreign key valid; a brief AccessExclusiveLock on " + tn + " and ShareRowExclusiveLock on "
                    + ref.display() + " (both held until COMMIT)");
        } else if (ref != null && !op.fkSkipsScan()) {
            j.longRunning = true;
            j.finding(meta(), Verdict.UNSAFE, "adds " + col + " with an inline REFERENCES " + ref.display()
                    + (c.hasDefault() || c.generated() || c.identity() ? " and a value for existing rows"
                    : " in an ALTER TABLE that also sets a DEFAULT or adds a FOREIGN KEY") + ": the foreign key is "
                    + "validated with a scan of " + tn + " under AccessExclusiveLock (and ShareRowExclusiveLock on "
                    + ref.display() + ")",
                    "ALTER TABLE " + tn + " ADD COLUMN " + quote(c.name()) + " " + c.typeWritten() + ";\n"
                            + "ALTER TABLE " + tn + " ADD CONSTRAINT " + quote(last + "_" + c.name() + "_fk")
                            + " FOREIGN KEY (" + quote(c.name()) + ") REFERENCES " + ref.display() + " NOT VALID;\n"
                            + "-- then, in its own transaction:\nALTER TABLE " + tn + " VALIDATE CONSTRAINT "
                            + quote(last + "_" + c.name() + "_fk") + ";");
        }
        if (c.unique() || c.primaryKey()) {
            j.longRunning = true;
            String key = quote(last + "_" + c.name() + "_key");
            j.finding(meta(), Verdict.UNSAFE, "adds " + col + " with an inline " + (c.primaryKey() ? "PRIMARY KEY"
                    : "UNIQUE") + ": the index is built under AccessExclusiveLock (reads and writes blocked for the "
                    + "whole build)",
                    "ALTER TABLE " + tn + " ADD COLUMN " + quote(c.name()) + " " + c.typeWritten() + ";\n"
                            + "CREATE UNIQUE INDEX CONCURRENTLY " + key + " ON " + tn + " (" + quote(c.name())
                            + ");\nALTER TABLE " + tn + " ADD CONSTRAINT " + key + " UNIQUE USING INDEX " + key + ";");
        }
        if (c.check()) {
            j.longRunning = true;
            j.finding(meta(), Verdict.UNSAFE, "adds " + col + " with an inline CHECK: the table is scanned to verify "
                    + "it under AccessExclusiveLock", "add the column without the CHECK, then ALTER TABLE " + tn
                    + " ADD CONSTRAINT ... CHECK (...) NOT VALID; and VALIDATE CONSTRAINT in its own transaction");
        }
    }
}
