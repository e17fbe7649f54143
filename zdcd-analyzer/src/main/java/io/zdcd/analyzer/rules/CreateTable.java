package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * {@code CREATE TABLE}, {@code CREATE TABLE ... PARTITION OF}, {@code CREATE TABLE ... AS} and
 * {@code SELECT ... INTO}.
 *
 * @param table       the new table
 * @param partitionOf the parent of {@code PARTITION OF}, or {@code ""}
 * @param asQuery     created from a query ({@code AS} or {@code SELECT ... INTO})
 */
public record CreateTable(String table, String partitionOf, boolean asQuery) implements Action {
    /**
     * Checks the parts.
     *
     * @param table       the new table; not null
     * @param partitionOf the parent of {@code PARTITION OF}, or {@code ""}; not null
     * @param asQuery     created from a query
     */
    public CreateTable {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(partitionOf, "partitionOf");
    }

    @Override
    public List<String> tables() {
        return partitionOf.isEmpty() ? ActionNames.of(table) : ActionNames.of(table, partitionOf);
    }

    @Override
    public String toString() {
        return "CREATE TABLE " + table + (partitionOf.isEmpty() ? "" : " PARTITION OF " + partitionOf)
                + (asQuery ? " AS query" : "");
    }
}
