package io.zdcd.analyzer.rules;

import java.util.List;

/**
 * {@code TRUNCATE}.
 *
 * @param tables  the tables named, in order
 * @param cascade {@code CASCADE}
 */
public record Truncate(List<String> tables, boolean cascade) implements Action {
    /**
     * Copies the list.
     *
     * @param tables  the tables named; not null
     * @param cascade {@code CASCADE}
     */
    public Truncate {
        tables = List.copyOf(tables);
    }

    @Override
    public String toString() {
        return "TRUNCATE " + String.join(", ", tables) + (cascade ? " CASCADE" : "");
    }
}
