package io.zdcd.analyzer.properties;

import static org.assertj.core.api.BDDAssertions.then;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.classify.Classification;
import io.zdcd.classify.MigrationClassifier;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.jdbc.JdbcMigrationRunner;
import io.zdcd.spi.PendingMigration;
import io.zdcd.sql.SqlScript;
import io.zdcd.sql.SqlStatement;
import io.zdcd.sql.SqlTransaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * What runs is exactly what was judged: over the rule corpus, the Django files and random SQL, the statements
 * {@link JdbcMigrationRunner#plan} executes are the statements the classifier judged (same index, line, column and
 * text), grouped into the transactions the classifier's judgement assumes (explicit BEGIN/START/COMMIT/END boundaries,
 * a statement that cannot run in a transaction on its own), and a goose/dbmate down section is never executed.
 * Fixed seeds; {@code -DQT_SEED=<n>} for other inputs.
 */
class RunnerRunsWhatWasJudgedPropertiesTest {
    private static final MigrationClassifier CLASSIFIER = SqlMigrationClassifier.defaults();
    private static final Set<String> BOUNDARY_KINDS = Set.of("BEGIN", "START TRANSACTION", "COMMIT", "END");

    private static final List<String> PIECES = List.of(
            "ALTER TABLE t ADD COLUMN c int;", "CREATE INDEX CONCURRENTLY i ON t (c);", "DROP INDEX CONCURRENTLY i;",
            "BEGIN;", "COMMIT;", "START TRANSACTION;", "END;", "ROLLBACK;", "VACUUM t;", "SELECT 1;",
            "COPY t (a) FROM stdin;\n1\n2; DROP TABLE t;\n\\.\n", "\\set ON_ERROR_STOP on\n", "\\i other.sql\n",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;",
            "DO $$ BEGIN PERFORM 1; END $$;", "UPDATE t SET c = 1 WHERE id = 1;", "-- a comment; with a semicolon\n",
            "/* block; comment */", "'quoted; text'", "$tag$ dollar; quote $tag$", "\"ident;\"", ";", " ", "\n",
            "\n-- +goose Down\nDROP TABLE must_never_run;\n", "\n  -- migrate:down\nDROP TABLE must_never_run;\n",
            "REINDEX INDEX CONCURRENTLY i;", "CREATE UNIQUE INDEX CONCURRENTLY u ON t (c);", "E'it\\'s; fine'",
            "SAVEPOINT s;", "ALTER TABLE t VALIDATE CONSTRAINT c;");

    private static QuickTheory qtFixed(long seed) {
        return System.getProperty("QT_SEED") == null ? qt().withFixedSeed(seed).withExamples(1000) : qt();
    }

    private static Gen<String> migrations() {
        return lists().of(arbitrary().pick(PIECES)).ofSizeBetween(0, 30).map(ps -> String.join("", ps));
    }

    /** Without the pieces the runner refuses (ROLLBACK, SAVEPOINT, \\i), so that most migrations are planned. */
    private static Gen<String> runnableMigrations() {
        List<String> runnable = PIECES.stream().filter(p -> !p.startsWith("ROLLBACK") && !p.startsWith("SAVEPOINT")
                && !p.startsWith("\\i")).toList();
        return lists().of(arbitrary().pick(runnable)).ofSizeBetween(0, 30).map(ps -> String.join("", ps));
    }

    /** The runner's plan, checked against the classifier's judgement of the same text. */
    static void runsWhatWasJudged(String sql) {
        PendingMigration m = new PendingMigration("m.sql", sql);
        List<SqlTransaction> plan = JdbcMigrationRunner.plan(m);
        SqlScript script = SqlScript.parse(sql);
        if (!script.problems().isEmpty()) {
            then(plan).as("a migration the runner cannot honour runs nothing: %s", sql).isEmpty();
            return;
        }
        Classification judged = CLASSIFIER.classify(m.toMigration());
        // the classifier's transactions, from its own statements and kinds
        List<List<String>> expected = new ArrayList<>();
        List<String> current = new ArrayList<>();
        List<Boolean> expectedInTx = new ArrayList<>();
        for (StatementAnalysis s : judged.statements()) {
            String id = s.index() + "@" + s.line() + ":" + s.column() + " " + s.sql();
            if (s.sql().startsWith("\\")) {
                continue; // psql meta-command: the client's, never sent to the server
            }
            if (BOUNDARY_KINDS.contains(s.kind())) {
                flush(expected, expectedInTx, current);
            } else if (SqlStatement.needsNoTransaction(s.sql())) {
                flush(expected, expectedInTx, current);
                expected.add(List.of(id));
                expectedInTx.add(false);
            } else {
                current.add(id);
            }
        }
        flush(expected, expectedInTx, current);
        List<List<String>> actual = new ArrayList<>();
        List<Boolean> actualInTx = new ArrayList<>();
        for (SqlTransaction tx : plan) {
            actual.add(tx.statements().stream().map(s -> s.index() + "@" + s.line() + ":" + s.column() + " "
                    + s.text()).toList());
            actualInTx.add(tx.inTransaction());
        }
        then(actual).as("statements and transactions the runner executes for:%n%s", sql).isEqualTo(expected);
        then(actualInTx).as("which run in a transaction, for:%n%s", sql).isEqualTo(expectedInTx);
        then(plan).flatExtracting(SqlTransaction::statements).extracting(SqlStatement::text)
                .noneMatch(t -> t.contains("must_never_run"));
    }

    private static void flush(List<List<String>> out, List<Boolean> inTx, List<String> current) {
        if (!current.isEmpty()) {
            out.add(List.copyOf(current));
            inTx.add(true);
            current.clear();
        }
    }

    private static List<Path> sqlFiles(String folder) throws IOException {
        Path root = Path.of("src/test/resources", folder);
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
    }

    @Test
    void over_the_rule_corpus_the_runner_runs_exactly_what_was_judged() throws IOException {
        List<Path> files = sqlFiles("corpus");
        then(files).hasSizeGreaterThan(100);
        for (Path f : files) {
            runsWhatWasJudged(Files.readString(f));
        }
    }

    @Test
    void over_the_django_files_the_runner_runs_exactly_what_was_judged() throws IOException {
        List<Path> files = new ArrayList<>(sqlFiles("django"));
        files.addAll(sqlFiles("django-corpus"));
        then(files).hasSizeGreaterThan(10);
        for (Path f : files) {
            runsWhatWasJudged(Files.readString(f));
        }
    }

    @Test
    void over_random_migrations_the_runner_runs_exactly_what_was_judged_and_never_a_down_section() {
        qtFixed(11).forAll(migrations()).checkAssert(RunnerRunsWhatWasJudgedPropertiesTest::runsWhatWasJudged);
        qtFixed(12).forAll(runnableMigrations())
                .checkAssert(RunnerRunsWhatWasJudgedPropertiesTest::runsWhatWasJudged);
    }
}
