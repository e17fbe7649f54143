package io.zdcd.analyzer.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What zdcd knows about the existing schema: tables, their columns (type, nullability), constraints and indexes.
 * Built from {@code --schema} text and from earlier migrations; mutable, copied per analysis.
 */
public final class Schema {

    /** A column's known facts; {@code type} is normalised by {@link ColumnTypes#normalise}, null when unknown. */
    public static final class Column {
        String type;
        boolean notNull;
        boolean hasDefault;

        Column copy() {
            Column c = new Column();
            c.type = type;
            c.notNull = notNull;
            c.hasDefault = hasDefault;
            return c;
        }
    }

    /** A constraint; {@code notNullColumn} is set for CHECK (col IS NOT NULL) and NOT NULL constraints. */
    public static final class Constraint {
        String kind; // CHECK, FOREIGN KEY, UNIQUE, PRIMARY KEY, EXCLUDE, NOT NULL
        String notNullColumn;
        boolean validated;
        String referencedTable;
        /** For CHECK constraints: the identifiers its expression mentions. */
        java.util.Set<String> checkColumns = java.util.Set.of();

        Constraint copy() {
            Constraint c = new Constraint();
            c.checkColumns = checkColumns;
            c.kind = kind;
            c.notNullColumn = notNullColumn;
            c.validated = validated;
            c.referencedTable = referencedTable;
            return c;
        }
    }

    public static final class Table {
        final Map<String, Column> columns = new LinkedHashMap<>();
        final Map<String, Constraint> constraints = new LinkedHashMap<>();
        /** The constraints that can prove a column has no NULLs (a subset of {@code constraints}). */
        final java.util.List<Constraint> notNullConstraints = new java.util.ArrayList<>();

        Table copy() {
            Table t = new Table();
            columns.forEach((k, v) -> t.columns.put(k, v.copy()));
            constraints.forEach((k, v) -> t.putConstraint(k, v.copy()));
            return t;
        }

        void putConstraint(String name, Constraint c) {
            Constraint old = constraints.put(name, c);
            if (old != null) {
                notNullConstraints.remove(old);
            }
            if (c.notNullColumn != null) {
                notNullConstraints.add(c);
            }
        }

        Constraint removeConstraint(String name) {
            Constraint c = constraints.remove(name);
            if (c != null) {
                notNullConstraints.remove(c);
            }
            return c;
        }
    }

    /** An index: its table key and whether it is unique. */
    public record Index(String table, boolean unique, java.util.List<String> columns) {
        public Index {
            columns = java.util.List.copyOf(columns);
        }
    }

    final Map<String, Table> tables = new HashMap<>();
    final Map<String, Index> indexes = new HashMap<>();
    /** Other relations (views, materialized views, sequences) by key. */
    final Map<String, String> otherRelations = new HashMap<>();

    public Schema copy() {
        Schema s = new Schema();
        tables.forEach((k, v) -> s.tables.put(k, v.copy()));
        s.indexes.putAll(indexes);
        s.otherRelations.putAll(otherRelations);
        return s;
    }

    Table table(String key) {
        return tables.get(key);
    }

    /** The table's entry, created empty (nothing known about its columns) if there is none yet. */
    Table tableOrCreate(String key) {
        return tables.computeIfAbsent(key, k -> new Table());
    }

    Table createTable(String key) {
        Table t = new Table();
        tables.put(key, t);
        return t;
    }

    Column column(String tableKey, String column) {
        Table t = tables.get(tableKey);
        return t == null ? null : t.columns.get(column);
    }

    /** The name of a CHECK constraint whose expression mentions the column, or null. */
    String checkOn(String tableKey, String column) {
        Table t = tables.get(tableKey);
        if (t == null) {
            return null;
        }
        for (Map.Entry<String, Constraint> e : t.constraints.entrySet()) {
            if ("CHECK".equals(e.getValue().kind) && e.getValue().checkColumns.contains(column)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Whether a validated CHECK (col IS NOT NULL) or NOT NULL constraint proves the column has no NULLs. */
    boolean hasValidatedNotNullCheck(String tableKey, String column) {
        Table t = tables.get(tableKey);
        if (t == null) {
            return false;
        }
        for (Constraint c : t.notNullConstraints) {
            if (c.validated && column.equals(c.notNullColumn)) {
                return true;
            }
        }
        return false;
    }

    void renameTable(String from, String to) {
        Table t = tables.remove(from);
        if (t != null) {
            tables.put(to, t);
        }
        indexes.replaceAll((k, v) -> v.table().equals(from) ? new Index(to, v.unique(), v.columns()) : v);
    }

    void dropTable(String key) {
        tables.remove(key);
        indexes.values().removeIf(i -> i.table().equals(key));
        otherRelations.remove(key);
    }
}
