package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * DROP kind [IF EXISTS] name [(signature)], ... [CASCADE] for every kind but INDEX, TRIGGER, POLICY and RULE.
 *
 * @param what        the kind in SQL words ("TABLE", "MATERIALIZED VIEW", "FUNCTION"...)
 * @param names       the objects named, in order
 * @param relation    the kind is a relation (table, view, materialized view, sequence, foreign table)
 * @param anyExisting whether any of them existed before this migration
 * @param cascade     CASCADE
 */
public record DropObjects(String what, List<Name> names, boolean relation, boolean anyExisting, boolean cascade)
        implements Op {
    public DropObjects {
        names = List.copyOf(names);
    }
}
