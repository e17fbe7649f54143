package io.zdcd.analyzer.internal.recognise;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.internal.Context;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.PgVersion;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.model.AlterIndex;
import io.zdcd.analyzer.internal.model.DataModifyingCte;
import io.zdcd.analyzer.internal.model.DropIndex;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Privileges;
import io.zdcd.analyzer.internal.model.Merge;
import io.zdcd.analyzer.internal.model.Insert;
import io.zdcd.analyzer.internal.model.Analyze;
import io.zdcd.analyzer.internal.model.Cluster;
import io.zdcd.analyzer.internal.model.Vacuum;
import io.zdcd.analyzer.internal.model.DropObjects;
import io.zdcd.analyzer.internal.model.LockTable;
import io.zdcd.analyzer.internal.model.Truncate;
import io.zdcd.analyzer.internal.model.Query;
import io.zdcd.analyzer.internal.model.ReadSources;
import io.zdcd.analyzer.internal.model.Setting;
import io.zdcd.analyzer.internal.model.Transaction;
import io.zdcd.analyzer.internal.model.Unrecognised;
import io.zdcd.analyzer.internal.model.UpdateOrDelete;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The recognisers read statements into records and change nothing: no lock, no finding, no schema or transaction
 * change (that is the effects' job, after recognition).
 */
class RecognisersTest {

    private static Judgement judgement() {
        Schema schema = new Schema();
        schema.createTable("users").columns.put("id", new Schema.Column());
        schema.putIndex("users_email_key", new Schema.Index("users", true, List.of("email")));
        return new Judgement(new Context(PgVersion.parse("16"), schema));
    }

    private static List<Op> recognise(String sql, Judgement j) {
        Tokens t = Tokens.lex(sql);
        Recogniser r = Recognisers.find(t, 0);
        then(r).as("a recogniser for %s", sql).isNotNull();
        return r.recognise(t, 0, j);
    }

    @Test
    void recognitionChangesNothing() {
        for (String sql : List.of("BEGIN", "COMMIT AND CHAIN", "SET lock_timeout = '2s'", "RESET ALL",
                "DROP TABLE users CASCADE", "DROP INDEX users_email_key", "TRUNCATE users", "LOCK users",
                "VACUUM FULL users", "REINDEX TABLE users", "ALTER INDEX users_email_key RENAME TO k",
                "ALTER TYPE mood ADD VALUE 'x'", "GRANT SELECT ON users TO app", "SELECT * INTO t2 FROM users",
                "WITH d AS (DELETE FROM users RETURNING id) SELECT * FROM d", "UPDATE users SET id = 1",
                "SELECT set_config('search_path', 'other', false)")) {
            Judgement j = judgement();
            List<Op> ops = recognise(sql, j);
            then(ops).as(sql).isNotEmpty();
            then(j.locks).as(sql).isEmpty();
            then(j.tables).as(sql).isEmpty();
            then(j.findings).as(sql).isEmpty();
            then(new TreeSet<>(j.ctx.schema.tables.keySet())).as(sql).containsExactly("users");
            then(j.ctx.schema.indexes()).as(sql).containsOnlyKeys("users_email_key");
            then(j.ctx.createdHere).as(sql).isEmpty();
            then(j.ctx.inTransaction).as(sql).isFalse();
            then(j.ctx.searchPathElsewhere).as(sql).isFalse();
        }
    }

    @Test
    void factsReadFromTheSchemaBeforeTheStatementAreInTheRecord() {
        Judgement j = judgement();
        DropIndex drop = (DropIndex) recognise("DROP INDEX CONCURRENTLY users_email_key, other_idx", j).get(0);
        then(drop.concurrently()).isTrue();
        then(drop.indexes()).hasSize(2);
        then(drop.indexes().get(0).known()).isEqualTo(new Schema.Index("users", true, List.of("email")));
        then(drop.indexes().get(1).known()).isNull();
        then(j.kind).isEqualTo("DROP INDEX CONCURRENTLY");

        AlterIndex rename = (AlterIndex) recognise("ALTER INDEX users_email_key RENAME TO k", judgement()).get(0);
        then(rename.action()).isEqualTo(AlterIndex.Action.RENAME);
        then(rename.newName()).isEqualTo("k");
        then(rename.isNew()).isFalse();
    }

    @Test
    void aWhereBoundedByKey() {
        Judgement j = judgement();
        UpdateOrDelete bounded = (UpdateOrDelete) recognise("DELETE FROM users WHERE id IN (SELECT id FROM users "
                + "LIMIT 100)", j).get(0);
        then(bounded.where()).isTrue();
        then(bounded.bounded()).isTrue();
        UpdateOrDelete unbounded = (UpdateOrDelete) recognise("UPDATE users SET id = 2 WHERE id > 0",
                judgement()).get(0);
        then(unbounded.bounded()).isFalse();
    }

    @Test
    void aDataModifyingCteIsRecognisedOnItsOwnAndTheSettingsOfAQueryComeBeforeIt() {
        Judgement j = judgement();
        List<Op> ops = recognise("WITH d AS (UPDATE users SET id = 1), s AS (SELECT * FROM users) SELECT 1", j);
        then(ops).hasSize(3);
        then(ops.get(0)).isInstanceOf(DataModifyingCte.class);
        then(((DataModifyingCte) ops.get(0)).ops().get(0)).isInstanceOf(UpdateOrDelete.class);
        then(ops.get(1)).isInstanceOf(ReadSources.class);
        then(ops.get(2)).isInstanceOf(Query.class);
        then(j.kind).isEqualTo("SELECT");

        List<Op> query = recognise("SELECT set_config('lock_timeout', '1s', true), setval('s', 1)", judgement());
        then(query.get(0)).isEqualTo(new Setting("lock_timeout", "1s", true));
        then(((Query) query.get(1)).setval()).isEqualTo(Query.Setval.OTHER);
    }

    @Test
    void alterTableIsLeftToItsOwnFamilyAndUnreadableStatementsAreRecords() {
        for (String sql : List.of("ALTER TABLE users ADD COLUMN x int", "ALTER FOREIGN TABLE f ADD COLUMN x int")) {
            Judgement j = judgement();
            then(AlterRecogniser.alter(Tokens.lex(sql), 0, j)).as(sql).isNull();
            then(j.kind).as(sql).isEqualTo("UNRECOGNISED");
        }
        then(AlterRecogniser.alter(Tokens.lex("ALTER FOREIGN DATA WRAPPER w OPTIONS (x 'y')"), 0, judgement()))
                .hasSize(1);
        then(recognise("START WORK", judgement())).containsExactly(
                new Unrecognised("START must be followed by TRANSACTION"));
        then(recognise("BEGIN", judgement())).containsExactly(
                new Transaction(Transaction.Action.BEGIN, false, false));
    }

    @Test
    void nameListsObjectKindsAndMaintenanceOptionsAreReadAlikeByEveryCommand() {
        Truncate truncate = (Truncate) recognise("TRUNCATE ONLY users, public.orders * CASCADE", judgement()).get(0);
        then(truncate.tables()).extracting(Name::display).containsExactly("users", "public.orders");
        then(truncate.cascade()).isTrue();
        LockTable lock = (LockTable) recognise("LOCK TABLE ONLY users, orders IN SHARE MODE", judgement()).get(0);
        then(lock.tables()).extracting(Name::display).containsExactly("users", "orders");
        DropObjects functions = (DropObjects) recognise("DROP FUNCTION f(int), g(text, int) CASCADE", judgement())
                .get(0);
        then(functions.names()).extracting(Name::display).containsExactly("f", "g");
        then(functions.cascade()).isTrue();
        Privileges grant = (Privileges) recognise("GRANT SELECT ON TABLE users, public.orders TO app", judgement())
                .get(0);
        then(grant.tables()).extracting(Name::display).containsExactly("users", "public.orders");
        then(((Privileges) recognise("GRANT EXECUTE ON FUNCTION f(int) TO app", judgement()).get(0)).tables())
                .isEmpty();
        DropObjects view = (DropObjects) recognise("DROP MATERIALIZED VIEW IF EXISTS v", judgement()).get(0);
        then(view.what()).isEqualTo("MATERIALIZED VIEW");
        then(view.names()).extracting(Name::display).containsExactly("v");
        DropIndex indexes = (DropIndex) recognise("DROP INDEX a, b", judgement()).get(0);
        then(indexes.indexes()).hasSize(2);
        Judgement alter = judgement();
        recognise("ALTER MATERIALIZED VIEW v RENAME TO w", alter);
        then(alter.kind).isEqualTo("ALTER MATERIALIZED VIEW");

        then(((Vacuum) recognise("VACUUM (FULL false, VERBOSE) users", judgement()).get(0)).full()).isFalse();
        Vacuum full = (Vacuum) recognise("VACUUM FULL FREEZE VERBOSE ANALYZE users", judgement()).get(0);
        then(full.full()).isTrue();
        then(full.table().display()).isEqualTo("users");
        then(((Cluster) recognise("CLUSTER (VERBOSE) users", judgement()).get(0)).table().display())
                .isEqualTo("users");
        then(((Analyze) recognise("ANALYZE VERBOSE users", judgement()).get(0)).table().display()).isEqualTo("users");
        then(((Insert) recognise("INSERT INTO users (id) VALUES (1)", judgement()).get(0)).table().display())
                .isEqualTo("users");
        then(((Merge) recognise("MERGE INTO users u USING orders o ON o.id = u.id WHEN MATCHED THEN DELETE",
                judgement()).get(0)).source().display()).isEqualTo("orders");
    }

    @Test
    void theRelationsOfAFromListAreEveryItemAfterItsCommas() {
        UpdateOrDelete delete = (UpdateOrDelete) recognise("DELETE FROM users u USING orders o, public.audit a "
                + "WHERE o.id = u.id AND a.id = o.id", judgement()).get(0);
        then(delete.sources()).extracting(Name::display).containsExactly("orders", "public.audit");
        UpdateOrDelete update = (UpdateOrDelete) recognise("UPDATE users u SET id = o.id FROM orders o, audit a "
                + "JOIN logs l USING (id) WHERE o.id = u.id AND a.id IN (SELECT id FROM items i, tags t)",
                judgement()).get(0);
        then(update.sources()).extracting(Name::display).containsExactly("orders", "audit", "logs", "items", "tags");
        then(((UpdateOrDelete) recognise("UPDATE users SET id = EXTRACT(YEAR FROM now()), id = 2 WHERE id = 1",
                judgement()).get(0)).sources()).as("no FROM list: no relation read").isEmpty();
        Insert upsert = (Insert) recognise("INSERT INTO users (id) SELECT id FROM orders, audit ON CONFLICT (id) "
                + "DO UPDATE SET id = 1, name = 'x'", judgement()).get(0);
        then(upsert.sources()).extracting(Name::display).containsExactly("orders", "audit");
    }
}
