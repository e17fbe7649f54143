package io.zdcd.analyzer;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Migration;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Operations Django's {@code sqlmigrate} cannot write as SQL (RunPython): the files under {@code django/3.2}
 * (0022, 0023) were printed by Django 3.2.25, those under {@code django/5.x} (0008, 0009) by Django 5.2.17, for the
 * same two migrations ({@code src/test/django/runpython}: a RunPython alone; an AddField then a RunPython).
 */
class DjangoPythonOperationTest {
    private final SqlMigrationClassifier classifier = SqlMigrationClassifier.defaults();

    private static String resource(String name) throws URISyntaxException, IOException {
        return Files.readString(Path.of(DjangoPythonOperationTest.class.getResource(name).toURI()));
    }

    private static List<Finding> python(Classification c) {
        return c.allFindings().stream().filter(f -> f.ruleId().equals("django-python-operation")).toList();
    }

    @Test
    void run_python_alone_is_unsafe_in_both_marker_styles() throws Exception {
        for (String file : List.of("/django/3.2/0022_runpython.sql", "/django/5.x/0008_runpython.sql")) {
            Classification c = classifier.classify(Migration.of(file, resource(file)));
            then(c.verdict()).as(file).isEqualTo(Verdict.UNSAFE);
            then(c.statements()).extracting(StatementAnalysis::kind).containsExactly("BEGIN", "COMMIT");
            Finding f = python(c).get(0);
            then(f.verdict()).isEqualTo(Verdict.UNSAFE);
            then(f.message()).as(file).contains("(Raw Python operation)").contains("data changes of unknown size")
                    .contains("inside the migration's transaction");
            then(f.safeAlternative()).contains("management command").contains("batches");
            then(c.statements().get(1).findings().get(0).ruleId()).isEqualTo("django-python-operation");
        }
    }

    @Test
    void run_python_after_a_lock_says_which_lock_it_runs_under() throws Exception {
        Migration create = Migration.of("create", "CREATE TABLE shop_book (id bigint PRIMARY KEY, rating int);");
        for (String file : List.of("/django/3.2/0023_addfield_then_runpython.sql",
                "/django/5.x/0009_addfield_then_runpython.sql")) {
            Classification c = classifier.classifyAll(List.of(create, Migration.of(file, resource(file))))
                    .migrations().get(1);
            then(c.verdict()).as(file).isEqualTo(Verdict.UNSAFE);
            then(c.statements().get(1).isSafe()).as("the ADD COLUMN itself").isTrue();
            then(python(c)).singleElement().extracting(Finding::message).asString()
                    .contains("already holds AccessExclusiveLock on shop_book").contains("reads and writes wait");
        }
    }

    @Test
    void a_marker_after_the_last_statement_or_with_no_statement_is_unsafe() {
        String marker = "--\n-- Raw Python operation\n--\n-- THIS OPERATION CANNOT BE WRITTEN AS SQL\n";
        Classification trailing = classifier.classify(Migration.of("t", "ALTER TABLE t ADD COLUMN c int;\n"
                + marker));
        then(trailing.verdict()).isEqualTo(Verdict.UNSAFE);
        then(trailing.statements().get(0).findings()).extracting(Finding::ruleId).contains("django-python-operation");
        then(python(trailing).get(0).message()).startsWith("line 5: after this statement");

        Classification alone = classifier.classify(Migration.of("alone", marker));
        then(alone.statements()).isEmpty();
        then(alone.verdict()).isEqualTo(Verdict.UNSAFE);
        then(alone.findings()).extracting(Finding::ruleId).containsExactly("django-python-operation");
        then(alone.describe()).contains("UNSAFE django-python-operation");
    }

    @Test
    void zdcd_ignore_applies_before_the_marker_and_at_the_end() {
        String sql = "BEGIN;\n-- zdcd:ignore django-python-operation: sets 12 feature flags\n--\n"
                + "-- MIGRATION NOW PERFORMS OPERATION THAT CANNOT BE WRITTEN AS SQL:\n-- Raw Python operation\n--\n"
                + "COMMIT;\n";
        Classification c = classifier.classify(Migration.of("m", sql));
        then(c.verdict()).as(c.describe()).isEqualTo(Verdict.SAFE);
        then(python(c)).singleElement().satisfies(f -> {
            then(f.verdict()).isEqualTo(Verdict.SAFE);
            then(f.message()).startsWith("ignored by zdcd:ignore (sets 12 feature flags): line 4: before");
        });
        then(c.findings()).as("no unused-ignore").isEmpty();

        Classification alone = classifier.classify(Migration.of("alone", "-- zdcd:ignore django-python-operation "
                + "12 rows\n-- Raw Python operation\n--\n-- THIS OPERATION CANNOT BE WRITTEN AS SQL\n"));
        then(alone.verdict()).isEqualTo(Verdict.SAFE);
        then(alone.findings()).extracting(Finding::verdict).containsExactly(Verdict.SAFE);
    }

    @Test
    void the_words_inside_a_string_or_a_disabled_rule_do_not_count() {
        Classification literal = classifier.classify(Migration.of("m", "BEGIN;\nINSERT INTO notes (t) VALUES ("
                + "'\n-- THIS OPERATION CANNOT BE WRITTEN AS SQL\n');\nCOMMIT;\n"));
        then(python(literal)).isEmpty();
        Classification disabled = SqlMigrationClassifier.builder().disableRule("django-python-operation").build()
                .classify(Migration.of("m", "BEGIN;\n-- THIS OPERATION CANNOT BE WRITTEN AS SQL\nCOMMIT;\n"));
        then(disabled.verdict()).isEqualTo(Verdict.SAFE);
    }
}
