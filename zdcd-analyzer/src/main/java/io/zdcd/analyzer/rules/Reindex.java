package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * {@code REINDEX}.
 *
 * @param kind         {@code INDEX}, {@code TABLE}, {@code SCHEMA}, {@code DATABASE} or {@code SYSTEM}
 * @param target       the object named, or {@code ""}
 * @param concurrently {@code CONCURRENTLY}
 */
public record Reindex(String kind, String target, boolean concurrently) implements Action {
    /**
     * Checks the parts.
     *
     * @param kind         what is reindexed; not null
     * @param target       the object named, or {@code ""}; not null
     * @param concurrently {@code CONCURRENTLY}
     */
    public Reindex {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
    }

    @Override
    public List<String> tables() {
        return kind.equals("INDEX") || kind.equals("TABLE") ? ActionNames.of(target) : List.of();
    }

    @Override
    public String toString() {
        return "REINDEX " + kind + (concurrently ? " CONCURRENTLY" : "") + (target.isEmpty() ? "" : " " + target);
    }
}
