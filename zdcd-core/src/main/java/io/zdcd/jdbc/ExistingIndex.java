package io.zdcd.jdbc;

import io.zdcd.internal.ConcurrentIndexes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a {@code CREATE [UNIQUE] INDEX CONCURRENTLY} that already did its work: a VALID index of that name exists
 * with the same definition (what follows {@code ON}, compared after PostgreSQL's normalisation: quotes, case,
 * {@code public.}, {@code USING btree}, {@code ONLY} and white space do not count).
 */
final class ExistingIndex {
    private static final Pattern CIC = Pattern.compile("(?is)^\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+"
            + "(?:IF\\s+NOT\\s+EXISTS\\s+)?\\S+\\s+ON\\s+(.*)$");
    private static final Pattern DEF = Pattern.compile("(?is)^CREATE\\s+(UNIQUE\\s+)?INDEX\\s+\\S+\\s+ON\\s+(.*)$");

    private ExistingIndex() {
    }

    static boolean matches(Connection c, String statement) {
        String sql = ConcurrentIndexes.stripComments(statement).trim();
        Matcher m = CIC.matcher(sql);
        List<String> names = ConcurrentIndexes.in(sql);
        if (!m.matches() || names.size() != 1) {
            return false;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT i.indisvalid, pg_get_indexdef(i.indexrelid) FROM "
                + "pg_index i WHERE i.indexrelid = to_regclass(?)")) {
            p.setString(1, InvalidIndexes.quoteQualified(names.get(0)));
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return false;
                }
                Matcher d = DEF.matcher(rs.getString(2));
                return d.matches() && (d.group(1) == null) == (m.group(1) == null)
                        && normalize(d.group(2)).equals(normalize(m.group(2)));
            }
        } catch (SQLException e) {
            return false;
        }
    }

    static String normalize(String onClause) {
        return onClause.toLowerCase(Locale.ROOT).replace("\"", "").replaceAll("\\busing\\s+btree\\b", " ")
                .replaceAll("^\\s*only\\s+", " ").replaceAll("\\bpublic\\.", "").replaceAll("\\s+", "")
                .replaceAll(";$", "");
    }
}
