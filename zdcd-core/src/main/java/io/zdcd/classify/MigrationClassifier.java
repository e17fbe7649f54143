package io.zdcd.classify;

import java.util.List;

/**
 * Judges PostgreSQL migrations SAFE or UNSAFE for a zero-downtime deploy (migrations run before the new code, while
 * the old code serves traffic). Implementations are thread-safe and immutable.
 *
 * <pre>{@code
 * MigrationClassifier classifier = SqlMigrationClassifier.defaults();   // zdcd-analyzer
 * classifier.classify("CREATE INDEX idx_email ON users (email)");
 * // Classification[UNSAFE <inline>: 1 statement, 1 unsafe (create-index-non-concurrently@L1)]
 * }</pre>
 */
public interface MigrationClassifier {

    /**
     * Classifies one migration on its own (every table it does not create counts as existing).
     *
     * @param migration the migration
     * @return its verdict, statement by statement, with the findings
     */
    Classification classify(Migration migration);

    /**
     * Classifies SQL text as one migration named {@code <inline>}.
     *
     * @param sql the migration's SQL text
     * @return its verdict, statement by statement, with the findings
     */
    default Classification classify(String sql) {
        return classify(Migration.ofSql(sql));
    }

    /**
     * Classifies migrations in the order they apply: tables created by earlier ones count as existing (in production
     * they hold data) and their schema is known to the later ones.
     *
     * @param migrations the migrations, in apply order
     * @return one classification per migration, with the overall verdict
     */
    ClassificationReport classifyAll(List<Migration> migrations);

    /**
     * The PostgreSQL major version the verdicts are for.
     *
     * @return the major version, for example {@code 17}
     */
    int postgresVersion();
}
