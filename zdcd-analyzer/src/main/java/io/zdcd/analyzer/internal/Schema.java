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
        public String type;
        public boolean notNull;
        public boolean hasDefault;
        /** serial or identity: the column owns a sequence, named {@code <table>_<column>_seq} by PostgreSQL. */
        public boolean ownsSequence;

        public Column copy() {
            Column c = new Column();
            c.ownsSequence = ownsSequence;
            c.type = type;
            c.notNull = notNull;
            c.hasDefault = hasDefault;
            return c;
        }
    }

    /** A constraint; {@code notNullColumn} is set for CHECK (col IS NOT NULL) and NOT NULL constraints. */
    public static final class Constraint {
        public String kind; // CHECK, FOREIGN KEY, UNIQUE, PRIMARY KEY, EXCLUDE, NOT NULL
        public String notNullColumn;
        public boolean validated;
        public String referencedTable;
        /** For FOREIGN KEY: the referenced columns as written; empty when not written (the primary key). */
        public java.util.List<String> referencedColumns = java.util.List.of();
        /** For CHECK constraints: the identifiers its expression mentions. */
        public java.util.Set<String> checkColumns = java.util.Set.of();
        /** For PRIMARY KEY: its columns, when zdcd saw them; empty when not known. */
        public java.util.List<String> keyColumns = java.util.List.of();

        public Constraint copy() {
            Constraint c = new Constraint();
            c.keyColumns = keyColumns;
            c.checkColumns = checkColumns;
            c.kind = kind;
            c.notNullColumn = notNullColumn;
            c.validated = validated;
            c.referencedTable = referencedTable;
            c.referencedColumns = referencedColumns;
            return c;
        }
    }

    public static final class Table {
        public final Map<String, Column> columns = new LinkedHashMap<>();
        public final Map<String, Constraint> constraints = new LinkedHashMap<>();
        /** The constraints that can prove a column has no NULLs (a subset of {@code constraints}). */
        public final java.util.List<Constraint> notNullConstraints = new java.util.ArrayList<>();
        /** Its CHECK constraints by column, kept by {@link #putConstraint} and {@link #removeConstraint}. */
        private final CheckIndex checks = new CheckIndex();
        /** Columns some index or index-backed constraint mentions (key, INCLUDE, expression or WHERE): a superset. */
        public final java.util.Set<String> indexed = new java.util.HashSet<>();
        /** Created with PARTITION BY, so zdcd saw it from the start and knows its partitions. */
        public boolean partitioned;
        /** The parent's key when this table is a partition of it (and whether it is the DEFAULT one); else null. */
        public String partitionOf;
        public boolean defaultPartition;

        public Table copy() {
            Table t = new Table();
            columns.forEach((k, v) -> t.columns.put(k, v.copy()));
            constraints.forEach((k, v) -> t.putConstraint(k, v.copy()));
            t.indexed.addAll(indexed);
            t.partitioned = partitioned;
            t.partitionOf = partitionOf;
            t.defaultPartition = defaultPartition;
            return t;
        }

        public void putConstraint(String name, Constraint c) {
            Constraint old = constraints.put(name, c);
            if (old != null) {
                notNullConstraints.remove(old);
            }
            if (c.notNullColumn != null) {
                notNullConstraints.add(c);
            }
            checks.put(name, old, c, constraints);
        }

        public Constraint removeConstraint(String name) {
            Constraint c = constraints.remove(name);
            if (c != null) {
                notNullConstraints.remove(c);
                checks.remove(name, c);
            }
            return c;
        }

        /** The name of the first CHECK constraint (in {@link #constraints}' order) that mentions the column, or null. */
        String firstCheckOn(String column) {
            return checks.first(column);
        }
    }

    /** An index: its table key and whether it is unique. */
    public record Index(String table, boolean unique, java.util.List<String> columns) {
        public Index {
            columns = java.util.List.copyOf(columns);
        }
    }

    public final Map<String, Table> tables = new HashMap<>();
    /**
     * Indexes by name; changed only through {@link #putIndex} and {@link #removeIndex}, which keep
     * {@link #indexedColumns}.
     */
    private final Map<String, Index> indexes = new HashMap<>();
    /**
     * For each table key with indexes, how many of them name each column ({@link #ANY_COLUMN}: indexes on expressions,
     * which may use any column): a question about one table ({@link #mayBeIndexed}, once per ALTER COLUMN TYPE) never
     * walks the indexes.
     */
    private final Map<String, Map<String, Integer>> indexedColumns = new HashMap<>();
    private static final String ANY_COLUMN = "\0any";
    /** Whether any table was ever a partition ({@link #partitionOf}): until then no question walks every table. */
    private boolean anyPartition;
    /** Other relations (views, materialized views, sequences) by key. */
    public final Map<String, String> otherRelations = new HashMap<>();
    /** The relations a materialized view reads (its query's FROM and JOIN), by the view's key. */
    public final Map<String, java.util.List<Name>> viewSources = new HashMap<>();
    /** Row estimates of existing relations by key (pg_class.reltuples of a live database); absent when unknown. */
    public final Map<String, Long> rowEstimates = new HashMap<>();

    public Schema copy() {
        Schema s = new Schema();
        tables.forEach((k, v) -> s.tables.put(k, v.copy()));
        indexes.forEach(s::putIndex);
        s.anyPartition = anyPartition;
        s.otherRelations.putAll(otherRelations);
        s.viewSources.putAll(viewSources);
        s.rowEstimates.putAll(rowEstimates);
        return s;
    }

    /** Records row estimates of existing relations, by key. */
    public void putRowEstimates(Map<String, Long> estimates) {
        rowEstimates.putAll(estimates);
    }

    /** "about 2.1M rows" for a relation with a row estimate, else null. */
    public String rows(String key) {
        Long n = rowEstimates.get(key);
        if (n == null) {
            return null;
        }
        if (n < 1000) {
            return "about " + n + (n == 1 ? " row" : " rows");
        }
        String[] units = {"k", "M", "B"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        String shown = v >= 100 ? String.valueOf(Math.round(v)) : String.format(java.util.Locale.ROOT, "%.1f", v)
                .replace(".0", "");
        return "about " + shown + units[u] + " rows";
    }

    /** The index of that name, or null. */
    public Index index(String name) {
        return indexes.get(name);
    }

    /** Every index by name (read only). */
    public Map<String, Index> indexes() {
        return java.util.Collections.unmodifiableMap(indexes);
    }

    public void putIndex(String name, Index index) {
        Index old = indexes.put(name, index);
        if (old != null) {
            forgetByTable(old);
        }
        Map<String, Integer> counts = indexedColumns.computeIfAbsent(index.table(), k -> new HashMap<>());
        if (index.columns().isEmpty()) {
            counts.merge(ANY_COLUMN, 1, Integer::sum);
        }
        for (String c : index.columns()) {
            counts.merge(c, 1, Integer::sum);
        }
    }

    /** Removes the index of that name and returns it, or null if there is none. */
    public Index removeIndex(String name) {
        Index old = indexes.remove(name);
        if (old != null) {
            forgetByTable(old);
        }
        return old;
    }

    private void forgetByTable(Index index) {
        Map<String, Integer> counts = indexedColumns.get(index.table());
        if (index.columns().isEmpty()) {
            counts.computeIfPresent(ANY_COLUMN, (c, n) -> n == 1 ? null : n - 1);
        }
        for (String c : index.columns()) {
            counts.computeIfPresent(c, (k, n) -> n == 1 ? null : n - 1);
        }
        if (counts.isEmpty()) {
            indexedColumns.remove(index.table());
        }
    }

    /** Every table while some table may be a partition; none before any was. */
    private java.util.Set<Map.Entry<String, Table>> mayBePartitions() {
        return anyPartition ? tables.entrySet() : java.util.Set.of();
    }

    /** Makes {@code t} a partition of {@code parentKey} (or of nothing, when null). */
    public void partitionOf(Table t, String parentKey) {
        t.partitionOf = parentKey;
        anyPartition |= parentKey != null;
    }

    public Table table(String key) {
        return tables.get(key);
    }

    /** The table's entry, created empty (nothing known about its columns) if there is none yet. */
    public Table tableOrCreate(String key) {
        return tables.computeIfAbsent(key, k -> new Table());
    }

    public Table createTable(String key) {
        Table t = new Table();
        tables.put(key, t);
        return t;
    }

    public Column column(String tableKey, String column) {
        Table t = tables.get(tableKey);
        return t == null ? null : t.columns.get(column);
    }

    /** The name of a CHECK constraint whose expression mentions the column, or null. */
    public String checkOn(String tableKey, String column) {
        Table t = tables.get(tableKey);
        if (t == null) {
            return null;
        }
        return t.firstCheckOn(column);
    }

    /** Whether a validated CHECK (col IS NOT NULL) or NOT NULL constraint proves the column has no NULLs. */
    public boolean hasValidatedNotNullCheck(String tableKey, String column) {
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

    /**
     * The key of the DEFAULT partition of a partitioned table; "" if it has none; null if zdcd does not know (it did
     * not see the table's CREATE TABLE ... PARTITION BY).
     */
    public String defaultPartition(String parentKey) {
        for (Map.Entry<String, Table> e : mayBePartitions()) {
            if (parentKey.equals(e.getValue().partitionOf) && e.getValue().defaultPartition) {
                return e.getKey();
            }
        }
        Table parent = tables.get(parentKey);
        return parent != null && parent.partitioned ? "" : null;
    }

    /**
     * Whether an index may cover the column (so changing its type or collation rebuilds it): true unless the table
     * is known and neither it nor its known partitions has an index or index-backed constraint that mentions it.
     */
    public boolean mayBeIndexed(String tableKey, String column) {
        return mayBeIndexed(tableKey, column, 0);
    }

    private boolean mayBeIndexed(String tableKey, String column, int depth) {
        Table t = tables.get(tableKey);
        if (t == null || t.indexed.contains(column) || depth > 8) {
            return true;
        }
        Map<String, Integer> counts = indexedColumns.get(tableKey);
        if (counts != null && (counts.containsKey(ANY_COLUMN) || counts.containsKey(column))) {
            return true;
        }
        for (Map.Entry<String, Table> e : mayBePartitions()) {
            if (tableKey.equals(e.getValue().partitionOf) && mayBeIndexed(e.getKey(), column, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /** The sequence PostgreSQL creates for a serial or identity column: {@code <table>_<column>_seq}. */
    public static Name sequenceOf(Name table, String column) {
        String seq = table.last() + "_" + column + "_seq";
        int dot = table.key().lastIndexOf('.');
        String schema = dot < 0 ? "" : table.key().substring(0, dot) + ".";
        return new Name(schema + seq, schema + SqlText.quote(seq), 0);
    }

    /** The sequences the table's serial and identity columns own, as far as zdcd knows them. */
    public java.util.List<Name> ownedSequences(Name table) {
        Table t = tables.get(table.key());
        if (t == null) {
            return java.util.List.of();
        }
        return t.columns.entrySet().stream().filter(e -> e.getValue().ownsSequence)
                .map(e -> sequenceOf(table, e.getKey())).toList();
    }

    /** The tables with a foreign key that references {@code key}, other than itself. */
    public java.util.List<Name> referencingTables(String key) {
        return referencingTables(key, null);
    }

    /**
     * The tables with a foreign key that references {@code column} of {@code key} (any column when null; a foreign key
     * whose columns zdcd does not know may reference it), other than itself.
     */
    public java.util.List<Name> referencingTables(String key, String column) {
        return tables.entrySet().stream().filter(e -> !e.getKey().equals(key))
                .filter(e -> e.getValue().constraints.values().stream().anyMatch(c -> key.equals(c.referencedTable)
                        && (column == null || c.referencedColumns.isEmpty() || c.referencedColumns.contains(column))))
                .map(e -> new Name(e.getKey(), e.getKey(), 0)).sorted(java.util.Comparator.comparing(Name::key))
                .toList();
    }

    public void renameTable(String from, String to) {
        Long rows = rowEstimates.remove(from);
        if (rows != null) {
            rowEstimates.put(to, rows);
        }
        Table t = tables.remove(from);
        if (t != null) {
            tables.put(to, t);
        }
        tables.values().forEach(c -> {
            if (from.equals(c.partitionOf)) {
                c.partitionOf = to;
            }
        });
        if (indexedColumns.containsKey(from)) {
            java.util.List.copyOf(indexes.entrySet()).stream().filter(e -> e.getValue().table().equals(from))
                    .forEach(e -> putIndex(e.getKey(), new Index(to, e.getValue().unique(), e.getValue().columns())));
        }
    }

    public void dropTable(String key) {
        Table dropped = tables.remove(key);
        if (dropped != null && dropped.partitioned) { // its partitions go with it
            java.util.List.copyOf(tables.keySet()).forEach(k -> {
                Table c = tables.get(k);
                if (c != null && key.equals(c.partitionOf)) {
                    c.partitionOf = null; // no cycles
                    dropTable(k);
                }
            });
        }
        if (indexedColumns.containsKey(key)) {
            java.util.List.copyOf(indexes.entrySet()).stream().filter(e -> e.getValue().table().equals(key))
                    .forEach(e -> removeIndex(e.getKey()));
        }
        otherRelations.remove(key);
        viewSources.remove(key);
        rowEstimates.remove(key);
    }
}
