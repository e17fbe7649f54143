package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.MigrationRun;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Unrecognised;

/** unrecognised-statement: what a recogniser could not read is UNSAFE. */
final class UnrecognisedStatementRule extends OpRule<Unrecognised> implements MigrationCheck {
    UnrecognisedStatementRule() {
        super(Rules.UNRECOGNISED, Unrecognised.class);
    }

    @Override
    void judge(Unrecognised op, Judgement j) {
        j.finding(meta(), op.message());
    }

    /** The rules threw: whatever they found is dropped (fail closed). */
    @Override
    public void failed(Judgement j, Throwable e) {
        j.findings.clear();
        j.kind = "UNRECOGNISED";
        j.finding(meta(), "zdcd could not analyse this statement (" + e.getClass().getSimpleName() + "); treated as "
                + "UNSAFE");
    }

    /** No rule found anything to say (the last hook of a statement). */
    @Override
    public void afterStatement(MigrationRun run, SqlStatement st, Judgement j) {
        if (j.findings.isEmpty()) {
            j.finding(meta(), "no rule recognised this statement; treated as UNSAFE");
        }
    }
}
