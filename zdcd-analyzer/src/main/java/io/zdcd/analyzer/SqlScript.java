package io.zdcd.analyzer;

import io.zdcd.analyzer.internal.Splitter;
import java.util.List;
import java.util.Objects;

/**
 * Splits PostgreSQL scripts into statements, the way {@code psql} does, with the line and column of each.
 *
 * <p>It understands single-quoted strings ({@code E'...'} with backslash escapes, {@code U&'...'}), quoted
 * identifiers, dollar quotes ({@code $$...$$}, {@code $body$...$body$}), nested block comments, {@code --} comments,
 * {@code BEGIN ATOMIC ... END} function bodies, psql meta-commands (a backslash command runs to the end of its line)
 * and the inline data of {@code COPY ... FROM stdin} (up to the {@code \.} line). Comments between statements are
 * not statements. It never throws on any input: an unterminated quote or comment ends the statement at the end of the
 * text and is named in {@link SqlStatement#problem()}. Time and memory are linear in the length of the text.
 *
 * <pre>{@code
 * SqlScript.split("BEGIN;\nALTER TABLE users ADD COLUMN email text;\nCOMMIT;")
 * // [SqlStatement[#1 L1:1 BEGIN], SqlStatement[#2 L2:1 ALTER TABLE users ADD COLUMN email text], SqlStatement[#3 L3:1 COMMIT]]
 * }</pre>
 */
public final class SqlScript {
    private SqlScript() {
    }

    /**
     * The statements of {@code sql}, in order.
     *
     * @param sql the text of a whole script, as psql would read it; not null (an empty or comment-only script has no
     *            statements)
     * @return the statements in the order they appear, numbered from 1; empty when there are none; never null
     */
    public static List<SqlStatement> split(String sql) {
        Objects.requireNonNull(sql, "sql");
        return Splitter.split(sql);
    }
}
