package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * ALTER TABLE ... ADD [CONSTRAINT name] FOREIGN KEY (...) REFERENCES t [(...)] [NOT VALID].
 *
 * @param table             the table
 * @param isNew             the table was created in this migration
 * @param name              the constraint name, or null
 * @param notValid          NOT VALID
 * @param referenced        the referenced table, or null
 * @param referencedColumns the referenced columns as written; empty when not written
 * @param text              the constraint as written, from FOREIGN on
 */
public record AddForeignKey(Name table, boolean isNew, String name, boolean notValid, Name referenced,
                            List<String> referencedColumns, String text) implements Op {
    public AddForeignKey {
        referencedColumns = List.copyOf(referencedColumns);
    }
}
