package io.zdcd.analyzer.rules;

import java.util.List;

/**
 * {@code DROP TABLE}.
 *
 * @param tables  the tables named, in order
 * @param cascade {@code CASCADE}
 */
public record DropTable(List<String> tables, boolean cascade) implements Action {
    /**
     * Copies the list.
     *
     * @param tables  the tables named, in order; not null
     * @param cascade {@code CASCADE}
     */
    public DropTable {
        tables = List.copyOf(tables);
    }

    @Override
    public String toString() {
        return "DROP TABLE " + String.join(", ", tables) + (cascade ? " CASCADE" : "");
    }
}
