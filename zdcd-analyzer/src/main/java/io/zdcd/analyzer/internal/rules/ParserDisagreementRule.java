package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.internal.CrossCheck;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.classify.Verdict;

/** parser-disagreement: JSqlParser reads a statement judged SAFE differently from the tokens ({@link CrossCheck}). */
final class ParserDisagreementRule extends MigrationLevelRule {
    ParserDisagreementRule() {
        super(Rules.PARSER_DISAGREEMENT);
    }

    @Override
    public void crossCheck(SqlStatement st, Judgement j) {
        String problem = CrossCheck.disagreement(st, j);
        if (problem != null) {
            j.finding(meta(), Verdict.UNSAFE, "JSqlParser reads this statement differently: " + problem + "; zdcd "
                    + "cannot be sure it is safe");
        }
    }
}
