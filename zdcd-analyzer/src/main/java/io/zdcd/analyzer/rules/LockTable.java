package io.zdcd.analyzer.rules;

import io.zdcd.classify.LockMode;
import java.util.List;
import java.util.Objects;

/**
 * {@code LOCK [TABLE] ... [IN mode MODE]}.
 *
 * @param tables the tables named, in order
 * @param mode   the lock asked for ({@link LockMode#ACCESS_EXCLUSIVE} when none is written)
 */
public record LockTable(List<String> tables, LockMode mode) implements Action {
    /**
     * Copies the list.
     *
     * @param tables the tables named; not null
     * @param mode   the lock asked for; not null
     */
    public LockTable {
        tables = List.copyOf(tables);
        Objects.requireNonNull(mode, "mode");
    }

    @Override
    public String toString() {
        return "LOCK " + String.join(", ", tables) + " IN " + mode.sqlName() + " MODE";
    }
}
