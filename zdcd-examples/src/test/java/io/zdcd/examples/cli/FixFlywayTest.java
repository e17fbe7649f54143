package io.zdcd.examples.cli;

import static io.zdcd.examples.cli.CheckCommandTest.run;
import static io.zdcd.examples.cli.DeployFixCommandTest.count;
import static io.zdcd.examples.cli.DeployFixCommandTest.sql;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.examples.cli.CheckCommandTest.Run;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code zdcd fix --flyway}: files Flyway runs in order, with the script configuration a batch loop needs. */
@ExtendWith(PostgresExtension.class)
class FixFlywayTest {
    @TempDir
    Path dir;

    @Test
    void flyway_runs_the_expand_and_contract_files_a_batch_loop_outside_a_transaction(TestDatabase db)
            throws Exception {
        // every updated row logs its transaction: the batch loop commits once per batch of 2 keys
        sql(db, "DROP TABLE IF EXISTS items, batch_log, flyway_schema_history CASCADE",
                "CREATE TABLE items (id bigint PRIMARY KEY, note text, legacy text)",
                "INSERT INTO items SELECT g, 'old', 'x' FROM generate_series(1, 5) g",
                "CREATE TABLE batch_log (tx bigint NOT NULL)",
                "CREATE OR REPLACE FUNCTION log_tx() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN INSERT INTO batch_log VALUES (txid_current()); RETURN NEW; END $$",
                "CREATE TRIGGER items_log BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION log_tx()");
        Path migration = Files.writeString(dir.resolve("V5__notes.sql"), "UPDATE items SET note = 'new';\n"
                + "CREATE INDEX items_note_idx ON items (note);\nALTER TABLE items DROP COLUMN legacy;\n");
        Path out = dir.resolve("db");

        Run r = run("fix", "--flyway", "--batch-size", "2", "--database-url", db.jdbcUrlWithCredentials(),
                "--output", out.toString(), migration.toString());

        then(r.exitCode()).as("%s", r).isZero();
        then(written(out)).containsExactly("V5.001__notes_expand.sql", "V5.001__notes_expand.sql.conf",
                "V5.002__notes_expand.sql", "V5.002__notes_expand.sql.conf", "V5.003__notes_contract.sql");
        then(Files.readString(out.resolve("V5.001__notes_expand.sql.conf"))).contains("executeInTransaction=false");
        then(r.out()).contains("V5.001__notes_expand.sql (expand, outside a transaction block) and "
                + "V5.001__notes_expand.sql.conf");

        FluentConfiguration flyway = Flyway.configure().dataSource(db.jdbcUrlWithCredentials(), null, null)
                .locations("filesystem:" + out).baselineOnMigrate(true).baselineVersion("4"); // the schema as it is
        // flyway.postgresql.transactional.lock=false, as docs/flyway.md says: CONCURRENTLY hangs otherwise
        flyway.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        flyway.load().migrate();

        then(count(db, "SELECT count(*) FROM items WHERE note = 'new'")).isEqualTo(5);
        then(count(db, "SELECT count(DISTINCT tx) FROM batch_log")).isEqualTo(3); // keys 1-2, 3-4, 5
        then(count(db, "SELECT count(*) FROM pg_index WHERE indexrelid = to_regclass('items_note_idx') "
                + "AND indisvalid")).isEqualTo(1);
        then(count(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' "
                + "AND column_name = 'legacy'")).isZero();
        then(count(db, "SELECT count(*) FROM flyway_schema_history WHERE success AND version LIKE '5.00%'"))
                .isEqualTo(3);
    }

    @Test
    void flyway_needs_versioned_migration_names() throws Exception {
        Path migration = Files.writeString(dir.resolve("0042_idx.sql"), "CREATE INDEX i ON t (c);");

        Run r = run("fix", "--flyway", "--output", dir.resolve("none").toString(), migration.toString());

        then(r.exitCode()).isEqualTo(2);
        then(r.err()).isEqualTo("zdcd fix: --flyway: 0042_idx.sql is not a Flyway versioned migration "
                + "(V<version>__<name>.sql)" + System.lineSeparator());
        then(dir.resolve("none")).doesNotExist();
    }

    private static List<String> written(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
