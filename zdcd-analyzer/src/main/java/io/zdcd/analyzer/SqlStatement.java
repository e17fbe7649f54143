package io.zdcd.analyzer;

import java.util.Objects;
import java.util.Optional;

/**
 * One statement of a SQL script, as {@link SqlScript#split(String)} found it.
 *
 * <p>{@code toString()} reads like {@code SqlStatement[#2 L5:1 ALTER TABLE "app_book" ADD COLUMN ...]}.
 *
 * @param index    1-based position of the statement in its script
 * @param line     1-based line of the statement's first character
 * @param column   1-based column of the statement's first character (in UTF-16 code units)
 * @param text     the statement as written, without leading comments and without the terminating {@code ;}
 *                 (a psql meta-command is the whole line, for example {@code \set ON_ERROR_STOP on})
 * @param psqlMetaCommand whether this is a psql meta-command (a backslash command), not SQL
 * @param copyData the inline data of a {@code COPY ... FROM stdin} statement (the lines up to {@code \.}, without
 *                 that line); empty otherwise
 * @param problem  why the statement is malformed at the lexical level (for example an unterminated quoted string),
 *                 if it is
 */
public record SqlStatement(int index, int line, int column, String text, boolean psqlMetaCommand, String copyData,
                           Optional<String> problem) {

    /**
     * {@code text} must not be null; a null {@code copyData} becomes empty and a null {@code problem} becomes empty.
     *
     * @param index           1-based position of the statement in its script
     * @param line            1-based line of the statement's first character
     * @param column          1-based column of the statement's first character (in UTF-16 code units)
     * @param text            the statement as written, without leading comments and the terminating {@code ;};
     *                        not null
     * @param psqlMetaCommand whether this is a psql meta-command (a backslash command), not SQL
     * @param copyData        the inline data of a {@code COPY ... FROM stdin} statement; null or empty when there is
     *                        none
     * @param problem         why the statement is malformed at the lexical level, if it is; null means none
     */
    public SqlStatement {
        Objects.requireNonNull(text, "text");
        copyData = copyData == null ? "" : copyData;
        problem = problem == null ? Optional.empty() : problem;
    }

    /**
     * A plain, well-formed SQL statement: not a psql meta-command, with no {@code COPY} data and no problem.
     *
     * @param index  1-based position of the statement in its script
     * @param line   1-based line of the statement's first character
     * @param column 1-based column of the statement's first character (in UTF-16 code units)
     * @param text   the statement as written, without leading comments and the terminating {@code ;}; not null
     */
    public SqlStatement(int index, int line, int column, String text) {
        this(index, line, column, text, false, "", Optional.empty());
    }

    @Override
    public String toString() {
        String shown = text.length() > 60 ? text.substring(0, 57).replaceAll("\\s+", " ") + "..."
                : text.replaceAll("\\s+", " ");
        return "SqlStatement[#" + index + " L" + line + ":" + column + " " + shown
                + problem.map(p -> " (" + p + ")").orElse("") + "]";
    }
}
