package io.zdcd.examples.cli;

import static io.zdcd.examples.cli.CheckCommandTest.run;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.examples.cli.CheckCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zdcd fix}: files written in apply order, what it did per statement, exit codes, bad input. */
class FixCommandTest {
    static final String SCHEMA = """
            CREATE TABLE shop_customer (id bigint PRIMARY KEY, email text NOT NULL);
            CREATE TABLE shop_order (id bigint PRIMARY KEY, customer_id bigint NOT NULL, note text);
            """;

    @TempDir
    Path dir;

    private List<String> written(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void a_fixable_migration_exits_0_and_writes_expand_then_contract_files_in_name_order() throws Exception {
        Path schema = Files.writeString(dir.resolve("schema.sql"), SCHEMA);
        Path migration = Files.writeString(dir.resolve("0042_order_rules.sql"), """
                CREATE INDEX shop_order_note_idx ON shop_order (note);
                ALTER TABLE shop_order ADD CONSTRAINT shop_order_customer_fk FOREIGN KEY (customer_id)
                    REFERENCES shop_customer (id);
                ALTER TABLE shop_order ALTER COLUMN note SET NOT NULL;
                """);
        Path out = dir.resolve("fixed");

        Run r = run("fix", "--schema", schema.toString(), "--output", out.toString(), migration.toString());

        then(r.exitCode()).as("%s", r).isEqualTo(0);
        then(r.err()).isEmpty();
        then(written(out)).containsExactly("0042_order_rules_001_expand.sql", "0042_order_rules_002_expand.sql",
                "0042_order_rules_003_expand.sql", "0042_order_rules_004_expand.sql",
                "0042_order_rules_005_expand.sql", "0042_order_rules_006_contract.sql");
        then(Files.readString(out.resolve("0042_order_rules_001_expand.sql")))
                .contains("CREATE INDEX CONCURRENTLY shop_order_note_idx").contains("OUTSIDE a transaction block");
        then(Files.readString(out.resolve("0042_order_rules_006_contract.sql"))).contains("SET NOT NULL");
        then(r.out()).contains("0042_order_rules.sql: fixed, 6 files")
                .contains("line 1 create-index-non-concurrently: -> create-index-concurrently")
                .contains("line 2 add-foreign-key: -> foreign-key-not-valid-then-validate")
                .contains("line 4 set-not-null: -> not-null-via-validated-check")
                .contains("(expand, outside a transaction block)");
    }

    @Test
    void batch_size_sets_the_keys_per_batch_of_a_batch_loop_and_a_bad_one_is_exit_2() throws Exception {
        Path schema = Files.writeString(dir.resolve("schema.sql"), SCHEMA);
        Path migration = Files.writeString(dir.resolve("0045_notes.sql"), "UPDATE shop_order SET note = 'n';");
        Path out = dir.resolve("fixed");

        Run r = run("fix", "--schema", schema.toString(), "--batch-size", "250", "--output", out.toString(),
                migration.toString());
        Run zero = run("fix", "--batch-size", "0", "--output", dir.resolve("none").toString(), migration.toString());
        Run word = run("fix", "--batch-size", "many", "--output", dir.resolve("none").toString(),
                migration.toString());

        then(r.exitCode()).as("%s", r).isEqualTo(0);
        then(Files.readString(out.resolve("0045_notes_001_expand.sql"))).contains("zdcd_hi := zdcd_lo + 250;");
        then(zero.exitCode()).isEqualTo(2);
        then(zero.err()).isEqualTo("zdcd fix: --batch-size 0: must be a whole number from 1 to 1000000 (keys per "
                + "batch)" + System.lineSeparator());
        then(word.exitCode()).isEqualTo(2);
        then(word.err()).startsWith("zdcd fix: --batch-size many: must be a whole number").hasLineCount(1);
        then(dir.resolve("none")).doesNotExist();
    }

    @Test
    void a_statement_without_a_recipe_exits_1_names_the_rule_and_writes_the_rest() throws Exception {
        Path migration = Files.writeString(dir.resolve("0043_mixed.sql"), """
                ALTER TABLE shop_order ALTER COLUMN note TYPE integer USING note::integer;
                CREATE INDEX shop_order_note_idx ON shop_order (note);
                """);
        Path out = dir.resolve("fixed");

        Run r = run("fix", "--output", out.toString(), migration.toString());

        then(r.exitCode()).as("%s", r).isEqualTo(1);
        then(r.out()).contains("0043_mixed.sql: NOT fully fixed, 1 file")
                .contains("line 1 alter-column-type: no recipe for rule alter-column-type");
        then(written(out)).containsExactly("0043_mixed_001_expand.sql");
    }

    @Test
    void bad_input_exits_2_with_one_line_and_writes_nothing() throws Exception {
        Path out = dir.resolve("fixed");
        Path migration = Files.writeString(dir.resolve("0044.sql"), "CREATE INDEX i ON t (c);");

        Run missing = run("fix", "--output", out.toString(), dir.resolve("nope.sql").toString());
        Run version = run("fix", "--postgres-version", "9", "--output", out.toString(), migration.toString());
        Run noSchema = run("fix", "--schema", dir.resolve("nope-schema.sql").toString(), "--output", out.toString(),
                migration.toString());
        Run noOutput = run("fix", migration.toString());

        for (Run r : List.of(missing, version, noSchema, noOutput)) {
            then(r.exitCode()).as("%s", r).isEqualTo(2);
            then(r.err().strip()).as("%s", r).doesNotContain("\n").doesNotContain("Exception").startsWith("zdcd");
            then(r.out()).isEmpty();
        }
        then(missing.err()).contains("nope.sql");
        then(version.err()).contains("9");
        then(noSchema.err()).contains("cannot read --schema");
        then(noOutput.err()).contains("--output");
        then(Files.exists(out)).isFalse();
    }
}
