package io.zdcd.analyzer.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a live database's schema from its catalog, in one read-only transaction with a statement_timeout, as the
 * DDL {@code pg_dump --schema-only} would print for it (tables with column types, defaults, NOT NULL, identity and
 * generated columns, collations; partitioning and partitions; constraints; indexes; views, materialized views and
 * sequences), plus each table's row estimate ({@code pg_class.reltuples}). The DDL is then read like
 * {@code --schema} text, so a live schema and a dumped one give the classifier exactly the same knowledge.
 */
public final class LiveSchema {
    /** The DDL, and the row estimate per relation key (tables never analysed have none). */
    public record Catalog(String ddl, Map<String, Long> rowEstimates, int serverVersionNum) {
    }

    private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%' "
            + "AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'";

    private LiveSchema() {
    }

    /** Reads the catalog through {@code c} (left open; its auto-commit setting is restored). */
    public static Catalog read(Connection c, Duration statementTimeout) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION READ ONLY");
                s.execute("SET LOCAL statement_timeout = " + Math.max(1, statementTimeout.toMillis()));
                s.execute("SET LOCAL lock_timeout = " + Math.max(1, statementTimeout.toMillis()));
            }
            int version;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
                rs.next();
                version = rs.getInt(1);
            }
            Catalog catalog = read(c, version);
            c.commit();
            return catalog;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is broken: the caller closes it
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // as above
            }
        }
    }

    private record Relation(long oid, String name, String key, char kind, long rows, String partitionKey,
                            long parent, String bound) {
    }

    private static Catalog read(Connection c, int version) throws SQLException {
        Map<Long, Relation> relations = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.oid, quote_ident(n.nspname), quote_ident(c.relname),"
                + " n.nspname, c.relname, c.relkind, c.reltuples::float8,"
                + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
                + " CASE WHEN c.relispartition THEN (SELECT i.inhparent FROM pg_inherits i WHERE i.inhrelid = c.oid"
                + " LIMIT 1) END,"
                + " CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S') AND " + USER_SCHEMAS
                + " ORDER BY n.nspname, c.relname");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String schema = rs.getString(4);
                String name = schema.equals("public") ? rs.getString(3) : rs.getString(2) + "." + rs.getString(3);
                String key = schema.equals("public") ? rs.getString(5) : schema + "." + rs.getString(5);
                double rows = rs.getDouble(7);
                relations.put(rs.getLong(1), new Relation(rs.getLong(1), name, key, rs.getString(6).charAt(0),
                        rows < 0 ? -1 : Math.round(rows), rs.getString(8), rs.getLong(9), rs.getString(10)));
            }
        }
        Map<Long, List<String>> columns = columns(c, version, relations);
        StringBuilder ddl = new StringBuilder();
        for (Relation r : relations.values()) {
            switch (r.kind()) {
                case 'r', 'p', 'f' -> {
                    ddl.append("CREATE TABLE ").append(r.name()).append(" (");
                    ddl.append(String.join(", ", columns.getOrDefault(r.oid(), List.of()))).append(')');
                    if (r.partitionKey() != null) {
                        ddl.append(" PARTITION BY ").append(r.partitionKey());
                    }
                    ddl.append(";\n");
                }
                case 'v' -> ddl.append("CREATE VIEW ").append(r.name()).append(" AS SELECT 1;\n");
                case 'm' -> ddl.append("CREATE MATERIALIZED VIEW ").append(r.name())
                        .append(" AS SELECT 1 WITH NO DATA;\n");
                case 'S' -> ddl.append("CREATE SEQUENCE ").append(r.name()).append(";\n");
                default -> {
                }
            }
        }
        for (Relation r : relations.values()) {
            Relation parent = relations.get(r.parent());
            if (parent != null && r.bound() != null) {
                ddl.append("ALTER TABLE ONLY ").append(parent.name()).append(" ATTACH PARTITION ").append(r.name())
                        .append(' ').append(r.bound()).append(";\n");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT con.conrelid, quote_ident(con.conname),"
                + " pg_get_constraintdef(con.oid)"
                + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE con.contype IN ('c', 'f', 'u', 'p', 'x') AND " + USER_SCHEMAS
                + " ORDER BY con.contype = 'f', n.nspname, c.relname, con.conname");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Relation r = relations.get(rs.getLong(1));
                if (r != null) {
                    ddl.append("ALTER TABLE ONLY ").append(r.name()).append(" ADD CONSTRAINT ")
                            .append(rs.getString(2)).append(' ').append(rs.getString(3)).append(";\n");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_indexdef(i.indexrelid)"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_class ic ON ic.oid = i.indexrelid"
                + " WHERE " + USER_SCHEMAS + " AND NOT EXISTS (SELECT 1 FROM pg_constraint con"
                + " WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))"
                + " ORDER BY n.nspname, ic.relname");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ddl.append(rs.getString(1)).append(";\n");
            }
        }
        Map<String, Long> rows = new HashMap<>();
        Map<Long, Long> partitionSums = new HashMap<>();
        for (Relation r : relations.values()) {
            if (r.rows() >= 0 && r.kind() != 'p' && r.kind() != 'v' && r.kind() != 'S') {
                rows.put(r.key(), r.rows());
                for (Relation p = relations.get(r.parent()); p != null; p = relations.get(p.parent())) {
                    partitionSums.merge(p.oid(), r.rows(), Long::sum);
                }
            }
        }
        partitionSums.forEach((oid, sum) -> rows.put(relations.get(oid).key(), sum));
        return new Catalog(ddl.toString(), Map.copyOf(rows), version);
    }

    /** Per relation oid, its column definitions as CREATE TABLE writes them. */
    private static Map<Long, List<String>> columns(Connection c, int version, Map<Long, Relation> relations)
            throws SQLException {
        Map<Long, List<String>> columns = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attrelid, quote_ident(a.attname),"
                + " format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid),"
                + " a.attidentity, " + (version >= 120000 ? "a.attgenerated" : "''") + ","
                + " CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN"
                + " (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co"
                + " JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f') AND " + USER_SCHEMAS
                + " ORDER BY a.attrelid, a.attnum");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long rel = rs.getLong(1);
                if (!relations.containsKey(rel)) {
                    continue;
                }
                StringBuilder col = new StringBuilder(rs.getString(2)).append(' ').append(rs.getString(3));
                if (rs.getString(8) != null) {
                    col.append(" COLLATE ").append(rs.getString(8));
                }
                String identity = rs.getString(6);
                String generated = rs.getString(7);
                String expr = rs.getString(5);
                if ("a".equals(identity) || "d".equals(identity)) {
                    col.append(" GENERATED ").append("a".equals(identity) ? "ALWAYS" : "BY DEFAULT")
                            .append(" AS IDENTITY");
                } else if (generated != null && !generated.isEmpty() && expr != null) {
                    col.append(" GENERATED ALWAYS AS (").append(expr).append(')')
                            .append("v".equals(generated) ? " VIRTUAL" : " STORED");
                } else if (expr != null) {
                    col.append(" DEFAULT ").append(expr);
                }
                if (rs.getBoolean(4)) {
                    col.append(" NOT NULL");
                }
                columns.computeIfAbsent(rel, k -> new ArrayList<>()).add(col.toString());
            }
        }
        return columns;
    }
}
