package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.internal.Counts;
import java.util.Locale;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.update.Update;

/**
 * The second opinion: for a statement the token recognizer judged SAFE on an existing table, JSqlParser 5.4
 * (PostgreSQL dialect) parses it and the facts the verdict hinges on are compared (table, number of ALTER TABLE
 * actions, NOT VALID, nullable ADD COLUMN, CONCURRENTLY, WHERE). A disagreement makes the statement UNSAFE.
 *
 * <p>JSqlParser is consulted only there, and only where the token reading could be subtle: statements with several
 * ALTER TABLE actions, or with comments, dollar quotes, escape or Unicode strings inside. UNSAFE verdicts are already
 * the conservative answer, statements on new tables cannot block traffic, and a plain single-action statement is
 * read exactly by the tokens; JSqlParser costs 30 to 160 microseconds a statement, so consulting it everywhere would
 * cut throughput below 10,000 statements a second. It is skipped when it cannot parse (see jsqlparser-notes.md: BEGIN, VALIDATE
 * CONSTRAINT, USING INDEX, DROP INDEX CONCURRENTLY, tables named {@code settings} ...), for the facts it is known to
 * get wrong (the name of a UNIQUE constraint), and for statements over {@value #MAX_CHARS} characters or nested deeper than {@value #MAX_NESTING} parentheses
 * (its lookahead can take exponential time there).
 */
public final class CrossCheck {
    static final int MAX_CHARS = 20_000;
    /** Deeper parenthesis nesting is not given to JSqlParser. */
    static final int MAX_NESTING = 6;

    private CrossCheck() {
    }

    /** What JSqlParser reads differently in a statement the tokens judged SAFE, or null (agreement, or no opinion). */
    public static String disagreement(SqlStatement st, Judgement j) {
        Judgement.Facts f = j.facts;
        if (f.command == null || f.table == null || j.hasUnsafe() || j.lock == null
                || st.text().length() > MAX_CHARS || !subtle(st.text(), f)) {
            return null;
        }
        Statement parsed;
        try {
            CCJSqlParser parser = new CCJSqlParser(new StringProvider(st.text()))
                    .withDialect(AbstractJSqlParser.Dialect.POSTGRESQL);
            parsed = parser.Statement();
        } catch (Exception | StackOverflowError | ExceptionInInitializerError e) {
            return null; // JSqlParser cannot read it: the tokens stand alone (fail-closed rules already apply to them)
        } catch (Error e) {
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            return null; // JSqlParser's TokenMgrError and the like
        }
        return disagreement(f, parsed);
    }

    /** Whether the statement has what a lexer could get wrong, or several actions to count. */
    static boolean subtle(String text, Judgement.Facts f) {
        boolean subtle = f.actions > 1;
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                if (++depth > MAX_NESTING) {
                    return false; // JSqlParser's lookahead can take exponential time on deep nesting
                }
            } else if (c == ')') {
                depth--;
            } else if (c == '$' || c == '\\' || (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-')
                    || (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*')
                    || (c == '&' && i > 0 && (text.charAt(i - 1) == 'U' || text.charAt(i - 1) == 'u'))
                    || ((c == 'E' || c == 'e') && i + 1 < text.length() && text.charAt(i + 1) == '\''
                    && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1))))) {
                subtle = true;
            }
        }
        return subtle;
    }

    static String disagreement(Judgement.Facts f, Statement parsed) {
        switch (f.command) {
            case "ALTER TABLE": {
                if (!(parsed instanceof Alter alter)) {
                    return null; // e.g. UnsupportedStatement: no opinion
                }
                if (alter.getTable() != null && !sameName(f.table, alter.getTable().getName())) {
                    return "table " + alter.getTable().getName() + " instead of " + f.table.display();
                }
                if (alter.getAlterExpressions() == null) {
                    return null;
                }
                int n = alter.getAlterExpressions().size();
                if (n != f.actions) {
                    return n + " actions instead of " + f.actions;
                }
                int notValid = 0;
                int nullableAdds = 0;
                for (AlterExpression e : alter.getAlterExpressions()) {
                    Index idx = e.getIndex();
                    if (idx != null && idx.getConstraintAttributes() != null
                            && idx.getConstraintAttributes().isNotValid()) {
                        notValid++;
                    }
                    if (e.getOperation() == AlterOperation.ADD && idx == null && e.getColDataTypeList() != null) {
                        for (ColumnDefinition c : e.getColDataTypeList()) {
                            String spec = String.valueOf(c).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
                            if (!spec.contains("NOT NULL") && !spec.contains("PRIMARY KEY")) {
                                nullableAdds++;
                            }
                        }
                    }
                }
                if (notValid < f.notValidConstraints) {
                    return "it sees " + Counts.of(notValid, "NOT VALID constraint") + ", the tokens "
                            + f.notValidConstraints;
                }
                if (nullableAdds < f.nullableColumnsAdded) {
                    return "it sees a column added NOT NULL that the tokens read as nullable";
                }
                return null;
            }
            case "CREATE INDEX": {
                if (!(parsed instanceof CreateIndex ci)) {
                    return null;
                }
                if (ci.getTable() != null && !sameName(f.table, ci.getTable().getName())) {
                    return "table " + ci.getTable().getName() + " instead of " + f.table.display();
                }
                if (ci.isConcurrently() != f.concurrently) {
                    return "CONCURRENTLY is " + (ci.isConcurrently() ? "present" : "absent");
                }
                return null;
            }
            case "UPDATE": {
                if (parsed instanceof Update u && f.where && u.getWhere() == null) {
                    return "no WHERE clause";
                }
                return null;
            }
            case "DELETE": {
                if (parsed instanceof Delete d && f.where && d.getWhere() == null) {
                    return "no WHERE clause";
                }
                return null;
            }
            default:
                return null;
        }
    }

    private static boolean sameName(Name tokens, String parsedName) {
        String p = parsedName == null ? "" : parsedName;
        String unquoted = p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2
                ? p.substring(1, p.length() - 1).replace("\"\"", "\"") : p.toLowerCase(Locale.ROOT);
        return unquoted.equals(tokens.last());
    }
}
