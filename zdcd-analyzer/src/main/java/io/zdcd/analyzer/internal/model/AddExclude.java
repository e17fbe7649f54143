package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * ALTER TABLE ... ADD [CONSTRAINT name] EXCLUDE ....
 *
 * @param table     the table
 * @param isNew     the table was created in this migration
 * @param name      the constraint name, or null
 * @param notValid  NOT VALID (PostgreSQL refuses it)
 * @param mentioned the identifiers the constraint mentions (columns its index may cover)
 */
public record AddExclude(Name table, boolean isNew, String name, boolean notValid, List<String> mentioned)
        implements Op {
    public AddExclude {
        mentioned = List.copyOf(mentioned);
    }
}
