package io.zdcd.analyzer.bench;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Migration;
import io.zdcd.classify.MigrationClassifier;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Statements per second through {@link MigrationClassifier} on a Django-like mix (target: at least 50,000/s after
 * warm-up on 2 cores). One operation is one statement: each invocation classifies {@value #MIGRATIONS} migrations of
 * {@value DjangoMix#STATEMENTS_PER_MIGRATION} statements as one run.
 *
 * <pre>
 * mvn -B -Pbenchmarks -pl zdcd-analyzer -am -DskipTests verify
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClassifierBenchmark {

    static final int MIGRATIONS = 50;
    static final int STATEMENTS = MIGRATIONS * DjangoMix.STATEMENTS_PER_MIGRATION;

    private MigrationClassifier classifier;
    private List<Migration> migrations;
    private Migration single;

    @Setup
    public void setUp() {
        classifier = SqlMigrationClassifier.defaults();
        migrations = DjangoMix.migrations(MIGRATIONS);
        single = Migration.of("shop/all.sql", String.join("", migrations.stream().map(Migration::sql).toList()));
        ClassificationReport report = classifier.classifyAll(migrations);
        int statements = report.migrations().stream().mapToInt(m -> m.statements().size()).sum();
        if (statements != STATEMENTS) {
            throw new IllegalStateException("the mix has " + statements + " statements, expected " + STATEMENTS);
        }
    }

    /** A run of 50 migrations, each its own file (as {@code zdcd check folder/} does). */
    @Benchmark
    @OperationsPerInvocation(STATEMENTS)
    public ClassificationReport classify_all_migrations() {
        return classifier.classifyAll(migrations);
    }

    /** The same statements as one large migration. */
    @Benchmark
    @OperationsPerInvocation(STATEMENTS)
    public Object classify_one_large_migration() {
        return classifier.classify(single);
    }
}
