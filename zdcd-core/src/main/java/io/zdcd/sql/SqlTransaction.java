package io.zdcd.sql;

import java.util.List;
import java.util.Objects;

/**
 * Statements a runner executes together: in one transaction ({@link #inTransaction()}), or one statement on its own
 * outside any transaction (a {@code CONCURRENTLY} index build, {@code VACUUM}...).
 *
 * <p>{@code toString()} reads like {@code SqlTransaction[#2 in transaction: #3 L4:1, #4 L5:1]}.
 *
 * @param index         1-based position among the script's transactions
 * @param inTransaction whether the statements run in one transaction (false: one statement, autocommit)
 * @param statements    the statements, in order; never transaction control or psql meta-commands
 * @since 0.2
 */
public record SqlTransaction(int index, boolean inTransaction, List<SqlStatement> statements) {
    /**
     * Copies the list; throws {@link IllegalArgumentException} when it is empty, or when a statement outside a
     * transaction is not alone.
     *
     * @param index 1-based position among the script's transactions
     * @param inTransaction whether the statements run in one transaction (false: exactly one statement, autocommit)
     * @param statements the statements, in order; must not be empty
     */
    public SqlTransaction {
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a transaction has at least one statement");
        }
        if (!inTransaction && statements.size() != 1) {
            throw new IllegalArgumentException("a statement outside a transaction runs alone, got "
                    + statements.size());
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SqlTransaction[#").append(index)
                .append(inTransaction ? " in transaction: " : " no transaction: ");
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement s = statements.get(i);
            sb.append(i == 0 ? "" : ", ").append('#').append(s.index()).append(" L").append(s.line()).append(':')
                    .append(s.column());
        }
        return sb.append(']').toString();
    }
}
