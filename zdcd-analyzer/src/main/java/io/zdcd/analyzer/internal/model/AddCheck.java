package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.Set;

/**
 * ALTER TABLE ... ADD [CONSTRAINT name] CHECK (expression) [NOT VALID].
 *
 * @param table            the table
 * @param isNew            the table was created in this migration
 * @param name             the constraint name, or null
 * @param notValid         NOT VALID
 * @param notNullColumn    for CHECK (col IS NOT NULL), the column; else null
 * @param checkColumns     the identifiers the expression mentions
 * @param text             the constraint as written, from CHECK on
 * @param oldWritesViolate the old code's INSERTs leave {@code notNullColumn} NULL (added without a default here)
 */
public record AddCheck(Name table, boolean isNew, String name, boolean notValid, String notNullColumn,
                       Set<String> checkColumns, String text, boolean oldWritesViolate) implements Op {
    public AddCheck {
        checkColumns = Set.copyOf(checkColumns);
    }
}
