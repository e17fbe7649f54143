package io.zdcd.analyzer.fix;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.classify.Classification;
import io.zdcd.classify.Migration;
import io.zdcd.classify.Phase;
import io.zdcd.classify.Verdict;
import io.zdcd.django.DjangoIntegrationTest;
import io.zdcd.django.DjangoIntegrationTest.Manage;
import io.zdcd.django.DjangoProject;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MigrationFixer#fixDjango} on the real Django test project ({@code zdcd-core/src/test/resources/django/shop})
 * and the embedded PostgreSQL: the expand and contract migrations it writes run through {@code manage.py migrate},
 * give the catalog the original migration gives, keep the old code's INSERTs working in between, and leave
 * {@code makemigrations --check} clean.
 */
@ExtendWith(PostgresExtension.class)
class DjangoFixTest {
    /** An UNSAFE migration: AddField with a default (the DROP DEFAULT trap), AddIndex, AlterField null=False. */
    static final String MIGRATION = """
            from django.db import migrations, models


            class Migration(migrations.Migration):
                dependencies = [("orders", "0003_remove_order_legacy")]
                operations = [
                    migrations.AddField(
                        model_name="order",
                        name="status",
                        field=models.CharField(default="new", max_length=20),  # a comment with ] and "quotes"
                    ),
                    migrations.AddIndex(model_name="order", index=models.Index(fields=["note"], name="orders_note_idx")),
                    migrations.AlterField(model_name="order", name="email", field=models.TextField()),
                ]
            """;
    static final String MODELS = """
            from django.db import models


            class Order(models.Model):
                note = models.TextField()
                email = models.TextField()
                status = models.CharField(default="new", max_length=20)

                class Meta:
                    indexes = [models.Index(fields=["note"], name="orders_note_idx")]
            """;
    /** The running (old) code's write: it knows neither status nor the NOT NULL on email. */
    static final String OLD_INSERT = "INSERT INTO orders_order (note, email) VALUES ('old code', 'old@example.com')";

    TestDatabase test;
    PostgresDatabase original;
    PostgresDatabase fixed;

    @BeforeEach
    void setUp(TestDatabase test) {
        this.test = test;
        original = PostgresDatabase.of(test.host(), test.port(), test.name(), test.user(), test.password());
        fixed = original.withName(test.name() + "_djfix");
        test.execute("DROP TABLE IF EXISTS orders_order, django_migrations CASCADE");
        try (Connection c = original.withName("postgres").connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + fixed.name());
            s.execute("CREATE DATABASE " + fixed.name());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_expand_and_contract_migrations_migrate_to_the_original_catalog_and_keep_makemigrations_clean(
            @TempDir Path dir) throws Exception {
        String python = DjangoIntegrationTest.pythonWithDjango();
        Path shop = DjangoIntegrationTest.copyOfShop(dir.resolve("shop"));
        Path migrations = shop.resolve("orders/migrations");
        Files.writeString(migrations.resolve("0004_order_status.py"), MIGRATION);
        Files.writeString(shop.resolve("orders/models.py"), MODELS);
        DjangoProject originalProject = DjangoProject.builder(shop).database(original).python(python).build();
        DjangoProject fixedProject = DjangoProject.builder(shop).database(fixed).python(python).build();
        for (DjangoProject p : List.of(originalProject, fixedProject)) {
            ok(p, "migrate", "orders", "0003_remove_order_legacy");
            try (Connection c = p.database().connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO orders_order (note, email) SELECT 'n' || g, g || '@example.com' "
                        + "FROM generate_series(1, 500) g");
            }
        }
        ok(originalProject, "makemigrations", "--check", "--dry-run");
        ok(originalProject, "migrate");
        DjangoMigration migration = DjangoMigration.read(fixedProject, "orders", "0004_order_status");
        Classification unsafe = SqlMigrationClassifier.builder().implicitTransactions(false).liveSchema(fixed).build()
                .classify(Migration.of("0004", migration.sql()));

        DjangoFix fix = MigrationFixer.builder().liveSchema(fixed).build().fixDjango(migration);

        then(unsafe.verdict()).as(unsafe.describe()).isEqualTo(Verdict.UNSAFE);
        then(fix.isComplete()).as(fix + " " + fix.sqlFix().statements()).isTrue();
        then(fix.sqlFix().statements()).extracting(s -> s.recipe().orElse(s.explanation())).contains(
                "keep-database-default", "create-index-concurrently", "not-null-via-validated-check");
        then(fix.files()).extracting(DjangoFile::name)
                .containsExactly("0004_order_status.py", "0005_order_status_contract.py");
        then(fix.files()).extracting(DjangoFile::phase).containsExactly(Phase.EXPAND, Phase.CONTRACT);
        DjangoFile expand = fix.files().get(0);
        then(expand.atomic()).isFalse();
        then(expand.source()).contains("migrations.SeparateDatabaseAndState(", "state_operations=[",
                "atomic = False", "CREATE INDEX CONCURRENTLY", "# a comment with ] and \"quotes\"",
                "dependencies = [(\"orders\", \"0003_remove_order_legacy\")]");
        then(expand.source()).doesNotContain("DROP DEFAULT");
        then(fix.files().get(1).source()).contains("DROP DEFAULT", "SET NOT NULL",
                "dependencies = [(\"orders\", \"0004_order_status\")]");
        for (DjangoFile f : fix.files()) {
            Files.writeString(migrations.resolve(f.name()), f.source());
        }

        // expand: what sqlmigrate shows of it is SAFE; the old code's INSERT works after it
        String expandSql = fixedProject.sqlmigrate("orders", "0004_order_status", false);
        Classification expandJudged = SqlMigrationClassifier.builder().implicitTransactions(false).liveSchema(fixed)
                .build().classify(Migration.of("0004_order_status", expandSql));
        then(expandJudged.verdict()).as(expandSql + expandJudged.describe()).isEqualTo(Verdict.SAFE);
        ok(fixedProject, "migrate", "orders", "0004_order_status");
        try (Connection c = fixed.connect(); Statement s = c.createStatement()) {
            s.execute(OLD_INSERT);
        }
        then(catchSql(original, OLD_INSERT)).as("the original migration breaks the old code's INSERT")
                .contains("status");
        then(ok(fixedProject, "makemigrations", "--check", "--dry-run")).contains("No changes detected");

        // contract: Django's state was already final; the catalog ends as the original's
        ok(fixedProject, "migrate");
        then(catalog(fixed)).isEqualTo(catalog(original));
        then(ok(fixedProject, "makemigrations", "--check", "--dry-run")).contains("No changes detected");
        then(ok(fixedProject, "showmigrations", "orders")).contains("[X] 0004_order_status",
                "[X] 0005_order_status_contract");
    }

    // ---------------------------------------------------------------- the writer, without Django

    static final String SCHEMA = "CREATE TABLE orders_order (id bigint PRIMARY KEY, note text NOT NULL, email text);";
    /** sqlmigrate of an AddField with a default: ADD COLUMN ... DEFAULT ... NOT NULL, then DROP DEFAULT. */
    static final String ADD_FIELD_SQL = """
            BEGIN;
            --
            -- Add field status to order
            --
            ALTER TABLE "orders_order" ADD COLUMN "status" varchar(20) DEFAULT 'new' NOT NULL;
            ALTER TABLE "orders_order" ALTER COLUMN "status" DROP DEFAULT;
            COMMIT;
            """;
    static final String ADD_FIELD = """
            from django.db import migrations, models


            class Migration(migrations.Migration):
                dependencies = [("orders", "0003_remove_order_legacy")]
                operations = [
                    migrations.AddField(model_name="order", name="status",
                                        field=models.CharField(default="new]", max_length=20)),
                ]
            """;
    private final MigrationFixer fixer = MigrationFixer.builder().schema(SCHEMA).build();

    @Test
    void add_field_with_a_default_keeps_the_database_default_until_the_contract_and_stays_atomic() {
        DjangoFix fix = fixer.fixDjango(new DjangoMigration("orders", "0004_order_status", ADD_FIELD, ADD_FIELD_SQL,
                Optional.of("BEGIN;\nALTER TABLE \"orders_order\" DROP COLUMN \"status\" CASCADE;\nCOMMIT;\n")));

        then(fix.toString()).isEqualTo("DjangoFix[orders/0004_order_status: complete; files 0004_order_status.py, "
                + "0005_order_status_contract.py]");
        then(fix.sqlFix().statements()).extracting(s -> s.ruleId() + " -> " + s.recipe().orElse(""))
                .containsExactly("drop-default-not-null -> keep-database-default");
        DjangoFile expand = fix.files().get(0);
        DjangoFile contract = fix.files().get(1);
        then(expand.atomic()).isTrue();
        then(expand.source()).doesNotContain("atomic =").doesNotContain("DROP DEFAULT")
                .contains("field=models.CharField(default=\"new]\", max_length=20)),\n            ],")
                .contains("sql=[\"ALTER TABLE \\\"orders_order\\\" ADD COLUMN \\\"status\\\" varchar(20) DEFAULT 'new' "
                        + "NOT NULL\"]")
                .contains("reverse_sql=[\"ALTER TABLE \\\"orders_order\\\" DROP COLUMN \\\"status\\\" CASCADE\"]");
        then(contract.atomic()).isTrue();
        then(contract.source()).contains("dependencies = [(\"orders\", \"0004_order_status\")]",
                "ALTER COLUMN \\\"status\\\" DROP DEFAULT", "reverse_sql=migrations.RunSQL.noop");
    }

    @Test
    void a_non_atomic_original_stays_non_atomic_and_a_step_of_several_statements_gets_its_own_transaction()
            throws Exception {
        String source = ADD_FIELD.replace("    dependencies", "    atomic = False\n    dependencies")
                .replace("        migrations.AddField", "        migrations.AlterField(model_name=\"order\", "
                        + "name=\"email\", field=models.TextField()),\n        migrations.AddField");
        String sql = "ALTER TABLE \"orders_order\" ALTER COLUMN \"email\" SET NOT NULL;\n" + ADD_FIELD_SQL
                .replace("BEGIN;\n", "").replace("COMMIT;\n", "");

        DjangoFix fix = fixer.fixDjango(new DjangoMigration("orders", "0004_x", source, sql, Optional.empty()));

        then(fix.isComplete()).as(fix.sqlFix().statements().toString()).isTrue();
        then(fix.files()).extracting(DjangoFile::atomic).containsExactly(false, false);
        then(fix.files().get(0).source()).contains("    atomic = False\n    dependencies").containsOnlyOnce("atomic =")
                .contains("reverse_sql=None");
        then(fix.files().get(1).source()).contains("""
                            sql=[
                                "BEGIN",
                                "ALTER TABLE \\"orders_order\\" ALTER COLUMN \\"email\\" SET NOT NULL",
                """);
        String python = DjangoIntegrationTest.pythonWithDjango();
        for (DjangoFile f : fix.files()) {
            Process p = new ProcessBuilder(python, "-c", "import ast, sys; ast.parse(sys.stdin.read())")
                    .redirectErrorStream(true).start();
            p.getOutputStream().write(f.source().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            then(p.waitFor()).as(f.source() + out).isZero();
        }
    }

    @Test
    void the_class_attribute_atomic_is_found_after_the_operations_too_and_never_inside_them() {
        String source = ADD_FIELD.replace("max_length=20)),", "max_length=20),\n            atomic=True,\n        ),")
                + "    atomic = True\n";
        String sql = "CREATE INDEX \"orders_note_idx\" ON \"orders_order\" (\"note\");";

        DjangoFix fix = fixer.fixDjango(new DjangoMigration("orders", "0004_x", source, sql, Optional.empty()));

        String expand = fix.files().get(0).source();
        then(expand).contains("            atomic=True,\n").endsWith("    ]\n    atomic = False  # zdcd fix: each "
                + "RunSQL below commits on its own (BEGIN ... COMMIT around several statements)\n");
        then(expand.split("atomic = ", -1)).hasSize(2);
    }

    @Test
    void without_a_recipe_for_every_statement_there_is_no_django_migration() {
        String sql = "BEGIN;\n--\n-- Raw Python operation\n--\n-- THIS OPERATION CANNOT BE WRITTEN AS SQL\n"
                + "CREATE INDEX \"orders_note_idx\" ON \"orders_order\" (\"note\");\nCOMMIT;\n";

        DjangoFix fix = fixer.fixDjango(new DjangoMigration("orders", "0004_x", ADD_FIELD, sql, Optional.empty()));
        DjangoFix safe = fixer.fixDjango(new DjangoMigration("orders", "0004_x", ADD_FIELD,
                "ALTER TABLE \"orders_order\" ADD COLUMN \"n\" integer NULL;", Optional.empty()));

        then(fix.isComplete()).isFalse();
        then(fix.files()).isEmpty();
        then(fix.sqlFix().unfixed()).extracting(StatementFix::ruleId).contains("django-python-operation");
        then(safe.isComplete()).isTrue();
        then(safe.files()).isEmpty();
    }

    @Test
    void a_file_without_an_operations_list_is_refused_and_contracts_take_the_next_number() {
        Throwable noOperations = org.assertj.core.api.Assertions.catchThrowable(() -> fixer.fixDjango(
                new DjangoMigration("orders", "0004_x", "class Migration(migrations.Migration):\n    pass\n",
                        ADD_FIELD_SQL, Optional.empty())));

        then(noOperations).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("orders/0004_x: no `operations = [...]` in its class Migration");
        then(List.of("0004_order_status", "0099_x", "9999", "initial")).extracting(
                io.zdcd.analyzer.fix.internal.DjangoWriter::contractName)
                .containsExactly("0005_order_status_contract", "0100_x_contract", "10000_contract", "contract_initial");
    }

    private static String ok(DjangoProject project, String... args) {
        Manage m = DjangoIntegrationTest.manage(project, args);
        then(m.exitCode()).as("manage.py " + String.join(" ", args) + ":\n" + m.output()).isZero();
        return m.output();
    }

    private static String catchSql(PostgresDatabase db, String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
            return "";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static List<String> catalog(PostgresDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return MigrationFixerTest.catalog(c, "public").stream().filter(row -> !row.contains("django_migrations"))
                    .toList();
        }
    }
}
