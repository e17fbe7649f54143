package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.PsqlMetaCommand;
import io.zdcd.classify.Verdict;

/** psql-meta-command: a meta-command that runs in the client only takes no lock. */
final class PsqlMetaCommandRule extends OpRule<PsqlMetaCommand> {
    PsqlMetaCommandRule() {
        super(Rules.PSQL, PsqlMetaCommand.class);
    }

    @Override
    void judge(PsqlMetaCommand op, Judgement j) {
        if (op.harmless()) {
            j.finding(meta(), Verdict.SAFE, "psql meta-command \\" + op.command() + ": runs in the client, takes no "
                    + "lock");
        }
    }
}
