package io.zdcd.analyzer.internal.model;

/**
 * Transaction control: BEGIN, COMMIT, ROLLBACK, SAVEPOINT, PREPARE TRANSACTION... and the empty statement.
 *
 * @param action      what it does
 * @param alreadyOpen a transaction was open before the statement
 * @param chain       COMMIT AND CHAIN: a new transaction starts at once
 */
public record Transaction(Action action, boolean alreadyOpen, boolean chain) implements Op {
    /** What the statement does to the transaction. */
    public enum Action {
        /** BEGIN, START TRANSACTION. */
        BEGIN,
        /** COMMIT, END. */
        COMMIT,
        /** COMMIT PREPARED. */
        COMMIT_PREPARED,
        /** ROLLBACK, ABORT. */
        ROLLBACK,
        /** ROLLBACK PREPARED. */
        ROLLBACK_PREPARED,
        /** ROLLBACK TO [SAVEPOINT]. */
        ROLLBACK_TO_SAVEPOINT,
        /** SAVEPOINT, RELEASE [SAVEPOINT]. */
        SAVEPOINT,
        /** PREPARE TRANSACTION: ends the transaction in this session. */
        PREPARE_TRANSACTION,
        /** An empty statement (only comments or semicolons). */
        EMPTY
    }
}
