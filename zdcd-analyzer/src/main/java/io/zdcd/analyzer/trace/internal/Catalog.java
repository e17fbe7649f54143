package io.zdcd.analyzer.trace.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the catalog facts the tracer compares before and after a statement. */
final class Catalog {
    private static final String USER_RELATIONS = "SELECT c.oid, n.nspname, c.relname, c.relkind, c.relfilenode "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' "
            + "AND n.nspname NOT LIKE 'pg\\_temp%'";
    private static final String ATTRIBUTES = "SELECT a.attrelid, a.attnum, a.attname, "
            + "format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attisdropped FROM pg_attribute a "
            + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE a.attnum > 0 AND c.relkind IN ('r', 'p', 'f', 'm') "
            + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'";
    private static final String CONSTRAINTS = "SELECT co.oid, co.conrelid, co.conname, co.contype, co.convalidated "
            + "FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')";
    private static final String INDEXES = "SELECT i.indexrelid, i.indisvalid FROM pg_index i "
            + "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'";
    private static final String SCANS = "SELECT relid, seq_scan FROM pg_stat_xact_user_tables";
    private static final String OWN_LOCKS = "SELECT relation, mode, granted FROM pg_locks "
            + "WHERE pid = pg_backend_pid() AND locktype = 'relation' "
            + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";
    private static final String LOCKS_OF = "SELECT relation, mode, granted FROM pg_locks "
            + "WHERE pid = ? AND locktype = 'relation' "
            + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private Catalog() {
    }

    record Rel(long oid, String name, char kind, long relfilenode) {
        String kindName() {
            return switch (kind) {
                case 'r' -> "table";
                case 'i' -> "index";
                case 'S' -> "sequence";
                case 'v' -> "view";
                case 'm' -> "materialized view";
                case 'p' -> "partitioned table";
                case 'I' -> "partitioned index";
                case 'f' -> "foreign table";
                case 't' -> "toast table";
                case 'c' -> "composite type";
                default -> "relation";
            };
        }

        boolean isTable() {
            return kind == 'r' || kind == 'p' || kind == 'm' || kind == 'f';
        }
    }

    record AttrKey(long relid, int attnum) {
    }

    record Attr(long relid, int attnum, String name, String type, boolean notNull, boolean dropped) {
    }

    record Con(long oid, long relid, String name, char type, boolean validated) {
        String typeName() {
            return switch (type) {
                case 'c' -> "check";
                case 'f' -> "foreign key";
                case 'p' -> "primary key";
                case 'u' -> "unique";
                case 'x' -> "exclusion";
                case 't' -> "trigger";
                case 'n' -> "not null";
                default -> "constraint";
            };
        }
    }

    record Lock(long relid, String mode, boolean granted) {
    }

    /** The catalog as one transaction (or, in autocommit, one moment) sees it. */
    record Snapshot(Map<Long, Rel> rels, Map<AttrKey, Attr> attrs, Map<Long, Con> cons, Map<Long, Boolean> indexValid,
                    Map<Long, Long> seqScans, List<Lock> locks, String lockTimeout, String statementTimeout) {
    }

    static Snapshot take(Connection c) throws SQLException {
        Map<Long, Rel> rels = relations(c);
        Map<AttrKey, Attr> attrs = new HashMap<>();
        Map<Long, Con> cons = new HashMap<>();
        Map<Long, Boolean> valid = new HashMap<>();
        Map<Long, Long> scans = new HashMap<>();
        String lockTimeout;
        String statementTimeout;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(ATTRIBUTES)) {
                while (rs.next()) {
                    Attr a = new Attr(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5), rs.getBoolean(6));
                    attrs.put(new AttrKey(a.relid(), a.attnum()), a);
                }
            }
            try (ResultSet rs = s.executeQuery(CONSTRAINTS)) {
                while (rs.next()) {
                    cons.put(rs.getLong(1), new Con(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4).charAt(0), rs.getBoolean(5)));
                }
            }
            try (ResultSet rs = s.executeQuery(INDEXES)) {
                while (rs.next()) {
                    valid.put(rs.getLong(1), rs.getBoolean(2));
                }
            }
            try (ResultSet rs = s.executeQuery(SCANS)) {
                while (rs.next()) {
                    scans.put(rs.getLong(1), rs.getLong(2));
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT current_setting('lock_timeout'), current_setting('statement_timeout')")) {
                rs.next();
                lockTimeout = rs.getString(1);
                statementTimeout = rs.getString(2);
            }
        }
        return new Snapshot(rels, attrs, cons, valid, scans, ownLocks(c), lockTimeout, statementTimeout);
    }

    static List<Lock> ownLocks(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(OWN_LOCKS)) {
            return readLocks(rs);
        }
    }

    /** The relation locks another backend holds or waits for, read from a monitoring connection. */
    static List<Lock> locksOf(Connection monitor, int pid) throws SQLException {
        try (PreparedStatement ps = monitor.prepareStatement(LOCKS_OF)) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return readLocks(rs);
            }
        }
    }

    /** The backends the given one is waiting for. */
    static List<Integer> blockingPids(Connection monitor, int pid) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (PreparedStatement ps = monitor.prepareStatement("SELECT unnest(pg_blocking_pids(?))")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
        }
        return out;
    }

    static Map<Long, Rel> relations(Connection c) throws SQLException {
        Map<Long, Rel> rels = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(USER_RELATIONS)) {
            while (rs.next()) {
                String schema = rs.getString(2);
                String name = "public".equals(schema) ? rs.getString(3) : schema + "." + rs.getString(3);
                rels.put(rs.getLong(1), new Rel(rs.getLong(1), name, rs.getString(4).charAt(0), rs.getLong(5)));
            }
        }
        return rels;
    }

    static int backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<Lock> readLocks(ResultSet rs) throws SQLException {
        List<Lock> out = new ArrayList<>();
        while (rs.next()) {
            out.add(new Lock(rs.getLong(1), rs.getString(2), rs.getBoolean(3)));
        }
        return out;
    }
}
