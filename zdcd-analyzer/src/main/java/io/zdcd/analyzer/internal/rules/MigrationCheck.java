package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.internal.BatchLoop;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.MigrationRun;
import io.zdcd.analyzer.internal.Suppressions;
import io.zdcd.classify.StatementAnalysis;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a rule that judges more than one record: a statement in its migration (the locks held before it, the
 * lock_timeout, a transaction left open, zdcd:ignore comments, Django's Python operations) or the batch loop around a
 * nested statement. {@code MigrationAnalyzer} and {@code BatchLoop} call the hooks of {@link RuleSet#MIGRATION} in
 * its order, which is the order of their findings on a statement (not the catalogue's: see {@link #ORDER}).
 */
public interface MigrationCheck {
    /**
     * The order the hooks run in. long-operation-under-held-lock's finding comes before lock-timeout-missing's, the
     * version checks before the fallback of unrecognised-statement (which only applies to a statement without
     * findings), unclosed-transaction's before django-python-operation's at the end of a migration.
     */
    List<Class<? extends MigrationCheck>> ORDER = List.of(ParserDisagreementRule.class, DataChangeRule.class,
            UnbatchedDataChangeRule.class, NotAllowedInTransactionRule.class, UnclosedTransactionRule.class,
            LongOperationUnderHeldLockRule.class, LockTimeoutMissingRule.class, EnumAddValueRule.class,
            DjangoPythonOperationRule.class, UnsupportedOnVersionRule.class, UnrecognisedStatementRule.class,
            InvalidIgnoreRule.class, UnusedIgnoreRule.class);

    /**
     * The second opinion on a statement the rules judged (when cross-checking is on; always for a nested statement).
     * An exception here makes the statement unrecognised, as one of the rules.
     *
     * @param st the statement
     * @param j  its judgement
     */
    default void crossCheck(SqlStatement st, Judgement j) {
    }

    /**
     * The rules (or the cross-check) threw on the statement.
     *
     * @param j its judgement, with whatever the rules wrote before they failed
     * @param e what they threw
     */
    default void failed(Judgement j, Throwable e) {
    }

    /**
     * After the statement's own findings (and before disabled rules and zdcd:ignore comments apply).
     *
     * @param run the migration
     * @param st  the statement
     * @param j   its judgement
     */
    default void afterStatement(MigrationRun run, SqlStatement st, Judgement j) {
    }

    /**
     * The statement's analysis is made (the migration's context already updated by it).
     *
     * @param run the migration
     * @param a   the analysis
     */
    default void analysed(MigrationRun run, StatementAnalysis a) {
    }

    /**
     * After the last statement.
     *
     * @param run the migration
     */
    default void atEnd(MigrationRun run) {
    }

    /**
     * After {@link #atEnd}, once per zdcd:ignore comment, in the order of the comments.
     *
     * @param run the migration
     * @param ig  the comment
     */
    default void ignoreComment(MigrationRun run, Suppressions.Ignore ig) {
    }

    /**
     * A batch loop's statement was judged as written without its key range ({@code BatchLoop}).
     *
     * @param loop the loop
     * @param key  the key the loop's table is known to have (or why none)
     * @param verb the statement's kind (UPDATE, DELETE)
     * @param j    the judgement of the DO statement, with the nested statement's findings
     */
    default void batchLoop(BatchLoop.Loop loop, BatchLoop.Key key, String verb, Judgement j) {
    }

    /**
     * The rules that implement this interface, in {@link #ORDER}.
     *
     * @param rules every rule
     * @return the checks
     */
    static List<MigrationCheck> inOrder(List<ZdcdRule> rules) {
        List<MigrationCheck> checks = new ArrayList<>();
        for (Class<? extends MigrationCheck> type : ORDER) {
            rules.stream().filter(type::isInstance).map(type::cast).forEach(checks::add);
        }
        long all = rules.stream().filter(MigrationCheck.class::isInstance).count();
        if (checks.size() != ORDER.size() || all != ORDER.size()) {
            throw new IllegalStateException("MigrationCheck.ORDER does not list the checks of the rule set once each");
        }
        return List.copyOf(checks);
    }
}
