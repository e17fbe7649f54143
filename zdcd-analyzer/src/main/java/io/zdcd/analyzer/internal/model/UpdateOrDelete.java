package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * UPDATE t ... [FROM ...] [WHERE ...] or DELETE FROM t [USING ...] [WHERE ...].
 *
 * @param verb       UPDATE or DELETE
 * @param table      the table changed
 * @param sources    the relations read by FROM / USING, in order
 * @param tableIsNew the table was created in this migration
 * @param where      there is a WHERE
 * @param bounded    the WHERE bounds the rows by key (or is WHERE CURRENT OF)
 */
public record UpdateOrDelete(String verb, Name table, List<Name> sources, boolean tableIsNew, boolean where,
                             boolean bounded) implements Op {
    public UpdateOrDelete {
        sources = List.copyOf(sources);
    }
}
