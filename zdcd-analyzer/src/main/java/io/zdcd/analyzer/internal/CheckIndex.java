package io.zdcd.analyzer.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's CHECK constraints by the columns their expressions mention, each list in the order of the table's
 * constraints: {@link Schema#checkOn} answers without walking every constraint of the table (on a long migration,
 * one ALTER COLUMN TYPE per block against a table gaining a CHECK per block would be quadratic).
 */
final class CheckIndex {
    private final Map<String, List<String>> byColumn = new HashMap<>();

    /** After {@code constraints.put(name, c)} replaced {@code old} (or null). */
    void put(String name, Schema.Constraint old, Schema.Constraint c, Map<String, Schema.Constraint> constraints) {
        if (old != null && (isCheck(old) || isCheck(c))) {
            rebuild(constraints); // replaced in place: it keeps its position among the constraints
        } else if (isCheck(c)) {
            add(name, c);
        }
    }

    /** After {@code c}, named {@code name}, was removed. */
    void remove(String name, Schema.Constraint c) {
        if (isCheck(c)) {
            for (String column : c.checkColumns) {
                List<String> names = byColumn.get(column);
                if (names != null) {
                    names.remove(name);
                }
            }
        }
    }

    /** The first CHECK constraint that mentions {@code column}, or null. */
    String first(String column) {
        List<String> names = byColumn.get(column);
        return names == null || names.isEmpty() ? null : names.get(0);
    }

    private void add(String name, Schema.Constraint c) {
        for (String column : c.checkColumns) {
            byColumn.computeIfAbsent(column, k -> new ArrayList<>(2)).add(name);
        }
    }

    private void rebuild(Map<String, Schema.Constraint> constraints) {
        byColumn.clear();
        constraints.forEach((name, c) -> {
            if (isCheck(c)) {
                add(name, c);
            }
        });
    }

    private static boolean isCheck(Schema.Constraint c) {
        return "CHECK".equals(c.kind);
    }
}
