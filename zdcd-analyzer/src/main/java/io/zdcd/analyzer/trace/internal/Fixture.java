package io.zdcd.analyzer.trace.internal;

import io.zdcd.analyzer.trace.TraceException;
import io.zdcd.classify.Migration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the state a migration is traced in: the schema history applied, and the tables it touches (with the
 * tables those reference) filled with generated rows.
 */
final class Fixture {
    private final Connection c;
    private final int timeoutSeconds;
    private final Endpoint endpoint;

    Fixture(Connection c, int timeoutSeconds, Endpoint endpoint) {
        this.c = c;
        this.timeoutSeconds = timeoutSeconds;
        this.endpoint = endpoint;
    }

    /**
     * Applies the migrations in order. Committed ({@code autocommit} connection): every statement as written.
     * In a transaction: CONCURRENTLY dropped, VACUUM skipped, each statement under a savepoint.
     */
    void applyHistory(List<Migration> history) {
        for (Migration m : history) {
            for (Sql.Stmt s : Sql.split(m.sql())) {
                if (Sql.isTransactionControl(s.sql()) || Sql.isSet(s.sql()) || s.psql()
                        || Sql.affectsCluster(s.sql()) || Sql.actsOnServer(s.sql())) {
                    continue;
                }
                try {
                    if (c.getAutoCommit()) {
                        execute(s.sql());
                    } else {
                        var sql = Sql.inTransactionEquivalent(s.sql());
                        if (sql.isPresent()) {
                            executeUnderSavepoint(sql.get(), true);
                        }
                    }
                } catch (SQLException e) {
                    throw new TraceException("cannot apply the schema history: " + m.name() + " statement "
                            + s.index() + " (line " + s.line() + ") failed: " + endpoint.redact(e.getMessage()));
                }
            }
        }
    }

    void execute(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(timeoutSeconds);
            s.execute(sql);
        }
    }

    /** Runs a statement inside the open transaction; on error rolls back to before it and rethrows or returns. */
    boolean executeUnderSavepoint(String sql, boolean rethrow) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            execute(sql);
            c.releaseSavepoint(sp);
            return true;
        } catch (SQLException e) {
            c.rollback(sp);
            if (rethrow) {
                throw e;
            }
            return false;
        }
    }

    /**
     * Adds {@code rows} generated rows to every existing table whose name appears in the migration, and to the
     * tables those reference (parents first). Returns what was done, for the report's notes.
     */
    List<String> fill(int rows, String migrationSql) throws SQLException {
        List<String> notes = new ArrayList<>();
        if (rows <= 0) {
            return notes;
        }
        Map<Long, String[]> tables = tables();
        Set<String> words = Sql.identifiers(migrationSql);
        Set<Long> wanted = new LinkedHashSet<>();
        tables.forEach((oid, name) -> {
            if (words.contains(name[0])) {
                wanted.add(oid);
            }
        });
        wanted.addAll(tablesOfIndexes(words));
        Map<Long, List<ForeignKey>> fks = foreignKeys();
        // Parents first: add referenced tables, then order so that each table comes after those it references.
        Set<Long> closure = new LinkedHashSet<>(wanted);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Long t : List.copyOf(closure)) {
                for (ForeignKey fk : fks.getOrDefault(t, List.of())) {
                    if (fk.parent != t && closure.add(fk.parent)) {
                        grew = true;
                    }
                }
            }
        }
        List<Long> order = new ArrayList<>();
        Set<Long> done = new LinkedHashSet<>();
        for (int round = 0; round <= closure.size() && done.size() < closure.size(); round++) {
            for (Long t : closure) {
                if (done.contains(t)) {
                    continue;
                }
                boolean ready = fks.getOrDefault(t, List.of()).stream()
                        .allMatch(fk -> fk.parent == t || done.contains(fk.parent) || !closure.contains(fk.parent));
                if (ready || round == closure.size()) {
                    order.add(t);
                    done.add(t);
                }
            }
        }
        Map<Long, String> names = new HashMap<>();
        tables.forEach((oid, name) -> names.put(oid, name[1]));
        List<String> filled = new ArrayList<>();
        for (Long t : order) {
            if (!names.containsKey(t)) {
                continue; // a partition or a table in a system schema
            }
            String problem = fillTable(t, names.get(t), rows, fks.getOrDefault(t, List.of()));
            if (problem == null) {
                filled.add(names.get(t));
            } else {
                notes.add("could not fill " + names.get(t) + ": " + endpoint.redact(problem));
            }
        }
        if (!filled.isEmpty()) {
            notes.add(0, "filled with " + rows + " rows each: " + String.join(", ", filled));
        }
        return notes;
    }

    private record Column(String name, String type, String baseType, char typtype, char category, boolean notNull,
                          boolean skip, String qualifiedType) {
    }

    private record ForeignKey(long parent, List<String> columns, List<String> parentColumns, String parentName) {
    }

    private String fillTable(long oid, String name, int rows, List<ForeignKey> fks) throws SQLException {
        List<Column> columns = columns(oid);
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        StringBuilder joins = new StringBuilder();
        Map<String, String> fkValue = new HashMap<>();
        int alias = 0;
        for (ForeignKey fk : fks) {
            if (fk.columns.size() != 1 || fk.parent == oid) {
                continue;
            }
            alias++;
            String p = "p" + alias;
            joins.append(" JOIN (SELECT ").append(quote(fk.parentColumns.get(0))).append(" AS v, row_number() OVER ()")
                    .append(" AS rn FROM ").append(fk.parentName).append(") ").append(p).append(" ON ").append(p)
                    .append(".rn = 1 + (g - 1) % GREATEST((SELECT count(*) FROM ").append(fk.parentName)
                    .append("), 1)");
            fkValue.put(fk.columns.get(0), p + ".v");
        }
        for (Column col : columns) {
            if (col.skip) {
                continue;
            }
            String value = fkValue.get(col.name);
            boolean inForeignKey = fks.stream().anyMatch(fk -> fk.columns.contains(col.name));
            if (value == null && inForeignKey) {
                value = "NULL";
            }
            if (value == null) {
                value = generated(col);
            }
            if (value == null || value.equals("NULL")) {
                if (col.notNull) {
                    return "no value can be generated for NOT NULL column " + col.name + " of type " + col.type;
                }
                continue;
            }
            names.add(quote(col.name));
            values.add(value);
        }
        String sql = names.isEmpty()
                ? "INSERT INTO " + name + " SELECT FROM generate_series(1, " + rows + ") g" + joins
                : "INSERT INTO " + name + " (" + String.join(", ", names) + ") SELECT " + String.join(", ", values)
                + " FROM generate_series(1, " + rows + ") g" + joins;
        try {
            if (c.getAutoCommit()) {
                execute(sql);
            } else {
                executeUnderSavepoint(sql, true);
            }
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /** A SQL expression of the column's type computed from the row number {@code g}, or null. */
    private static String generated(Column col) {
        String cast = "::" + col.qualifiedType;
        if (col.typtype == 'e') {
            return "(enum_range(NULL" + cast + "))[1 + g % array_length(enum_range(NULL" + cast + "), 1)]";
        }
        if (col.category == 'A') {
            return "'{}'" + cast;
        }
        return switch (col.baseType) {
            case "smallint" -> "(g % 32000)" + cast;
            case "integer", "bigint", "numeric", "real", "double precision", "oid" -> "g" + cast;
            case "boolean" -> "(g % 2 = 0)" + cast;
            case "text", "character varying", "character", "citext", "name" -> "('r' || g)" + cast;
            case "date" -> "(DATE '2000-01-01' + g)" + cast;
            case "timestamp without time zone", "timestamp with time zone" ->
                    "(TIMESTAMP '2000-01-01' + g * INTERVAL '1 minute')" + cast;
            case "time without time zone", "time with time zone" -> "(TIME '00:00' + g * INTERVAL '1 second')" + cast;
            case "interval" -> "(g * INTERVAL '1 second')" + cast;
            case "uuid" -> "md5(g::text)::uuid" + cast;
            case "json", "jsonb" -> "json_build_object('n', g)::text" + cast;
            case "bytea" -> "convert_to('r' || g, 'UTF8')" + cast;
            case "inet", "cidr" -> "('10.0.0.0'::inet + g)" + cast;
            case "money" -> "g::numeric" + cast;
            default -> null;
        };
    }

    private List<Column> columns(long oid) throws SQLException {
        String sql = "SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
                + "format_type(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END, NULL), t.typtype, "
                + "t.typcategory, a.attnotnull, (a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> ''), "
                + "a.atttypid::regtype::text "
                + "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
        List<Column> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String qualified = rs.getString(2);
                    out.add(new Column(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4).charAt(0),
                            rs.getString(5).charAt(0), rs.getBoolean(6), rs.getBoolean(7),
                            qualified.contains("(") ? qualified : rs.getString(8)));
                }
            }
        }
        return out;
    }

    /** Ordinary and partitioned tables outside the system schemas: oid to (bare name, SQL name). */
    private Map<Long, String[]> tables() throws SQLException {
        Map<Long, String[]> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT c.oid, n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition "
                        + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                        + "AND n.nspname NOT LIKE 'pg\\_%' ORDER BY c.oid")) {
            while (rs.next()) {
                String schema = rs.getString(2);
                String sqlName = schema.equals("public") ? quoteIfNeeded(rs.getString(3))
                        : quoteIfNeeded(schema) + "." + quoteIfNeeded(rs.getString(3));
                out.put(rs.getLong(1), new String[] {rs.getString(3), sqlName});
            }
        }
        return out;
    }

    private Set<Long> tablesOfIndexes(Set<String> words) throws SQLException {
        Set<Long> out = new LinkedHashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT i.indrelid, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'")) {
            while (rs.next()) {
                if (words.contains(rs.getString(2))) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private Map<Long, List<ForeignKey>> foreignKeys() throws SQLException {
        Map<Long, List<ForeignKey>> out = new HashMap<>();
        String sql = "SELECT co.conrelid, co.confrelid, "
                + "ARRAY(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY k(n, o) "
                + "  JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.n ORDER BY k.o)::text[], "
                + "ARRAY(SELECT a.attname FROM unnest(co.confkey) WITH ORDINALITY k(n, o) "
                + "  JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.n ORDER BY k.o)::text[], "
                + "co.confrelid::regclass::text FROM pg_constraint co WHERE co.contype = 'f'";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<String> cols = List.of((String[]) rs.getArray(3).getArray());
                List<String> parentCols = List.of((String[]) rs.getArray(4).getArray());
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new ForeignKey(rs.getLong(2), cols, parentCols, rs.getString(5)));
            }
        }
        return out;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String quoteIfNeeded(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_$]*") ? identifier : quote(identifier);
    }
}
