package io.zdcd.analyzer.internal.rules;

import static io.zdcd.analyzer.internal.SqlText.quote;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AddForeignKey;
import io.zdcd.classify.Verdict;

/** add-foreign-key: a validated foreign key scans the table while both tables' writes are blocked. */
final class AddForeignKeyRule extends OpRule<AddForeignKey> {
    AddForeignKeyRule() {
        super(Rules.ADD_FOREIGN_KEY, AddForeignKey.class);
    }

    @Override
    void judge(AddForeignKey op, Judgement j) {
        String refShown = op.referenced() == null ? "the referenced table" : op.referenced().display();
        if (op.isNew()) {
            j.finding(meta(), Verdict.SAFE, "adds a foreign key to a table created in this migration: a brief "
                    + "ShareRowExclusiveLock on " + refShown + ", nothing to scan");
        } else if (!op.notValid()) {
            String tn = op.table().display();
            String n = quote(op.name() == null ? "name" : op.name());
            j.longRunning = true;
            j.finding(meta(), Verdict.UNSAFE, "adds foreign key" + (op.name() == null ? "" : " " + op.name()) + ": "
                    + tn + " is scanned to validate it while ShareRowExclusiveLock on " + tn + " and " + refShown
                    + " blocks their writes", "ALTER TABLE " + tn + " ADD CONSTRAINT " + n + " " + op.text()
                    + " NOT VALID;\n-- then, in its own transaction (ShareUpdateExclusiveLock, writes go on):\n"
                    + "ALTER TABLE " + tn + " VALIDATE CONSTRAINT " + n + ";");
        }
    }
}
