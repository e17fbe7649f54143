package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.internal.model.AddCheck;
import io.zdcd.analyzer.internal.model.AddColumn;
import io.zdcd.analyzer.internal.model.AddExclude;
import io.zdcd.analyzer.internal.model.AddForeignKey;
import io.zdcd.analyzer.internal.model.AddIdentity;
import io.zdcd.analyzer.internal.model.AddNotNull;
import io.zdcd.analyzer.internal.model.AddUnique;
import io.zdcd.analyzer.internal.model.AlterColumnType;
import io.zdcd.analyzer.internal.model.AlterTableTarget;
import io.zdcd.analyzer.internal.model.AttachPartition;
import io.zdcd.analyzer.internal.model.ColumnSettings;
import io.zdcd.analyzer.internal.model.ConstraintUnread;
import io.zdcd.analyzer.internal.model.CreateIndex;
import io.zdcd.analyzer.internal.model.DropColumn;
import io.zdcd.analyzer.internal.model.DropConstraint;
import io.zdcd.analyzer.internal.model.DropDefault;
import io.zdcd.analyzer.internal.model.DropIdentity;
import io.zdcd.analyzer.internal.model.DropNotNull;
import io.zdcd.analyzer.internal.model.IdentityOptions;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.RenameColumn;
import io.zdcd.analyzer.internal.model.RenameConstraint;
import io.zdcd.analyzer.internal.model.RenameTable;
import io.zdcd.analyzer.internal.model.SetDefault;
import io.zdcd.analyzer.internal.model.SetExpression;
import io.zdcd.analyzer.internal.model.SetNotNull;
import io.zdcd.analyzer.internal.model.Unrecognised;
import io.zdcd.analyzer.internal.model.UpdateOrDelete;
import io.zdcd.internal.Counts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.update.Update;

/**
 * The second opinion: for a statement the token recognizer judged SAFE on an existing table, JSqlParser 5.4
 * (PostgreSQL dialect) parses it into a {@link Summary}, the same summary is made of the statement's records (what the
 * recognisers read), and the two are compared: the table; for ALTER TABLE the number of actions, the kind of each
 * (ADD COLUMN, ADD CONSTRAINT, DROP, ALTER, RENAME), NOT VALID and nullable ADD COLUMN; for CREATE INDEX
 * CONCURRENTLY; for UPDATE and DELETE the WHERE clause. A disagreement makes the statement UNSAFE.
 *
 * <p>JSqlParser is consulted only there, and only where the token reading could be subtle: statements with several
 * ALTER TABLE actions, or with comments, dollar quotes, escape or Unicode strings inside. UNSAFE verdicts are already
 * the conservative answer, statements on new tables cannot block traffic, and a plain single-action statement is
 * read exactly by the tokens; JSqlParser costs 30 to 160 microseconds a statement, so consulting it everywhere would
 * cut throughput below 10,000 statements a second. It is skipped when it cannot parse (see jsqlparser-notes.md: BEGIN, VALIDATE
 * CONSTRAINT, USING INDEX, DROP INDEX CONCURRENTLY, tables named {@code settings} ...), for the facts it is known to
 * get wrong (the name of a UNIQUE constraint; the kind of an action it keeps as raw text), and for statements over
 * {@value #MAX_CHARS} characters or nested deeper than {@value #MAX_NESTING} parentheses (its lookahead can take
 * exponential time there).
 */
public final class CrossCheck {
    static final int MAX_CHARS = 20_000;
    /** Deeper parenthesis nesting is not given to JSqlParser. */
    static final int MAX_NESTING = 6;

    private CrossCheck() {
    }

    /** What a statement is, in the terms both readings give. */
    sealed interface Summary permits AlterTable, IndexBuild, DataChange {
        /** The relation the statement works on. */
        Relation table();
    }

    /**
     * A relation as each reading names it.
     *
     * @param last  its last name part, unquoted (compared)
     * @param shown as written (shown in messages)
     */
    record Relation(String last, String shown) {
        static Relation of(Name name) {
            return new Relation(name.last(), name.display());
        }

        static Relation parsed(Table table) {
            String p = table.getName() == null ? "" : table.getName();
            String unquoted = p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2
                    ? p.substring(1, p.length() - 1).replace("\"\"", "\"") : p.toLowerCase(Locale.ROOT);
            return new Relation(unquoted, p);
        }
    }

    /** The coarse kind of an ALTER TABLE action both readings tell apart. */
    enum Kind {
        ADD_COLUMN("ADD COLUMN"), ADD_CONSTRAINT("ADD CONSTRAINT"), DROP("DROP"), ALTER("ALTER"), RENAME("RENAME");

        private final String shown;

        Kind(String shown) {
            this.shown = shown;
        }

        @Override
        public String toString() {
            return shown;
        }
    }

    /**
     * One ALTER TABLE action.
     *
     * @param kind     its kind, or null when this reading cannot tell (no opinion)
     * @param nullable for an ADD COLUMN read as adding a nullable column (what a SAFE verdict may hinge on)
     * @param notValid it adds a constraint NOT VALID
     */
    record Action(Kind kind, boolean nullable, boolean notValid) {
        static Action of(Kind kind) {
            return new Action(kind, false, false);
        }
    }

    /**
     * ALTER TABLE.
     *
     * @param table   the table
     * @param actions its actions in order, or null when the reading does not list them
     */
    record AlterTable(Relation table, List<Action> actions) implements Summary {
        AlterTable {
            actions = actions == null ? null : List.copyOf(actions);
        }
    }

    /**
     * CREATE INDEX.
     *
     * @param table        the table indexed
     * @param concurrently CONCURRENTLY
     */
    record IndexBuild(Relation table, boolean concurrently) implements Summary {
    }

    /**
     * UPDATE or DELETE.
     *
     * @param verb  UPDATE or DELETE
     * @param table the table changed
     * @param where it has a WHERE clause
     */
    record DataChange(String verb, Relation table, boolean where) implements Summary {
    }

    /** What JSqlParser reads differently in a statement the tokens judged SAFE, or null (agreement, or no opinion). */
    public static String disagreement(SqlStatement st, Judgement j) {
        if (j.records == null || j.hasUnsafe() || j.lock == null || st.text().length() > MAX_CHARS) {
            return null;
        }
        Summary tokens = ofRecords(j.records, j.ctx.version);
        if (tokens == null || !subtle(st.text(), tokens)) {
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
        return disagreement(tokens, ofParse(parsed));
    }

    /** Whether the statement has what a lexer could get wrong, or several actions to count. */
    static boolean subtle(String text, Summary tokens) {
        boolean subtle = tokens instanceof AlterTable a && a.actions().size() > 1;
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

    // ---------------------------------------------------------------- the records' summary

    /**
     * The summary of a statement's records, or null when the cross-check has nothing to compare (another kind of
     * statement, an UPDATE or DELETE of a table created in this migration).
     */
    static Summary ofRecords(List<Op> records, PgVersion version) {
        if (records.isEmpty()) {
            return null;
        }
        if (records.get(0) instanceof AlterTableTarget target) {
            List<Action> actions = new ArrayList<>();
            for (Op op : records.subList(1, records.size())) {
                if (!continues(op)) {
                    actions.add(action(op, version));
                }
            }
            return new AlterTable(Relation.of(target.table()), actions);
        }
        if (records.get(0) instanceof CreateIndex ci) {
            return new IndexBuild(Relation.of(ci.table()), ci.concurrently());
        }
        for (Op op : records) { // after the WITH queries, if any
            if (op instanceof UpdateOrDelete u) {
                return u.tableIsNew() ? null : new DataChange(u.verb(), Relation.of(u.table()), u.where());
            }
        }
        return null;
    }

    /** Whether a record continues the ALTER TABLE action of the record before it (another part of it). */
    private static boolean continues(Op op) {
        return op instanceof AddColumn a && a.part() != AddColumn.Part.CONSTRAINTS
                || op instanceof AttachPartition p && p.part() == AttachPartition.Part.BOUND
                || op instanceof Unrecognised;
    }

    private static Action action(Op op, PgVersion version) {
        if (op instanceof AddColumn a) {
            boolean nullable = !a.isNew() && !a.unsafe(version) && !a.column().virtual(version)
                    && !a.column().notNull();
            return new Action(Kind.ADD_COLUMN, nullable, false);
        }
        if (op instanceof AddCheck c) {
            return new Action(Kind.ADD_CONSTRAINT, false, c.notValid());
        }
        if (op instanceof AddForeignKey f) {
            return new Action(Kind.ADD_CONSTRAINT, false, f.notValid());
        }
        if (op instanceof AddExclude x) {
            return new Action(Kind.ADD_CONSTRAINT, false, x.notValid());
        }
        if (op instanceof AddNotNull n) {
            return new Action(Kind.ADD_CONSTRAINT, false, n.notValid());
        }
        if (op instanceof AddUnique || op instanceof ConstraintUnread) {
            return Action.of(Kind.ADD_CONSTRAINT);
        }
        if (op instanceof DropColumn || op instanceof DropConstraint) {
            return Action.of(Kind.DROP);
        }
        if (op instanceof SetNotNull || op instanceof DropNotNull || op instanceof SetDefault
                || op instanceof DropDefault || op instanceof AlterColumnType || op instanceof AddIdentity
                || op instanceof DropIdentity || op instanceof SetExpression || op instanceof ColumnSettings
                || op instanceof IdentityOptions) {
            return Action.of(Kind.ALTER);
        }
        if (op instanceof RenameColumn || op instanceof RenameConstraint || op instanceof RenameTable) {
            return Action.of(Kind.RENAME);
        }
        return Action.of(null);
    }

    // ---------------------------------------------------------------- JSqlParser's summary

    /** The summary of JSqlParser's parse, or null when it is of no kind compared. */
    static Summary ofParse(Statement parsed) {
        if (parsed instanceof Alter alter && alter.getTable() != null) {
            List<Action> actions = null;
            if (alter.getAlterExpressions() != null) {
                actions = new ArrayList<>();
                for (AlterExpression e : alter.getAlterExpressions()) {
                    actions.add(action(e));
                }
            }
            return new AlterTable(Relation.parsed(alter.getTable()), actions);
        }
        if (parsed instanceof net.sf.jsqlparser.statement.create.index.CreateIndex ci && ci.getTable() != null) {
            return new IndexBuild(Relation.parsed(ci.getTable()), ci.isConcurrently());
        }
        if (parsed instanceof Update u && u.getTable() != null) {
            return new DataChange("UPDATE", Relation.parsed(u.getTable()), u.getWhere() != null);
        }
        if (parsed instanceof Delete d && d.getTable() != null) {
            return new DataChange("DELETE", Relation.parsed(d.getTable()), d.getWhere() != null);
        }
        return null;
    }

    private static Action action(AlterExpression e) {
        if (e.getOperation() == null) {
            return Action.of(null);
        }
        switch (e.getOperation()) {
            case ADD: {
                Index idx = e.getIndex();
                if (idx != null) {
                    return new Action(Kind.ADD_CONSTRAINT, false, idx.getConstraintAttributes() != null
                            && idx.getConstraintAttributes().isNotValid());
                }
                if (e.getColDataTypeList() != null) {
                    boolean nullable = false;
                    for (ColumnDefinition c : e.getColDataTypeList()) {
                        String spec = String.valueOf(c).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
                        nullable |= !spec.contains("NOT NULL") && !spec.contains("PRIMARY KEY");
                    }
                    return new Action(Kind.ADD_COLUMN, nullable, false);
                }
                return Action.of(null);
            }
            case DROP:
            case DROP_PRIMARY_KEY:
            case DROP_UNIQUE:
            case DROP_FOREIGN_KEY:
                return Action.of(Kind.DROP);
            case ALTER:
                return Action.of(Kind.ALTER);
            case RENAME:
            case RENAME_TABLE:
            case RENAME_CONSTRAINT:
                return Action.of(Kind.RENAME);
            default:
                return Action.of(null); // UNSPECIFIC (raw text) and the like: no opinion
        }
    }

    // ---------------------------------------------------------------- the comparison

    /** How JSqlParser's summary differs from the records', or null (agreement, or no opinion). */
    static String disagreement(Summary tokens, Summary parser) {
        if (parser == null || tokens.getClass() != parser.getClass()) {
            return null; // e.g. UnsupportedStatement: no opinion
        }
        if (!tokens.table().last().equals(parser.table().last())) {
            return "table " + parser.table().shown() + " instead of " + tokens.table().shown();
        }
        if (tokens instanceof AlterTable t && parser instanceof AlterTable p) {
            return actions(t.actions(), p.actions());
        }
        if (tokens instanceof IndexBuild t && parser instanceof IndexBuild p && t.concurrently() != p.concurrently()) {
            return "CONCURRENTLY is " + (p.concurrently() ? "present" : "absent");
        }
        if (tokens instanceof DataChange t && parser instanceof DataChange p && t.verb().equals(p.verb())
                && t.where() && !p.where()) {
            return "no WHERE clause";
        }
        return null;
    }

    private static String actions(List<Action> tokens, List<Action> parser) {
        if (parser == null) {
            return null;
        }
        if (parser.size() != tokens.size()) {
            return parser.size() + " actions instead of " + tokens.size();
        }
        int notValid = 0;
        int tokensNotValid = 0;
        for (int k = 0; k < tokens.size(); k++) {
            Action t = tokens.get(k);
            Action p = parser.get(k);
            if (t.kind() != null && p.kind() != null && t.kind() != p.kind()) {
                return "action " + (k + 1) + " is " + p.kind() + " instead of " + t.kind();
            }
            notValid += p.notValid() ? 1 : 0;
            tokensNotValid += t.notValid() ? 1 : 0;
        }
        if (notValid < tokensNotValid) {
            return "it sees " + Counts.of(notValid, "NOT VALID constraint") + ", the tokens " + tokensNotValid;
        }
        for (int k = 0; k < tokens.size(); k++) {
            if (tokens.get(k).nullable() && parser.get(k).kind() == Kind.ADD_COLUMN && !parser.get(k).nullable()) {
                return "it sees a column added NOT NULL that the tokens read as nullable";
            }
        }
        return null;
    }
}
