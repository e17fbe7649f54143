package io.zdcd.analyzer.internal;

/**
 * What {@code zdcd fix}'s rename and type-change recipes need to know of a column before they copy it into a new one:
 * its type (as PostgreSQL would print it) and NOT NULL, or why zdcd cannot copy it faithfully. The answer is
 * conservative: anything the new column would lack (a default, an index, a constraint, a sequence, a foreign key in
 * or out of the table, partitions) is a reason.
 */
public record ColumnFacts(String type, boolean notNull, String problem) {

    /** Whether the column can be copied: {@link #problem()} is null. */
    public boolean found() {
        return problem == null;
    }

    /** A type as written in SQL, normalised as zdcd compares types ({@code bigint} -> {@code int8}). */
    public static String normalisedType(String written) {
        return ColumnTypes.normalise(written);
    }

    private static ColumnFacts no(String problem) {
        return new ColumnFacts(null, false, problem);
    }

    /** The facts of {@code column} (an identifier as PostgreSQL folds it) of {@code table} (as written in SQL). */
    public static ColumnFacts of(Schema schema, String table, String column) {
        Tokens t = Tokens.lex(table);
        Name n = Name.parse(t, 0);
        if (n == null || n.end() != t.size()) {
            return no("'" + table + "' is not a table name");
        }
        Schema.Table st = schema.table(n.key());
        Schema.Column c = st == null ? null : st.columns.get(column);
        if (c == null || c.type == null) {
            return no("zdcd does not know the column " + n.display() + "." + column + " or its type (give the schema: "
                    + "--schema, --database-url, or create it in the same run)");
        }
        if (!c.type.matches("[a-z][a-z0-9_ ]*(\\([0-9, ]+\\))?(\\[\\])*")) {
            return no("the type " + c.type + " is not a built-in type name zdcd can write again");
        }
        if (c.hasDefault || c.ownsSequence) {
            return no(n.display() + "." + column + " has a default or a sequence, which the new column would have to "
                    + "copy");
        }
        if (st.partitioned || st.partitionOf != null) {
            return no(n.display() + " is partitioned or a partition");
        }
        if (st.indexed.contains(column)) {
            return no("an index or an index-backed constraint uses " + column + ", and the new column would need its "
                    + "own (build it with CREATE INDEX CONCURRENTLY first, then fix the rest)");
        }
        for (Schema.Constraint k : st.constraints.values()) {
            boolean notNullOnly = "NOT NULL".equals(k.kind);
            if ("FOREIGN KEY".equals(k.kind)) {
                return no(n.display() + " has a foreign key, and zdcd does not know its columns");
            }
            if (!notNullOnly && (k.checkColumns.contains(column) || k.keyColumns.contains(column)
                    || column.equals(k.notNullColumn))) {
                return no("a " + k.kind + " constraint uses " + column);
            }
        }
        for (java.util.Map.Entry<String, Schema.Table> other : schema.tables.entrySet()) {
            for (Schema.Constraint k : other.getValue().constraints.values()) {
                if ("FOREIGN KEY".equals(k.kind) && n.key().equals(k.referencedTable)) {
                    return no(other.getKey() + " has a foreign key to " + n.display());
                }
            }
        }
        return new ColumnFacts(c.type, c.notNull, null);
    }
}
