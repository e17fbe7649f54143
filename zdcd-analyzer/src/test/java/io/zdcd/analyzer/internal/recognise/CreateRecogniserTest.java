package io.zdcd.analyzer.internal.recognise;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.internal.Context;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.PgVersion;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.model.CreateIndex;
import io.zdcd.analyzer.internal.model.CreatePartition;
import io.zdcd.analyzer.internal.model.CreateTable;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.TableElement;
import io.zdcd.analyzer.internal.model.Unrecognised;
import io.zdcd.analyzer.internal.rules.RuleSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CREATE read into records: facts of the schema before the statement, no change to it until the effects run. */
class CreateRecogniserTest {

    /** A judgement whose schema holds the tables {@code schema} creates, as existing before the migration. */
    private static Judgement judgement(String... schema) {
        Context ctx = new Context(PgVersion.parse("17"), new Schema());
        for (String sql : schema) {
            judge(new Judgement(ctx), sql);
        }
        ctx.createdHere.clear();
        return new Judgement(ctx);
    }

    private static List<Op> recognise(Judgement j, String sql) {
        Tokens t = Tokens.lex(sql);
        return Recognisers.find(t, 0).recognise(t, 0, j);
    }

    private static void judge(Judgement j, String sql) {
        RuleSet.judge(recognise(j, sql), j);
    }

    @Test
    void create_table_is_read_into_schema_steps_in_postgresql_order_and_changes_nothing_until_its_effects() {
        Judgement j = judgement("CREATE TABLE users (id bigint PRIMARY KEY)");
        String sql = "CREATE TABLE a (id bigint PRIMARY KEY, d bigint CONSTRAINT d_fk REFERENCES users (id), "
                + "CHECK (d > 0))";
        List<Op> ops = recognise(j, sql);

        then(j.kind).isEqualTo("CREATE TABLE");
        CreateTable table = (CreateTable) ops.get(0);
        then(table.known()).isTrue();
        then(table.defines()).isTrue();
        then(table.elements()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Indexed", "Key", "Column", "References", "Key", "Column", "Check");
        then((TableElement.Key) table.elements().get(1)).extracting(TableElement.Key::name, TableElement.Key::kind,
                TableElement.Key::keyColumns).containsExactly("a_pkey", "PRIMARY KEY", List.of("id"));
        TableElement.Key fk = (TableElement.Key) table.elements().get(4);
        then(fk.name()).isEqualTo("d_fk");
        then(fk.references().key()).isEqualTo("users");
        then(fk.referencedColumns()).containsExactly("id");
        then(j.ctx.schema.table("a")).isNull();
        then(j.ctx.existedBefore("a")).isTrue();
        then(j.lock).isNull();
        then(j.tables).isEmpty();

        RuleSet.judge(ops, j);
        then(j.ctx.schema.table("a").constraints).containsKeys("a_pkey", "d_fk");
        then(j.ctx.schema.table("a").constraints.get("d_fk").referencedTable).isEqualTo("users");
        then(j.ctx.schema.column("a", "id").notNull).isTrue();
        then(j.ctx.existedBefore("a")).isFalse();
        then(j.tables).containsExactly("a", "users");
        then(j.findings).extracting(f -> f.ruleId() + " " + f.verdict()).containsExactly("create-table SAFE");
    }

    @Test
    void a_partition_defined_afresh_under_the_name_of_the_parents_default_no_longer_counts_as_that_default() {
        Judgement j = judgement("CREATE TABLE m (id int, at date) PARTITION BY RANGE (at)",
                "CREATE TABLE m_default PARTITION OF m DEFAULT");
        CreatePartition other = (CreatePartition) recognise(j,
                "CREATE TABLE m1 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')").get(0);
        CreatePartition replacing = (CreatePartition) recognise(j,
                "CREATE TABLE m_default PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')").get(0);
        CreatePartition noOp = (CreatePartition) recognise(j,
                "CREATE TABLE IF NOT EXISTS m_default PARTITION OF m FOR VALUES FROM (1) TO (2)").get(0);

        then(other.parentDefault()).isEqualTo("m_default");
        then(other.defaultNew()).isFalse();
        then(other.parentNew()).isFalse();
        then(replacing.parentDefault()).isEmpty();
        then(noOp.parentDefault()).isEqualTo("m_default");
        then(noOp.defines()).isFalse();
    }

    @Test
    void create_index_reads_its_key_columns_every_identifier_it_mentions_and_concurrently() {
        Judgement j = judgement("CREATE TABLE users (id bigint, email text)");
        CreateIndex index = (CreateIndex) recognise(j,
                "CREATE UNIQUE INDEX CONCURRENTLY users_email ON users (email, lower(email)) WHERE id > 0").get(0);

        then(j.kind).isEqualTo("CREATE UNIQUE INDEX CONCURRENTLY");
        then(index.columns()).containsExactly("email");
        then(index.mentioned()).contains("email", "lower", "id");
        then(index.tableIsNew()).isFalse();
        then(index.concurrently()).isTrue();
        then(j.ctx.schema.index("users_email")).isNull();
    }

    @Test
    void an_unknown_create_is_unrecognised_with_its_words_abbreviated() {
        Judgement j = judgement();
        List<Op> ops = recognise(j, "CREATE WIDGET w");

        then(j.kind).isEqualTo("CREATE");
        then(ops).containsExactly(new Unrecognised("zdcd does not recognise 'CREATE WIDGET'; treated as UNSAFE"));
    }
}
