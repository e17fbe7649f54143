package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * TRUNCATE [TABLE] [ONLY] t [*], ... [CASCADE].
 *
 * @param tables      the tables named, in order
 * @param anyExisting whether any of them existed before this migration
 * @param cascade     CASCADE (empties the referencing tables too)
 */
public record Truncate(List<Name> tables, boolean anyExisting, boolean cascade) implements Op {
    public Truncate {
        tables = List.copyOf(tables);
    }
}
