package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.sql.SqlScript;
import java.util.ArrayList;
import java.util.List;

/**
 * The statement splitter behind {@link io.zdcd.analyzer.SqlScript#split(String)}: zdcd-core's
 * {@link SqlScript#split(String)}, the one the runners use, so that what runs is exactly what was judged.
 */
public final class Splitter {
    private Splitter() {
    }

    public static List<SqlStatement> split(String sql) {
        List<io.zdcd.sql.SqlStatement> core = SqlScript.split(sql);
        List<SqlStatement> out = new ArrayList<>(core.size());
        for (io.zdcd.sql.SqlStatement s : core) {
            out.add(of(s));
        }
        return List.copyOf(out);
    }

    /** A method of its own, compiled after a few hundred statements (the loop above runs once per file). */
    static SqlStatement of(io.zdcd.sql.SqlStatement s) {
        return new SqlStatement(s.index(), s.line(), s.column(), s.text(), s.psqlMetaCommand(), s.copyData(),
                s.problem());
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 0x80 && !Character.isWhitespace(c));
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
    }
}
