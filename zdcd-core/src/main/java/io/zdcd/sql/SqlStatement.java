package io.zdcd.sql;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One statement of a SQL script, as {@link SqlScript#split(String)} found it: what the classifier judges and what
 * zdcd's runners execute.
 *
 * <p>{@code toString()} reads like {@code SqlStatement[#2 L5:1 ALTER TABLE "app_book" ADD COLUMN ...]}.
 *
 * @param index           1-based position of the statement in its script
 * @param line            1-based line of the statement's first character
 * @param column          1-based column of the statement's first character (in UTF-16 code units)
 * @param text            the statement as written, without leading comments and without the terminating {@code ;}
 *                        (a psql meta-command is the whole line, for example {@code \set ON_ERROR_STOP on})
 * @param psqlMetaCommand whether this is a psql meta-command (a backslash command), not SQL
 * @param copyData        the inline data of a {@code COPY ... FROM stdin} statement (the lines up to {@code \.},
 *                        without that line); empty otherwise
 * @param problem         why the statement is malformed at the lexical level (for example an unterminated quoted
 *                        string), if it is
 * @since 0.2
 */
public record SqlStatement(int index, int line, int column, String text, boolean psqlMetaCommand, String copyData,
                           Optional<String> problem) {

    private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?is)^COPY\\b.*\\bFROM\\s+STDIN\\b.*");
    private static final Pattern NO_TRANSACTION = Pattern.compile("(?s)^(CREATE (UNIQUE )?INDEX CONCURRENTLY\\b.*"
            + "|DROP INDEX CONCURRENTLY\\b.*|REINDEX\\b.*\\bCONCURRENTLY\\b.*"
            + "|ALTER TABLE\\b.*\\bDETACH PARTITION\\b.*\\bCONCURRENTLY\\b.*|VACUUM\\b.*|CREATE DATABASE\\b.*"
            + "|DROP DATABASE\\b.*|ALTER SYSTEM\\b.*|CREATE TABLESPACE\\b.*|DROP TABLESPACE\\b.*"
            + "|DO\\b.*\\bCOMMIT\\b.*)"); // a DO block that commits (a batch loop) fails inside a transaction block
    /** psql meta-commands that act in the client only and change no SQL that runs. */
    private static final Set<String> CLIENT_ONLY = Set.of("echo", "qecho", "warn", "timing", "pset", "a", "t", "x",
            "h", "?", "conninfo", "encoding");

    /**
     * {@code text} must not be null; a null {@code copyData} becomes empty and a null {@code problem} becomes empty.
     *
     * @param index 1-based position of the statement in its script
     * @param line 1-based line of the statement's first character
     * @param column 1-based column of the statement's first character (in UTF-16 code units)
     * @param text the statement as written; must not be null
     * @param psqlMetaCommand whether this is a psql meta-command (a backslash command), not SQL
     * @param copyData the inline data of a {@code COPY ... FROM stdin} statement; null or empty otherwise
     * @param problem why the statement is malformed at the lexical level; null or empty when it is well-formed
     */
    public SqlStatement {
        Objects.requireNonNull(text, "text");
        copyData = copyData == null ? "" : copyData;
        problem = problem == null ? Optional.empty() : problem;
    }

    /**
     * A plain, well-formed SQL statement.
     *
     * @param index 1-based position of the statement in its script
     * @param line 1-based line of the statement's first character
     * @param column 1-based column of the statement's first character (in UTF-16 code units)
     * @param text the statement as written, without the terminating {@code ;}; must not be null
     */
    public SqlStatement(int index, int line, int column, String text) {
        this(index, line, column, text, false, "", Optional.empty());
    }

    /**
     * The first keyword, upper-case ({@code ALTER}, {@code BEGIN}...); the command name for a meta-command.
     *
     * @return the keyword in upper case; empty when the text has no word (comments only)
     */
    public String firstWord() {
        String t = withoutComments(text).trim();
        int end = 0;
        while (end < t.length() && !Character.isWhitespace(t.charAt(end)) && t.charAt(end) != '('
                && t.charAt(end) != ';') {
            end++;
        }
        return t.substring(0, end).toUpperCase(Locale.ROOT);
    }

    /**
     * {@code BEGIN}, {@code START}, {@code COMMIT} or {@code END}: a transaction starts or ends here.
     *
     * @return true for a plain boundary; false for a psql meta-command
     */
    public boolean isTransactionBoundary() {
        if (psqlMetaCommand) {
            return false;
        }
        String w = firstWord();
        return w.equals("BEGIN") || w.equals("START") || w.equals("COMMIT") || w.equals("END");
    }

    /**
     * Transaction control that is not a plain boundary: {@code ROLLBACK}, {@code ABORT}, {@code SAVEPOINT},
     * {@code RELEASE}, {@code PREPARE TRANSACTION}, {@code COMMIT PREPARED}. zdcd's runner owns the transactions
     * and refuses to run a migration with these.
     *
     * @return true for transaction control zdcd's runner refuses; false for a psql meta-command
     */
    public boolean isOtherTransactionControl() {
        if (psqlMetaCommand) {
            return false;
        }
        String w = firstWord();
        String norm = withoutComments(text).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
        return w.equals("ROLLBACK") || w.equals("ABORT") || w.equals("SAVEPOINT") || w.equals("RELEASE")
                || norm.startsWith("PREPARE TRANSACTION") || norm.startsWith("COMMIT PREPARED");
    }

    /**
     * Whether PostgreSQL refuses to run it inside a transaction block (CONCURRENTLY, VACUUM, a {@code DO} block that
     * COMMITs...).
     *
     * @return true when the statement must run alone, outside a transaction; false for a psql meta-command
     */
    public boolean needsNoTransaction() {
        return !psqlMetaCommand && needsNoTransaction(text);
    }

    /**
     * Whether PostgreSQL refuses to run {@code sql} inside a transaction block (CONCURRENTLY, VACUUM...).
     *
     * @param sql one statement's text; comments are ignored, case does not matter
     * @return true when the statement must run alone, outside a transaction
     */
    public static boolean needsNoTransaction(String sql) {
        String s = withoutComments(sql).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
        return NO_TRANSACTION.matcher(s).matches();
    }

    /**
     * A {@code COPY ... FROM stdin}, whose rows are {@link #copyData()}.
     *
     * @return true when the statement loads inline rows; false for a psql meta-command
     */
    public boolean isCopyFromStdin() {
        return !psqlMetaCommand && COPY_FROM_STDIN.matcher(withoutComments(text).trim()).matches();
    }

    /**
     * A psql meta-command that acts in the client only ({@code \echo}, {@code \timing}, {@code \pset},
     * {@code \set} of one of psql's own upper-case settings such as {@code ON_ERROR_STOP}...): nothing to run on the
     * server. Other meta-commands ({@code \i}, {@code \copy}, {@code \gexec}, {@code \if}, {@code \set} of a variable
     * SQL may interpolate) change what runs, so a runner must not skip them.
     *
     * @return true for a meta-command a runner may skip; false for SQL and for meta-commands that change what runs
     */
    public boolean isClientOnlyMetaCommand() {
        if (!psqlMetaCommand) {
            return false;
        }
        String[] parts = text.substring(1).trim().split("\\s+", 3);
        String cmd = parts[0].toLowerCase(Locale.ROOT);
        if (cmd.equals("set") || cmd.equals("unset")) {
            return parts.length > 1 && parts[1].matches("[A-Z][A-Z0-9_]*");
        }
        return CLIENT_ONLY.contains(cmd);
    }

    /** The text without {@code --} and {@code /* *}{@code /} comments (quotes are not inspected). */
    static String withoutComments(String sql) {
        if (sql.indexOf("--") < 0 && sql.indexOf("/*") < 0) {
            return sql;
        }
        return sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
    }

    @Override
    public String toString() {
        String shown = text.length() > 60 ? text.substring(0, 57).replaceAll("\\s+", " ") + "..."
                : text.replaceAll("\\s+", " ");
        return "SqlStatement[#" + index + " L" + line + ":" + column + " " + shown
                + problem.map(p -> " (" + p + ")").orElse("") + "]";
    }
}
