package io.zdcd.analyzer.internal;

import java.util.Set;

/** Text helpers recognisers and rules share: quoted identifiers, abbreviated SQL, the NOT NULL recipe. */
public final class SqlText {
    private SqlText() {
    }

    /** The first 40 characters of {@code s} with runs of white space as one space, "..." when cut. */
    public static String abbreviate(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 44));
        boolean space = false;
        for (int i = 0; i < s.length() && sb.length() < 40; i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space && sb.length() > 0) {
                    sb.append(' ');
                }
                space = false;
                sb.append(c);
            }
        }
        return sb.length() >= 40 ? sb + "..." : sb.toString();
    }

    /** An identifier as PostgreSQL prints it: double-quoted when it needs quotes. */
    public static String quote(String ident) {
        boolean plain = !ident.isEmpty() && (Character.isLowerCase(ident.charAt(0)) || ident.charAt(0) == '_');
        for (int i = 0; i < ident.length() && plain; i++) {
            char ch = ident.charAt(i);
            plain = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '$';
        }
        if (plain && !RESERVED.contains(ident)) {
            return ident;
        }
        return '"' + ident.replace("\"", "\"\"") + '"';
    }

    /** PostgreSQL's reserved key words (and those reserved as column or table names): they need quotes as names. */
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any",
            "array", "as", "asc", "asymmetric", "authorization", "binary", "both", "case", "cast", "check", "collate",
            "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog", "current_date",
            "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "default",
            "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign",
            "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
            "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
            "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer",
            "overlaps", "placing", "primary", "references", "returning", "right", "select", "session_user", "similar",
            "some", "symmetric", "system_user", "table", "tablesample", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "variadic", "verbose", "when", "where", "window", "with");

    /** The steps that make {@code col} NOT NULL without a long lock, for the target version. */
    public static String notNullRecipe(Name table, String col, PgVersion v) {
        String tn = table.display();
        String c = quote(col);
        String cn = quote(table.last() + "_" + col + "_not_null");
        if (v.atLeast(18)) {
            return "ALTER TABLE " + tn + " ADD CONSTRAINT " + cn + " NOT NULL " + c + " NOT VALID;\n"
                    + "-- then, in its own transaction (ShareUpdateExclusiveLock, reads and writes go on):\n"
                    + "ALTER TABLE " + tn + " VALIDATE CONSTRAINT " + cn + ";";
        }
        if (v.atLeast(12)) {
            return "ALTER TABLE " + tn + " ADD CONSTRAINT " + cn + " CHECK (" + c + " IS NOT NULL) NOT VALID;\n"
                    + "-- then, in its own transaction (ShareUpdateExclusiveLock, reads and writes go on):\n"
                    + "ALTER TABLE " + tn + " VALIDATE CONSTRAINT " + cn + ";\n"
                    + "ALTER TABLE " + tn + " ALTER COLUMN " + c + " SET NOT NULL; -- no scan: the CHECK proves it\n"
                    + "ALTER TABLE " + tn + " DROP CONSTRAINT " + cn + ";";
        }
        return "PostgreSQL 11 always scans for SET NOT NULL; enforce it with a validated CHECK instead:\n"
                + "ALTER TABLE " + tn + " ADD CONSTRAINT " + cn + " CHECK (" + c + " IS NOT NULL) NOT VALID;\n"
                + "ALTER TABLE " + tn + " VALIDATE CONSTRAINT " + cn + "; -- in its own transaction";
    }
}
