package io.zdcd.examples.cli;

import static io.zdcd.examples.cli.CheckCommandTest.run;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.django.DjangoIntegrationTest;
import io.zdcd.django.DjangoProject;
import io.zdcd.examples.cli.CheckCommandTest.Run;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code zdcd fix --django-project DIR --app APP --migration NAME}: the Django migrations written, exit codes. */
@ExtendWith(PostgresExtension.class)
class FixDjangoCommandTest {
    static final String ADD_INDEX = """
            from django.db import migrations, models


            class Migration(migrations.Migration):
                dependencies = [("orders", "0003_remove_order_legacy")]
                operations = [
                    migrations.AddIndex(model_name="order", index=models.Index(fields=["note"], name="orders_note_idx")),
                ]
            """;

    @TempDir
    Path dir;
    Path shop;
    String url;
    String noSuchDatabase;

    @BeforeEach
    void setUp(TestDatabase test) throws Exception {
        test.execute("DROP TABLE IF EXISTS orders_order, django_migrations CASCADE");
        url = test.jdbcUrlWithCredentials();
        noSuchDatabase = url.replace("/" + test.name() + "?", "/zdcd_no_such_db?");
        String python = DjangoIntegrationTest.pythonWithDjango();
        shop = DjangoIntegrationTest.copyOfShop(dir.resolve("shop"));
        DjangoProject project = DjangoProject.builder(shop).python(python)
                .database(PostgresDatabase.of(test.host(), test.port(), test.name(), test.user(), test.password()))
                .build();
        then(DjangoIntegrationTest.manage(project, "migrate").exitCode()).isZero();
    }

    private List<String> written(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void an_add_index_becomes_an_expand_migration_with_create_index_concurrently() throws Exception {
        Files.writeString(shop.resolve("orders/migrations/0004_note_index.py"), ADD_INDEX);
        Path out = dir.resolve("fixed");

        Run r = run("fix", "--django-project", shop.toString(), "--app", "orders", "--migration", "0004_note_index",
                "--database-url", url, "--output", out.toString());

        then(r.exitCode()).as("%s", r).isZero();
        then(r.err()).isEmpty();
        then(written(out)).containsExactly("0004_note_index.py");
        then(Files.readString(out.resolve("0004_note_index.py"))).contains("SeparateDatabaseAndState(",
                "CREATE INDEX CONCURRENTLY", "atomic = False", "migrations.AddIndex(");
        then(r.out()).contains("orders/0004_note_index: fixed, 1 Django migration",
                "line 5 create-index-non-concurrently: -> create-index-concurrently",
                "(expand: replaces orders/migrations/0004_note_index.py, apply it now, atomic = False)");
    }

    @Test
    void a_statement_without_a_recipe_exits_1_and_writes_no_django_migration() throws Exception {
        Files.writeString(shop.resolve("orders/migrations/0004_note_index.py"), ADD_INDEX.replace("    ]\n",
                "        migrations.RunPython(migrations.RunPython.noop),\n    ]\n"));
        Path out = dir.resolve("fixed");

        Run r = run("fix", "--django-project", shop.toString(), "--app", "orders", "--migration", "0004_note_index",
                "--database-url", url, "--output", out.toString());

        then(r.exitCode()).as("%s", r).isEqualTo(1);
        then(r.out()).contains("orders/0004_note_index: NOT fixed: no Django migration written",
                "django-python-operation");
        then(Files.exists(out) ? written(out) : List.of()).isEmpty();
    }

    @Test
    void a_refused_login_says_so_without_the_password() throws Exception {
        String password = "Pw9:s3cr@t/x%";
        String wrong = "postgres://zdcd_no_such_user:" + java.net.URLEncoder.encode(password,
                java.nio.charset.StandardCharsets.UTF_8) + "@" + url.replaceFirst("^jdbc:postgresql://", "")
                .replaceFirst("\\?.*", "");

        Run r = run("fix", "--django-project", shop.toString(), "--app", "orders", "--migration", "0001_initial",
                "--database-url", wrong, "--output", dir.resolve("fixed").toString());

        then(r.exitCode()).as("%s", r).isEqualTo(2);
        then(r.err()).contains("zdcd_no_such_user");
        for (String form : io.zdcd.testing.Leaks.forms(password)) {
            then(r.err() + r.out()).as("leaks %s", form).doesNotContain(form);
        }
    }

    @Test
    void bad_django_input_exits_2_with_one_line_and_writes_nothing() throws Exception {
        Path out = dir.resolve("fixed");
        String project = shop.toString();

        List<Run> runs = List.of(
                run("fix", "--django-project", project, "--migration", "0003_remove_order_legacy", "--database-url",
                        url, "--output", out.toString()),
                run("fix", "--django-project", project, "--app", "orders", "--migration", "0009_nope",
                        "--database-url", url, "--output", out.toString()),
                run("fix", "--django-project", project, "--app", "orders", "--migration", "0003_remove_order_legacy",
                        "--output", out.toString()),
                run("fix", "--django-project", dir.toString(), "--app", "orders", "--migration", "0001_initial",
                        "--database-url", url, "--output", out.toString()),
                run("fix", "--django-project", project, "--app", "orders", "--migration", "0001_initial",
                        "--database-url", url, "--output", out.toString(), "x.sql"),
                run("fix", "--output", out.toString()),
                run("fix", "--django-project", project, "--app", "orders", "--migration", "0001_initial",
                        "--database-url", noSuchDatabase, "--output", out.toString()));

        for (Run r : runs) {
            then(r.exitCode()).as("%s", r).isEqualTo(2);
            then(r.err().strip()).as("%s", r).doesNotContain("\n").doesNotContain("Exception").startsWith("zdcd fix:");
            then(r.out()).isEmpty();
        }
        then(runs).extracting(r -> r.err().strip()).satisfiesExactly(
                e -> then(e).contains("--django-project, --app and --migration go together"),
                e -> then(e).contains("no migration orders/0009_nope"),
                e -> then(e).contains("needs --database-url or --database-url-env"),
                e -> then(e).contains("no manage.py in"),
                e -> then(e).contains("not both"),
                e -> then(e).contains("give the migration FILEs"),
                e -> then(e).contains("python manage.py sqlmigrate orders 0001_initial failed:")
                        .contains("zdcd_no_such_db").doesNotContain("^^^"));
        then(Files.exists(out)).isFalse();
    }
}
