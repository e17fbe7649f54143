package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import io.zdcd.classify.LockMode;
import java.util.List;

/**
 * LOCK [TABLE] t, ... [IN mode MODE].
 *
 * @param tables the tables named, in order
 * @param mode   the lock mode asked for (ACCESS EXCLUSIVE when none is written)
 */
public record LockTable(List<Name> tables, LockMode mode) implements Op {
    public LockTable {
        tables = List.copyOf(tables);
    }
}
