package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Unrecognised;

/** unrecognised-statement: what a recogniser could not read is UNSAFE. */
final class UnrecognisedStatementRule extends OpRule<Unrecognised> {
    UnrecognisedStatementRule() {
        super(Rules.UNRECOGNISED, Unrecognised.class);
    }

    @Override
    void judge(Unrecognised op, Judgement j) {
        j.finding(meta(), op.message());
    }
}
