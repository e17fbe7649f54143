package io.zdcd.analyzer.internal;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.internal.model.AddColumn;
import io.zdcd.analyzer.internal.model.AlterTableTarget;
import io.zdcd.analyzer.internal.model.ColumnSpec;
import io.zdcd.analyzer.internal.model.CreateIndex;
import io.zdcd.analyzer.internal.model.DropColumn;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.UpdateOrDelete;
import io.zdcd.classify.LockMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSqlParser cross-check compares a summary of the statement's records with a summary of JSqlParser's parse.
 * The records are built by hand where a test needs them to claim what the text does not say (the recognisers read
 * these statements right, so only hand-made records can show a disagreement found through the records).
 */
class CrossCheckTest {
    private static final Name USERS = new Name("users", "users", 0);

    private static Judgement judgement() {
        Schema schema = new Schema();
        schema.createTable("users").columns.put("id", new Schema.Column());
        schema.createTable("orders").columns.put("id", new Schema.Column());
        return new Judgement(new Context(PgVersion.parse("16"), schema));
    }

    /** A judgement as the rules leave a SAFE statement on an existing table, holding {@code records}. */
    private static Judgement safe(List<Op> records) {
        Judgement j = judgement();
        j.lock(USERS, LockMode.ACCESS_EXCLUSIVE);
        j.records = records;
        return j;
    }

    private static String disagreement(String sql, List<Op> records) {
        return CrossCheck.disagreement(new SqlStatement(1, 1, 1, sql), safe(records));
    }

    private static AddColumn add(String column, boolean notNull) {
        return new AddColumn(USERS, false, new ColumnSpec(column, "integer", "int", notNull, false, false, false, null,
                notNull ? "0" : null, null, false, false, null), false, AddColumn.Part.CONSTRAINTS);
    }

    /** The records of ADD COLUMN as the recogniser gives them: three parts of one action. */
    private static List<Op> addColumn(String column, boolean notNull) {
        AddColumn a = add(column, notNull);
        return List.of(a, a.part(AddColumn.Part.VALUE), a.part(AddColumn.Part.TYPE));
    }

    private static List<Op> alter(List<List<Op>> actions) {
        List<Op> records = new ArrayList<>();
        records.add(new AlterTableTarget(USERS));
        actions.forEach(records::addAll);
        return records;
    }

    /** The statement judged by the recognisers, effects and rules, as the analyzer does. */
    private static Judgement judged(String sql) {
        Judgement j = judgement();
        StatementRules.analyze(new SqlStatement(1, 1, 1, sql), j);
        return j;
    }

    @Test
    void records_claiming_a_nullable_add_where_jsqlparser_sees_not_null_disagree() {
        String sql = "ALTER TABLE users ADD COLUMN a int, ADD COLUMN b int NOT NULL DEFAULT 0";
        List<Op> right = alter(List.of(addColumn("a", false), addColumn("b", true)));
        List<Op> wrong = alter(List.of(addColumn("a", false), addColumn("b", false)));

        then(disagreement(sql, right)).isNull();
        then(disagreement(sql, wrong)).isEqualTo("it sees a column added NOT NULL that the tokens read as nullable");
    }

    @Test
    void each_alter_table_action_is_compared_by_kind_in_order() {
        String sql = "ALTER TABLE users DROP COLUMN a, ADD COLUMN b int";
        List<Op> right = alter(List.of(List.of(new DropColumn(USERS, false, "a")), addColumn("b", false)));
        List<Op> swapped = alter(List.of(addColumn("b", false), List.of(new DropColumn(USERS, false, "a"))));

        then(disagreement(sql, right)).isNull();
        then(disagreement(sql, swapped)).isEqualTo("action 1 is DROP instead of ADD COLUMN");
        then(disagreement(sql + " -- comment", alter(List.of(addColumn("b", false)))))
                .isEqualTo("2 actions instead of 1");
    }

    @Test
    void the_table_not_valid_concurrently_and_where_are_compared() {
        List<Op> onOrders = alter(List.of(addColumn("a", false), addColumn("b", false)));
        then(disagreement("ALTER TABLE orders ADD COLUMN a int, ADD COLUMN b int", onOrders))
                .isEqualTo("table orders instead of users");

        Judgement notValid = judged("ALTER TABLE users ADD CONSTRAINT c CHECK (id > 0) NOT VALID, "
                + "ADD COLUMN b int");
        then(CrossCheck.disagreement(new SqlStatement(1, 1, 1, "ALTER TABLE users ADD CONSTRAINT c CHECK (id > 0), "
                + "ADD COLUMN b int"), notValid)).isEqualTo("it sees 0 NOT VALID constraints, the tokens 1");

        List<Op> concurrently = List.of(new CreateIndex(USERS, "i", false, true, false, List.of("id"), List.of("id"),
                false, false, "CREATE INDEX CONCURRENTLY i ON users (id)"));
        then(disagreement("CREATE INDEX /* x */ i ON users (id)", concurrently)).isEqualTo("CONCURRENTLY is absent");

        List<Op> bounded = List.of(new UpdateOrDelete("UPDATE", USERS, List.of(), false, true, true));
        then(disagreement("UPDATE users SET id = 2 -- WHERE id = 1", bounded)).isEqualTo("no WHERE clause");
        then(disagreement("UPDATE orders SET id = 2 /* x */ WHERE id = 1", bounded))
                .as("the table of an UPDATE is compared too").isEqualTo("table orders instead of users");
        then(disagreement("DELETE FROM orders /* x */ WHERE id = 1",
                List.of(new UpdateOrDelete("DELETE", USERS, List.of(), false, true, true))))
                .isEqualTo("table orders instead of users");
    }

    @Test
    void statements_read_by_the_recognisers_agree_with_jsqlparser() {
        List<String> agreeing = List.of(
                "ALTER TABLE users ADD CONSTRAINT u UNIQUE (email), ADD CONSTRAINT f FOREIGN KEY (id) REFERENCES "
                        + "orders (id) NOT VALID, ADD CONSTRAINT c CHECK (id > 0) NOT VALID, ADD COLUMN x int, "
                        + "ADD COLUMN y int NOT NULL DEFAULT 0",
                "ALTER TABLE users ALTER COLUMN id SET DEFAULT 0, ALTER COLUMN id DROP DEFAULT, DROP COLUMN d, "
                        + "DROP CONSTRAINT e, RENAME COLUMN f TO g",
                "ALTER TABLE users ADD COLUMN a int, OWNER TO bob",
                "UPDATE users u SET id = 2 FROM orders o /* join */ WHERE o.id = u.id",
                "DELETE FROM public.users s USING orders o -- join\n WHERE s.id = o.id",
                "CREATE INDEX CONCURRENTLY /* x */ i ON users (id)");
        for (String sql : agreeing) {
            Judgement j = judged(sql);
            CrossCheck.Summary tokens = CrossCheck.ofRecords(j.records, j.ctx.version);
            then(tokens).as(sql).isNotNull();
            then(CrossCheck.disagreement(tokens, CrossCheck.ofParse(parse(sql)))).as(sql).isNull();
        }
        CrossCheck.AlterTable kinds = (CrossCheck.AlterTable) CrossCheck.ofRecords(judged(agreeing.get(1)).records,
                PgVersion.parse("16"));
        then(kinds.actions()).extracting(CrossCheck.Action::kind).containsExactly(CrossCheck.Kind.ALTER,
                CrossCheck.Kind.ALTER, CrossCheck.Kind.DROP, CrossCheck.Kind.DROP, CrossCheck.Kind.RENAME);
        then(((CrossCheck.AlterTable) CrossCheck.ofParse(parse(agreeing.get(2)))).actions())
                .as("OWNER TO is raw text to JSqlParser: no opinion on its kind")
                .extracting(CrossCheck.Action::kind).containsExactly(CrossCheck.Kind.ADD_COLUMN, null);
    }

    @Test
    void only_safe_subtle_statements_jsqlparser_can_read_are_compared() {
        List<Op> wrong = alter(List.of(addColumn("b", false)));
        String notNull = "ALTER TABLE users ADD COLUMN b int NOT NULL DEFAULT 0";
        then(disagreement(notNull, wrong)).as("one action, nothing a lexer could get wrong: not subtle").isNull();
        then(disagreement(notNull + " -- note", wrong)).as("a comment makes it subtle")
                .isEqualTo("it sees a column added NOT NULL that the tokens read as nullable");

        Judgement unsafe = safe(wrong);
        unsafe.findings.add(new io.zdcd.classify.Finding("x", io.zdcd.classify.Verdict.UNSAFE, "m", ""));
        then(CrossCheck.disagreement(new SqlStatement(1, 1, 1, notNull + " -- note"), unsafe)).isNull();

        Judgement onNewTable = judgement();
        onNewTable.records = wrong; // no lock on a table that existed before: nothing to block
        then(CrossCheck.disagreement(new SqlStatement(1, 1, 1, notNull + " -- note"), onNewTable)).isNull();

        then(disagreement("ALTER TABLE users ADD COLUMN b int NOT NULL DEFAULT 0 -- x\n RESTRICT garbage (", wrong))
                .as("JSqlParser cannot parse it: no opinion").isNull();
        String deep = notNull + " CHECK (((((((((b > 0)))))))))";
        then(disagreement(deep + " -- x", wrong)).as("nested deeper than MAX_NESTING").isNull();
        then(disagreement(notNull + " -- " + "x".repeat(CrossCheck.MAX_CHARS), wrong)).as("too long").isNull();
    }

    private static net.sf.jsqlparser.statement.Statement parse(String sql) {
        try {
            return new net.sf.jsqlparser.parser.CCJSqlParser(new net.sf.jsqlparser.parser.StringProvider(sql))
                    .withDialect(net.sf.jsqlparser.parser.AbstractJSqlParser.Dialect.POSTGRESQL).Statement();
        } catch (net.sf.jsqlparser.parser.ParseException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
