package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Unrecognised;
import io.zdcd.analyzer.internal.recognise.Recogniser;
import io.zdcd.analyzer.internal.recognise.Recognisers;
import io.zdcd.analyzer.internal.recognise.SessionRecogniser;
import io.zdcd.analyzer.internal.rules.RuleSet;
import java.util.List;

/**
 * Judges one statement: recognises it into records ({@code internal.recognise}), applies their effects
 * ({@code internal.effects}) and runs the rules ({@code internal.rules}).
 */
final class StatementRules {
    private StatementRules() {
    }

    static void analyze(SqlStatement st, Judgement j) {
        analyze(st, null, j);
    }

    /** Analyses {@code st}; {@code lexed} are its tokens when they were lexed ahead of time, else null. */
    static void analyze(SqlStatement st, Tokens lexed, Judgement j) {
        List<Op> ops = SessionRecogniser.beforeTokens(st, j);
        if (ops == null) {
            Tokens t = lexed != null ? lexed : Tokens.lex(st.text());
            ops = SessionRecogniser.wholeTokens(t, j);
            if (ops == null) {
                dispatch(t, 0, j);
                return;
            }
        }
        RuleSet.judge(ops, j);
        j.records = ops;
    }

    static void dispatch(Tokens t, int i, Judgement j) {
        Recogniser recogniser = Recognisers.find(t, i);
        List<Op> ops = recogniser == null ? null : recogniser.recognise(t, i, j);
        if (ops == null) {
            j.kind("UNRECOGNISED");
            ops = List.of(new Unrecognised("zdcd does not recognise a statement starting with '"
                    + SqlText.abbreviate(t.text(i)) + "'; treated as UNSAFE"));
        }
        RuleSet.judge(ops, j);
        j.records = ops;
    }
}
