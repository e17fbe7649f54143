package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.SessionCommand;
import io.zdcd.classify.Verdict;

/** create-object: new objects (and their settings) leave the old code unaffected. */
final class CreateObjectRule implements ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.CREATE_OBJECT;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof SessionCommand o && o.command().equals("IMPORT")) {
            j.finding(meta(), Verdict.SAFE, "imports foreign table definitions");
        }
    }
}
