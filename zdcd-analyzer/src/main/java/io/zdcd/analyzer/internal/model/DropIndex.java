package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Schema;
import java.util.List;

/**
 * DROP INDEX [CONCURRENTLY] [IF EXISTS] name, ...
 *
 * @param indexes      the indexes named, in order
 * @param concurrently CONCURRENTLY
 */
public record DropIndex(List<Target> indexes, boolean concurrently) implements Op {
    public DropIndex {
        indexes = List.copyOf(indexes);
    }

    /**
     * One index named.
     *
     * @param name    its name as written
     * @param existed it existed before this migration
     * @param known   what zdcd knows of it (its table, whether it is unique), or null
     */
    public record Target(Name name, boolean existed, Schema.Index known) {
    }
}
