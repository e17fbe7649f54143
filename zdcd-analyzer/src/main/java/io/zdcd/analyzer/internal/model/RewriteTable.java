package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... SET TABLESPACE | SET LOGGED | SET UNLOGGED | SET ACCESS METHOD: the table is copied.
 *
 * @param table the table
 * @param isNew the table was created in this migration
 * @param what  the action as reports show it ("SET TABLESPACE")
 */
public record RewriteTable(Name table, boolean isNew, String what) implements Op {

    /** SET ACCESS METHOD (PostgreSQL 15+). */
    public boolean accessMethod() {
        return what.equals("SET ACCESS METHOD");
    }

    /** SET LOGGED or SET UNLOGGED. */
    public boolean persistence() {
        return what.equals("SET LOGGED") || what.equals("SET UNLOGGED");
    }
}
