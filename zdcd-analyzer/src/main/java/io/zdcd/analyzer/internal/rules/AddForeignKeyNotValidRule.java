package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AddForeignKey;
import io.zdcd.classify.Verdict;

/** add-foreign-key-not-valid: a brief lock on both tables, no scan. */
final class AddForeignKeyNotValidRule extends OpRule<AddForeignKey> {
    AddForeignKeyNotValidRule() {
        super(Rules.ADD_FOREIGN_KEY_NOT_VALID, AddForeignKey.class);
    }

    @Override
    void judge(AddForeignKey op, Judgement j) {
        if (op.isNew() || !op.notValid()) {
            return;
        }
        String refShown = op.referenced() == null ? "the referenced table" : op.referenced().display();
        j.finding(meta(), Verdict.SAFE, "adds foreign key" + (op.name() == null ? "" : " " + op.name()) + " NOT VALID: "
                + "a brief ShareRowExclusiveLock on " + op.table().display() + " and " + refShown + ", no scan; new "
                + "writes must satisfy it at once");
    }
}
