package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Inheritance;
import io.zdcd.classify.Verdict;

/** alter-table-inheritance: queries on the parent see different rows. */
final class AlterTableInheritanceRule extends OpRule<Inheritance> {
    AlterTableInheritanceRule() {
        super(Rules.INHERITANCE, Inheritance.class);
    }

    @Override
    void judge(Inheritance op, Judgement j) {
        j.finding(meta(), op.isNew() ? Verdict.SAFE : Verdict.UNSAFE, "changes the table's inheritance or type: "
                + "queries on the parent see different rows");
    }
}
