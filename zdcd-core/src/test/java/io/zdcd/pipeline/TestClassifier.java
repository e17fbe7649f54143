package io.zdcd.pipeline;

import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Migration;
import io.zdcd.classify.MigrationClassifier;
import io.zdcd.classify.Verdict;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A small stand-in for zdcd-analyzer's classifier (which depends on core): DROP, RENAME, SET NOT NULL, ALTER TYPE and
 * CREATE INDEX without CONCURRENTLY are UNSAFE, and so is anything marked {@code -- unsafe}, and (rule
 * {@code test-python-operation}, as the analyzer fails closed on it) a Django operation that {@code sqlmigrate} cannot
 * write as SQL, such as {@code RunPython}.
 */
public class TestClassifier implements MigrationClassifier {
    private static final Pattern UNSAFE = Pattern.compile("(?is)--\\s*unsafe|\\bDROP\\s+(COLUMN|TABLE)\\b|\\bRENAME\\b"
            + "|\\bSET\\s+NOT\\s+NULL\\b|\\bALTER\\s+COLUMN\\s+\\w+\\s+TYPE\\b|\\bCREATE\\s+(UNIQUE\\s+)?INDEX\\s+(?!CONCURRENTLY)");

    private static final String NOT_SQL = "CANNOT BE WRITTEN AS SQL";

    @Override
    public Classification classify(Migration migration) {
        if (migration.sql().contains(NOT_SQL)) {
            return new Classification(migration.name(), Verdict.UNSAFE, List.of(), List.of(new Finding(
                    "test-python-operation", Verdict.UNSAFE, "runs Python that sqlmigrate cannot show",
                    "run the data change in batches outside the schema migration")));
        }
        boolean unsafe = UNSAFE.matcher(migration.sql()).find();
        return new Classification(migration.name(), unsafe ? Verdict.UNSAFE : Verdict.SAFE, List.of(),
                unsafe ? List.of(new Finding("test-unsafe", Verdict.UNSAFE, "unsafe in the test classifier", ""))
                        : List.of());
    }

    @Override
    public ClassificationReport classifyAll(List<Migration> migrations) {
        List<Classification> all = migrations.stream().map(this::classify).toList();
        return new ClassificationReport(17, all.stream().allMatch(Classification::isSafe) ? Verdict.SAFE
                : Verdict.UNSAFE, all);
    }

    @Override
    public int postgresVersion() {
        return 17;
    }
}
