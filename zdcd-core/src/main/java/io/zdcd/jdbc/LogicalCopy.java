package io.zdcd.jdbc;

import io.zdcd.spi.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * Copies a database into an empty one while its sessions go on: the schema is rebuilt from the catalogs
 * ({@code pg_get_*def}) and the rows are streamed with {@code COPY}, all read in one {@code REPEATABLE READ READ ONLY}
 * transaction, so the copy is one consistent snapshot and nobody is excluded or waits (the reads take ACCESS SHARE
 * locks, which conflict only with ACCESS EXCLUSIVE). Fails closed: {@link #unsupported(Connection)} names the kinds of
 * objects it does not rebuild, and the caller copies such a database another way.
 */
final class LogicalCopy {
    private final Connection source;
    private final Connection target;
    private final Progress progress;

    private LogicalCopy(Connection source, Connection target, Progress progress) {
        this.source = source;
        this.target = target;
        this.progress = progress;
    }

    /** Object kinds present in the database that the copy does not rebuild; empty when it can copy it whole. */
    static List<String> unsupported(Connection c) throws SQLException {
        Map<String, String> checks = new LinkedHashMap<>();
        String userNs = USER_NS;
        String notExt = NOT_EXTENSION_MEMBER;
        checks.put("partitioned tables, materialized views, foreign tables or composite types",
                "SELECT count(*) FROM pg_class x JOIN pg_namespace n ON n.oid = x.relnamespace WHERE " + userNs
                        + " AND x.relkind IN ('p', 'm', 'f', 'c')" + notExt);
        checks.put("table inheritance or partitions", "SELECT count(*) FROM pg_inherits");
        checks.put("rules", "SELECT count(*) FROM pg_rewrite x JOIN pg_class r ON r.oid = x.ev_class "
                + "JOIN pg_namespace n ON n.oid = r.relnamespace WHERE " + userNs + " AND x.rulename <> '_RETURN'");
        checks.put("row-level security policies", "SELECT count(*) FROM pg_policy");
        checks.put("privileges granted on tables or sequences", "SELECT count(*) FROM pg_class x JOIN pg_namespace n "
                + "ON n.oid = x.relnamespace WHERE " + userNs + " AND x.relacl IS NOT NULL" + notExt);
        checks.put("types other than enums and domains", "SELECT count(*) FROM pg_type x JOIN pg_namespace n "
                + "ON n.oid = x.typnamespace WHERE " + userNs + " AND x.typtype NOT IN ('e', 'd', 'c', 'b')" + notExt);
        checks.put("aggregates or window functions", "SELECT count(*) FROM pg_proc x JOIN pg_namespace n "
                + "ON n.oid = x.pronamespace WHERE " + userNs + " AND x.prokind IN ('a', 'w')" + notExt);
        checks.put("operators, casts, collations, text search or statistics objects", "SELECT "
                + "(SELECT count(*) FROM pg_operator x JOIN pg_namespace n ON n.oid = x.oprnamespace WHERE " + userNs
                + notExt + ") + (SELECT count(*) FROM pg_collation x JOIN pg_namespace n ON n.oid = x.collnamespace "
                + "WHERE " + userNs + notExt + ") + (SELECT count(*) FROM pg_ts_config x JOIN pg_namespace n "
                + "ON n.oid = x.cfgnamespace WHERE " + userNs + notExt + ") + (SELECT count(*) FROM "
                + "pg_statistic_ext x JOIN pg_namespace n ON n.oid = x.stxnamespace WHERE " + userNs + ")");
        checks.put("event triggers or publications",
                "SELECT (SELECT count(*) FROM pg_event_trigger) + (SELECT count(*) FROM pg_publication)");
        checks.put("large objects", "SELECT count(*) FROM pg_largeobject_metadata");
        checks.put("database or role settings (ALTER DATABASE/ROLE ... SET)", "SELECT count(*) FROM "
                + "pg_db_role_setting WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = "
                + "current_database())");
        checks.put("a locale provider other than libc", "SELECT count(*) FROM pg_database WHERE datname = "
                + "current_database() AND datlocprovider <> 'c'");
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (Map.Entry<String, String> e : checks.entrySet()) {
                try (ResultSet rs = s.executeQuery(e.getValue())) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        out.add(e.getKey());
                    }
                }
            }
        }
        return out;
    }

    /**
     * Copies {@code source} into the empty database {@code target} is connected to. {@code source} must be in a
     * {@code REPEATABLE READ} transaction already; {@code target} is in autocommit.
     *
     * @return the number of rows copied
     */
    static long copy(Connection source, Connection target, Progress progress) throws SQLException {
        return new LogicalCopy(source, target, progress).run();
    }

    private static final String USER_NS = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
            + "AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'";
    private static final String NOT_EXTENSION_MEMBER =
            " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = x.oid AND d.deptype = 'e')";

    private long run() throws SQLException {
        exec("SET check_function_bodies = off");
        // schemas, extensions
        for (String ns : strings("SELECT quote_ident(n.nspname) FROM pg_namespace n WHERE " + USER_NS
                + " AND n.nspname <> 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = n.oid "
                + "AND d.deptype = 'e') ORDER BY n.oid")) {
            exec("CREATE SCHEMA IF NOT EXISTS " + ns);
        }
        for (String ext : strings("SELECT format('CREATE EXTENSION IF NOT EXISTS %I WITH SCHEMA %I VERSION %L', "
                + "e.extname, n.nspname, e.extversion) FROM pg_extension e JOIN pg_namespace n "
                + "ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY e.oid")) {
            exec(ext);
        }
        // enums, then functions (defaults, checks and domains may call them), then domains
        for (String e : strings("SELECT format('CREATE TYPE %s AS ENUM (%s)', x.oid::regtype, (SELECT string_agg("
                + "quote_literal(l.enumlabel), ', ' ORDER BY l.enumsortorder) FROM pg_enum l WHERE l.enumtypid = "
                + "x.oid)) FROM pg_type x JOIN pg_namespace n ON n.oid = x.typnamespace WHERE " + USER_NS
                + " AND x.typtype = 'e'" + NOT_EXTENSION_MEMBER + " ORDER BY x.oid")) {
            exec(e);
        }
        for (String f : strings("SELECT pg_get_functiondef(x.oid) FROM pg_proc x JOIN pg_namespace n "
                + "ON n.oid = x.pronamespace WHERE " + USER_NS + " AND x.prokind IN ('f', 'p')" + NOT_EXTENSION_MEMBER
                + " ORDER BY x.oid")) {
            exec(f);
        }
        for (String d : strings("SELECT format('CREATE DOMAIN %s AS %s%s%s%s', x.oid::regtype, "
                + "format_type(x.typbasetype, x.typtypmod), CASE WHEN x.typcollation <> 0 AND x.typcollation <> "
                + "(SELECT b.typcollation FROM pg_type b WHERE b.oid = x.typbasetype) THEN ' COLLATE ' || "
                + "x.typcollation::regcollation::text ELSE '' END, coalesce(' DEFAULT ' || x.typdefault, ''), "
                + "CASE WHEN x.typnotnull THEN ' NOT NULL' ELSE '' END) || coalesce((SELECT string_agg(' CONSTRAINT ' "
                + "|| quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid), '' ORDER BY c.oid) FROM "
                + "pg_constraint c WHERE c.contypid = x.oid AND c.contype = 'c'), '') FROM pg_type x JOIN "
                + "pg_namespace n ON n.oid = x.typnamespace WHERE " + USER_NS + " AND x.typtype = 'd'"
                + NOT_EXTENSION_MEMBER + " ORDER BY x.oid")) {
            exec(d);
        }
        // sequences that are not identity sequences
        for (String sq : strings("SELECT format('CREATE SEQUENCE %s AS %s INCREMENT %s MINVALUE %s MAXVALUE %s START %s "
                + "CACHE %s%s', x.oid::regclass, format_type(s.seqtypid, NULL), s.seqincrement, s.seqmin, s.seqmax, "
                + "s.seqstart, s.seqcache, CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END) FROM pg_sequence s "
                + "JOIN pg_class x ON x.oid = s.seqrelid JOIN pg_namespace n ON n.oid = x.relnamespace WHERE "
                + USER_NS + NOT_EXTENSION_MEMBER + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = x.oid "
                + "AND d.deptype = 'i') ORDER BY x.oid")) {
            exec(sq);
        }
        // tables: columns, defaults, NOT NULL, identity, generated
        List<String[]> tables = rows("SELECT x.oid::text, x.oid::regclass::text, x.relpersistence FROM pg_class x "
                + "JOIN pg_namespace n ON n.oid = x.relnamespace WHERE " + USER_NS + " AND x.relkind = 'r'"
                + NOT_EXTENSION_MEMBER + " ORDER BY x.oid");
        for (String[] t : tables) {
            exec(createTable(t[0], t[1], t[2]));
        }
        // rows, in one snapshot
        long rows = 0;
        for (String[] t : tables) {
            rows += copyRows(t[0], t[1]);
        }
        // sequence positions (identity ones included), ownership
        for (String[] sq : rows("SELECT x.oid::regclass::text, s.last_value::text FROM "
                + "pg_sequences s JOIN pg_class x ON x.oid = format('%I.%I', s.schemaname, s.sequencename)::regclass "
                + "JOIN pg_namespace n ON n.oid = x.relnamespace WHERE " + USER_NS + NOT_EXTENSION_MEMBER
                + " AND s.last_value IS NOT NULL")) {
            // pg_sequences shows last_value only once nextval was called: the next value is the one after it
            exec("SELECT setval('" + sq[0].replace("'", "''") + "', " + Long.parseLong(sq[1]) + ", true)");
        }
        for (String own : strings("SELECT format('ALTER SEQUENCE %s OWNED BY %s.%I', x.oid::regclass, "
                + "d.refobjid::regclass, a.attname) FROM pg_depend d JOIN pg_class x ON x.oid = d.objid AND "
                + "x.relkind = 'S' JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
                + "JOIN pg_namespace n ON n.oid = x.relnamespace WHERE d.deptype = 'a' AND d.classid = "
                + "'pg_class'::regclass AND " + USER_NS)) {
            exec(own);
        }
        // constraints (foreign keys last), other indexes, views, triggers, comments
        for (String con : strings("SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, "
                + "c.conname, pg_get_constraintdef(c.oid)) FROM pg_constraint c JOIN pg_class x ON x.oid = c.conrelid "
                + "JOIN pg_namespace n ON n.oid = x.relnamespace WHERE " + USER_NS + " AND x.relkind = 'r' AND "
                + "c.contype IN ('p', 'u', 'c', 'x', 'f') AND c.conislocal" + NOT_EXTENSION_MEMBER
                + " ORDER BY c.contype = 'f', c.oid")) {
            exec(con);
        }
        for (String ix : strings("SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class x ON "
                + "x.oid = i.indrelid JOIN pg_namespace n ON n.oid = x.relnamespace WHERE " + USER_NS
                + " AND x.relkind = 'r'" + NOT_EXTENSION_MEMBER + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                + "WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x')) ORDER BY i.indexrelid")) {
            exec(ix);
        }
        for (String v : strings("SELECT format('CREATE VIEW %s AS %s', x.oid::regclass, pg_get_viewdef(x.oid)) FROM "
                + "pg_class x JOIN pg_namespace n ON n.oid = x.relnamespace WHERE " + USER_NS + " AND x.relkind = 'v'"
                + NOT_EXTENSION_MEMBER + " ORDER BY x.oid")) {
            exec(v);
        }
        for (String tg : strings("SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class x ON x.oid = "
                + "t.tgrelid JOIN pg_namespace n ON n.oid = x.relnamespace WHERE " + USER_NS + " AND NOT t.tgisinternal"
                + NOT_EXTENSION_MEMBER + " ORDER BY t.oid")) {
            exec(tg);
        }
        for (String cm : strings("SELECT format('COMMENT ON %s %s IS %L', CASE x.relkind WHEN 'v' THEN 'VIEW' WHEN "
                + "'S' THEN 'SEQUENCE' ELSE 'TABLE' END, x.oid::regclass, d.description) FROM pg_description d "
                + "JOIN pg_class x ON x.oid = d.objoid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0 "
                + "JOIN pg_namespace n ON n.oid = x.relnamespace WHERE " + USER_NS + " AND x.relkind IN ('r', 'v', 'S')"
                + " UNION ALL SELECT format('COMMENT ON COLUMN %s.%I IS %L', x.oid::regclass, a.attname, "
                + "d.description) FROM pg_description d JOIN pg_class x ON x.oid = d.objoid AND d.classoid = "
                + "'pg_class'::regclass JOIN pg_attribute a ON a.attrelid = x.oid AND a.attnum = d.objsubid "
                + "JOIN pg_namespace n ON n.oid = x.relnamespace WHERE " + USER_NS + " AND d.objsubid > 0")) {
            exec(cm);
        }
        return rows;
    }

    /**
     * Counts of what the copy rebuilds (tables, columns, sequences, indexes, constraints, views, functions, triggers,
     * types, rows per table is checked by COPY itself): equal on the source and on a complete copy.
     */
    static String fingerprint(Connection c) throws SQLException {
        String sql = "SELECT coalesce((SELECT string_agg(k || '=' || n, ' ' ORDER BY k) FROM (SELECT x.relkind::text AS k, "
                + "count(*) AS n FROM pg_class x JOIN pg_namespace n ON n.oid = x.relnamespace WHERE " + USER_NS
                + NOT_EXTENSION_MEMBER + " GROUP BY x.relkind) r), 'no relations')"
                + " || ' columns=' || (SELECT count(*) FROM pg_attribute a JOIN pg_class x ON x.oid = a.attrelid "
                + "JOIN pg_namespace n ON n.oid = x.relnamespace WHERE " + USER_NS + NOT_EXTENSION_MEMBER
                + " AND a.attnum > 0 AND NOT a.attisdropped AND x.relkind IN ('r', 'v'))"
                + " || ' constraints=' || (SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON "
                + "n.oid = c.connamespace WHERE " + USER_NS + " AND c.contype <> 'n')"
                + " || ' functions=' || (SELECT count(*) FROM pg_proc x JOIN pg_namespace n ON n.oid = x.pronamespace "
                + "WHERE " + USER_NS + NOT_EXTENSION_MEMBER + ")"
                + " || ' triggers=' || (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal)"
                + " || ' types=' || (SELECT count(*) FROM pg_type x JOIN pg_namespace n ON n.oid = x.typnamespace "
                + "WHERE " + USER_NS + NOT_EXTENSION_MEMBER + " AND x.typtype IN ('e', 'd'))"
                + " || ' extensions=' || (SELECT count(*) FROM pg_extension)";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String createTable(String oid, String name, String persistence) throws SQLException {
        List<String> cols = strings("SELECT quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)"
                + " || CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN ' COLLATE ' || "
                + "a.attcollation::regcollation::text ELSE '' END"
                + " || CASE WHEN a.attgenerated = 's' THEN ' GENERATED ALWAYS AS (' || pg_get_expr(ad.adbin, "
                + "ad.adrelid) || ') STORED' WHEN ad.adbin IS NOT NULL THEN ' DEFAULT ' || pg_get_expr(ad.adbin, "
                + "ad.adrelid) ELSE '' END"
                + " || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY' WHEN 'd' THEN ' GENERATED BY "
                + "DEFAULT AS IDENTITY' ELSE '' END"
                + " || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef ad ON "
                + "ad.adrelid = a.attrelid AND ad.adnum = a.attnum WHERE a.attrelid = " + Long.parseLong(oid)
                + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum");
        return "CREATE " + ("u".equals(persistence) ? "UNLOGGED " : "") + "TABLE " + name + " ("
                + String.join(", ", cols) + ")";
    }

    private long copyRows(String oid, String name) throws SQLException {
        List<String> cols = strings("SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = "
                + Long.parseLong(oid) + " AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum");
        if (cols.isEmpty()) {
            return 0;
        }
        String list = String.join(", ", cols);
        CopyManager out = source.unwrap(PGConnection.class).getCopyAPI();
        CopyManager in = target.unwrap(PGConnection.class).getCopyAPI();
        CopyOut reader = out.copyOut("COPY " + name + " (" + list + ") TO STDOUT (FORMAT binary)");
        CopyIn writer;
        try {
            writer = in.copyIn("COPY " + name + " (" + list + ") FROM STDIN (FORMAT binary)");
        } catch (SQLException e) {
            reader.cancelCopy();
            throw e;
        }
        try {
            byte[] chunk;
            while ((chunk = reader.readFromCopy()) != null) {
                writer.writeToCopy(chunk, 0, chunk.length);
            }
            long rows = writer.endCopy();
            progress.report("copied " + name + ": " + rows + " rows");
            return rows;
        } catch (SQLException e) {
            if (writer.isActive()) {
                writer.cancelCopy();
            }
            if (reader.isActive()) {
                reader.cancelCopy();
            }
            throw e;
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = target.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new SQLException("rebuilding the schema in the copy failed at: " + abbreviate(sql) + ": "
                    + e.getMessage(), e.getSQLState(), e);
        }
    }

    private static String abbreviate(String sql) {
        String one = sql.replaceAll("\\s+", " ");
        return one.length() <= 120 ? one : one.substring(0, 117) + "...";
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String[] r : rows(sql)) {
            out.add(r[0]);
        }
        return out;
    }

    private List<String[]> rows(String sql) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement p = source.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] r = new String[n];
                for (int i = 0; i < n; i++) {
                    r[i] = rs.getString(i + 1);
                }
                out.add(r);
            }
        }
        return out;
    }
}
