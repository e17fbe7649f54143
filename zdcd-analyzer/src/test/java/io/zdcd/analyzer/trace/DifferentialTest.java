package io.zdcd.analyzer.trace;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.classify.Classification;
import io.zdcd.classify.Migration;
import io.zdcd.classify.MigrationClassifier;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The oracle: every SAFE and UNSAFE case of every rule's corpus ({@code corpus/<rule>/{safe,unsafe}/*.sql}) and every
 * file of the Django {@code sqlmigrate} corpus is classified and traced on the PostgreSQL under test; the predicted
 * lock, rewrite and failure must match what PostgreSQL did, unless {@code known-differences.tsv} documents the
 * difference as harmless. Runs on the default version in CI; {@code docs/differential-all-versions.sh} runs it on
 * 13 to 18 and regenerates {@code docs/lock-matrix.md}.
 */
@ExtendWith(PostgresExtension.class)
class DifferentialTest {
    static final Path RESOURCES = Path.of("src/test/resources");
    static final Path RULE_CORPUS = RESOURCES.resolve("corpus");
    static final Path DJANGO_CORPUS = RESOURCES.resolve("django-corpus");
    /** Per rule, SAFE and UNSAFE operations on the fixture's tables: {@code <rule-id>/{safe,unsafe}/*.sql}. */
    static final Path OPERATIONS = RESOURCES.resolve("differential/operations");
    /** The tables the operations corpus works on, applied before each case (see the file). */
    static final Path OPERATIONS_FIXTURE = RESOURCES.resolve("differential/rule-fixture.sql");
    /** The tables the classifier's corpus works on, and per-case additions where its cases clash. */
    static final Path CORPUS_FIXTURE = RESOURCES.resolve("differential/corpus-fixture.sql");
    static final Path CORPUS_PATCHES = RESOURCES.resolve("differential/corpus-patches");
    static final int ROWS = 100;

    /**
     * {@code -Dzdcd.differential.only=REGEX} runs only the cases whose id matches (for looking into a mismatch); such
     * a partial run records no observations.
     */
    private static final String ONLY = System.getProperty("zdcd.differential.only", "");

    private static boolean selected(String id) {
        return ONLY.isBlank() || java.util.regex.Pattern.compile(ONLY).matcher(id).find();
    }

    private static final List<LockMatrixPage.Row> OBSERVED = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> MISMATCHES = Collections.synchronizedList(new ArrayList<>());
    private static final int[] COUNTS = new int[4]; // cases, statements, allowed differences, relations compared

    private static MigrationClassifier classifier(TestDatabase db) {
        return SqlMigrationClassifier.builder().postgresVersion(db.majorVersion()).build();
    }

    @BeforeAll
    static void roles_the_corpus_grants_to(TestDatabase db) {
        // Roles are server-wide: the test (not the tracer) creates them on its own throw-away server.
        for (String role : List.of("app", "reporting")) {
            db.execute("DO $$ BEGIN CREATE ROLE " + role + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        }
    }

    @TestFactory
    Stream<DynamicTest> operations_behave_as_predicted(TestDatabase db) throws IOException {
        List<Path> cases = sqlFilesBelow(OPERATIONS);
        then(cases).as("operations corpus under " + OPERATIONS).hasSizeGreaterThan(40);
        Migration fixture = Migration.fromFile(OPERATIONS_FIXTURE);
        MigrationClassifier classifier = classifier(db);
        return cases.stream().filter(file -> selected(OPERATIONS.relativize(file).toString())).map(file -> {
            String id = OPERATIONS.relativize(file).toString().replace(".sql", "");
            return DynamicTest.dynamicTest(id, () -> run(db, classifier, fixture, Migration.of(id, read(file))));
        });
    }

    /**
     * The classifier's own corpus. Its {@code -- pg:} headers are ignored (the server's version is what can be
     * observed: the classifier is asked about that version), {@code -- schema:} headers replace the shared fixture.
     */
    @TestFactory
    Stream<DynamicTest> rule_corpus_cases_behave_as_predicted(TestDatabase db) throws IOException {
        List<Path> cases = sqlFilesBelow(RULE_CORPUS);
        then(cases).as("the classifier's corpus under " + RULE_CORPUS).hasSizeGreaterThan(100);
        String shared = read(CORPUS_FIXTURE);
        MigrationClassifier classifier = classifier(db);
        return cases.stream().filter(file -> selected("corpus/" + RULE_CORPUS.relativize(file))).map(file -> {
            Path rel = RULE_CORPUS.relativize(file);
            String id = "corpus/" + rel.toString().replace(".sql", "");
            return DynamicTest.dynamicTest(id, () -> {
                String sql = read(file);
                String header = sql.lines().filter(l -> l.startsWith("-- schema: ")).map(l -> l.substring(11))
                        .collect(Collectors.joining("\n"));
                String fixture = header.isEmpty() ? shared : header;
                Path patch = CORPUS_PATCHES.resolve(rel);
                if (header.isEmpty() && Files.exists(patch)) {
                    fixture = fixture + "\n" + read(patch);
                }
                run(db, classifier, Migration.of("fixture", fixture), Migration.of(id, sql));
            });
        });
    }

    private static void run(TestDatabase db, MigrationClassifier classifier, Migration fixture, Migration m) {
        LockTracer tracer = LockTracer.builder().dataSource(db.dataSource()).rows(ROWS).addHistory(fixture).build();
        Classification predicted = classifier.classifyAll(List.of(fixture, m)).migrations().get(1);
        check(m.name(), TraceComparator.defaults().compare(predicted, tracer.trace(m)));
    }

    @TestFactory
    Stream<DynamicTest> django_sqlmigrate_output_behaves_as_predicted(TestDatabase db) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DJANGO_CORPUS)) {
            files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        then(files).as("Django corpus").hasSizeGreaterThanOrEqualTo(20);
        List<Migration> migrations = files.stream()
                .map(f -> Migration.of("django/" + f.getFileName().toString().replace(".sql", ""), read(f)))
                .toList();
        List<Classification> predicted = classifier(db).classifyAll(migrations).migrations();
        List<TraceReport> traces = LockTracer.builder().dataSource(db.dataSource()).rows(ROWS).build()
                .traceAll(migrations);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < migrations.size(); i++) {
            TraceComparison c = TraceComparator.defaults().compare(predicted.get(i), traces.get(i));
            String id = migrations.get(i).name();
            if (!selected(id)) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(id, () -> check(id, c)));
        }
        return tests.stream();
    }

    private static void check(String id, TraceComparison c) {
        synchronized (COUNTS) {
            COUNTS[0]++;
        }
        for (StatementComparison s : c.statements()) {
            StatementTrace o = s.observed();
            synchronized (COUNTS) {
                COUNTS[1]++;
                COUNTS[2] += (int) s.mismatches().stream().filter(Mismatch::allowed).count();
                COUNTS[3] += s.relations().size();
            }
            then(s.predicted().filter(p -> p.lock().isPresent() && p.locks().isEmpty()))
                    .as("%s #%d: the classifier predicts a lock without naming the relations it is on", id, o.index())
                    .isEmpty();
            if (o.lock().isPresent() || o.failed() || o.rewrite()) {
                OBSERVED.add(new LockMatrixPage.Row(id, o.index(), o.sql(),
                        o.lock().map(io.zdcd.classify.LockMode::pgName).orElse(o.failed() ? "unseen" : "none"),
                        o.rewrite(), o.sqlState().orElse(""), perRelation(s)));
            }
            if (!s.matches()) {
                MISMATCHES.add(id + " #" + o.index() + " " + o.sql().replaceAll("\\s+", " ") + ": "
                        + s.mismatches().stream().filter(m -> !m.allowed()).map(Mismatch::toString)
                        .collect(Collectors.joining("; ")) + " [rules: " + s.predicted().map(p -> p.findings()
                        .stream().map(io.zdcd.classify.Finding::ruleId).collect(Collectors.joining(", "))).orElse("")
                        + "]");
            }
        }
        then(c.mismatches()).as(() -> "prediction vs PostgreSQL " + c.trace().serverVersion() + " for " + id + ":\n"
                + TraceReports.text(List.of(c))).isEmpty();
    }

    /** The observed lock on each compared relation, when there are several: {@code users ShareLock, ...}. */
    private static String perRelation(StatementComparison s) {
        java.util.Map<String, io.zdcd.classify.LockMode> per = new java.util.LinkedHashMap<>();
        for (RelationLock l : s.observed().locks()) {
            if (s.relations().contains(l.kind() + " " + l.relation())) {
                per.merge(l.relation(), l.mode(), io.zdcd.classify.LockMode::max);
            }
        }
        return per.size() < 2 ? "" : per.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().pgName())
                .collect(Collectors.joining(", "));
    }

    @AfterAll
    static void record(TestDatabase db) {
        String summary = COUNTS[0] + " cases, " + COUNTS[1] + " statements, " + COUNTS[3] + " relation locks compared, "
                + MISMATCHES.size() + " mismatches, " + COUNTS[2] + " allowed differences";
        System.out.println("differential: PostgreSQL " + db.majorVersion() + ": " + summary);
        MISMATCHES.forEach(m -> System.out.println("differential mismatch: " + m));
        String dir = System.getProperty("zdcd.trace.observations", "");
        if (!dir.isBlank() && ONLY.isBlank()) {
            LockMatrixPage.write(Path.of(dir), db.majorVersion(), summary, List.copyOf(OBSERVED));
        }
    }

    private static List<Path> sqlFilesBelow(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
