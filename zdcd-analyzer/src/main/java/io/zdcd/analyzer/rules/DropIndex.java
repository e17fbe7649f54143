package io.zdcd.analyzer.rules;

import java.util.List;

/**
 * {@code DROP INDEX [CONCURRENTLY]}.
 *
 * @param indexes      the indexes named, in order
 * @param concurrently {@code CONCURRENTLY}
 */
public record DropIndex(List<String> indexes, boolean concurrently) implements Action {
    /**
     * Copies the list.
     *
     * @param indexes      the indexes named; not null
     * @param concurrently {@code CONCURRENTLY}
     */
    public DropIndex {
        indexes = List.copyOf(indexes);
    }

    @Override
    public List<String> tables() {
        return indexes;
    }

    @Override
    public String toString() {
        return "DROP INDEX " + (concurrently ? "CONCURRENTLY " : "") + String.join(", ", indexes);
    }
}
