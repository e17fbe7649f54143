package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Transaction;
import io.zdcd.classify.Verdict;

/** transaction-control: BEGIN, COMMIT, ROLLBACK, SAVEPOINT take no lock; they say how long locks are held. */
final class TransactionControlRule extends OpRule<Transaction> {
    TransactionControlRule() {
        super(Rules.TRANSACTION, Transaction.class);
    }

    @Override
    void judge(Transaction op, Judgement j) {
        j.finding(meta(), Verdict.SAFE, switch (op.action()) {
            case BEGIN -> op.alreadyOpen() ? "BEGIN inside an open transaction only warns; the open transaction "
                    + "continues" : "starts a transaction: locks taken from here are held until COMMIT";
            case COMMIT -> "commits: releases the locks the transaction held";
            case COMMIT_PREPARED -> "commits a prepared transaction";
            case ROLLBACK -> "rolls back: nothing of the transaction takes effect";
            case ROLLBACK_PREPARED -> "rolls back a prepared transaction";
            case ROLLBACK_TO_SAVEPOINT -> "rolls back to a savepoint; the transaction and its locks stay";
            case SAVEPOINT -> "transaction control; takes no lock";
            case PREPARE_TRANSACTION -> "two-phase commit; takes no lock";
            case EMPTY -> "empty statement";
        });
    }
}
