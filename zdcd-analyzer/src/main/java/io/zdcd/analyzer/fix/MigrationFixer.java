package io.zdcd.analyzer.fix;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.fix.internal.Fixer;
import io.zdcd.classify.Migration;
import io.zdcd.jdbc.PostgresDatabase;
import java.util.Objects;

/**
 * Turns the UNSAFE statements of a plain SQL migration into a safe expand/contract sequence of files.
 *
 * <pre>{@code
 * MigrationFixer fixer = MigrationFixer.builder()
 *         .schema(Files.readString(Path.of("schema.sql")))  // or .liveSchema(PostgresDatabase.fromUrl(url))
 *         .build();                                         // PostgreSQL 17
 * FixResult fix = fixer.fix(Migration.of("0042_add_index", "CREATE INDEX shop_order_placed ON shop_order (placed_at);"));
 * // FixResult[0042_add_index: complete, 1 unsafe statement fixed, 0 without a recipe; files 0042_add_index_001_expand.sql]
 * }</pre>
 *
 * <p>Recipes, keyed by rule id: {@code create-index-non-concurrently}, {@code add-foreign-key},
 * {@code add-check-constraint}, {@code set-not-null} and {@code add-unique-constraint} (UNIQUE and PRIMARY KEY);
 * {@code drop-column}, {@code drop-table} and {@code drop-unique-constraint} move to a contract file;
 * {@code add-column-volatile-default}, {@code add-column-not-null-without-default} and {@code unbatched-data-change}
 * get a nullable column and a batch loop (a {@code DO} block that COMMITs each range of {@link Builder#batchSize(int)}
 * keys of the table's single-column integer primary key, known from the schema). A fix never
 * holds a sequence it has not proven: every statement of every expand file is classified SAFE by zdcd's own
 * classifier, with the same PostgreSQL version and known schema, and every statement of a contract file SAFE or
 * contract-phase (it breaks only the old code, no rewrite or scan), before the recipe is kept;
 * otherwise the statement is reported with "no recipe" and the reason. SAFE statements of the migration go into the
 * expand files in their order. Instances are immutable and thread-safe.
 */
public final class MigrationFixer {
    /** The default number of keys per batch of a batch loop: 1000. */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    private final SqlMigrationClassifier classifier;
    private final int batchSize;

    private MigrationFixer(SqlMigrationClassifier classifier, int batchSize) {
        this.classifier = classifier;
        this.batchSize = batchSize;
    }

    /** A fixer for PostgreSQL 17 with no known schema. */
    public static MigrationFixer defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The fix of {@code migration}. Its files are named after the migration's file name (without directory and
     * {@code .sql}), numbered in apply order.
     *
     * @throws io.zdcd.analyzer.LiveSchemaException when a live schema is set and cannot be read
     */
    public FixResult fix(Migration migration) {
        Objects.requireNonNull(migration, "migration");
        return new Fixer(classifier, batchSize).fix(migration);
    }

    /** The PostgreSQL major version the fix is proven for. */
    public int postgresVersion() {
        return classifier.postgresVersion();
    }

    @Override
    public String toString() {
        return "MigrationFixer[" + classifier.toString().replace("SqlMigrationClassifier[", "").replace("]", "")
                + ", batches of " + batchSize + "]";
    }

    /**
     * Options, set as on {@link SqlMigrationClassifier.Builder} (the fixer's classifier is built from them);
     * {@link #build()} returns an immutable fixer.
     */
    public static final class Builder {
        private final SqlMigrationClassifier.Builder classifier = SqlMigrationClassifier.builder();
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder() {
        }

        /** As {@link SqlMigrationClassifier.Builder#postgresVersion(int)} (default 17). */
        public Builder postgresVersion(int major) {
            classifier.postgresVersion(major);
            return this;
        }

        /** As {@link SqlMigrationClassifier.Builder#postgresVersion(String)}. */
        public Builder postgresVersion(String version) {
            classifier.postgresVersion(version);
            return this;
        }

        /** As {@link SqlMigrationClassifier.Builder#schema(String)}: the existing schema as SQL (default: none). */
        public Builder schema(String sqlOrPgDumpText) {
            classifier.schema(sqlOrPgDumpText);
            return this;
        }

        /** As {@link SqlMigrationClassifier.Builder#liveSchema(PostgresDatabase)}: read at each {@code fix}. */
        public Builder liveSchema(PostgresDatabase database) {
            classifier.liveSchema(database);
            return this;
        }

        /** As {@link SqlMigrationClassifier.Builder#liveSchema(javax.sql.DataSource)}. */
        public Builder liveSchema(javax.sql.DataSource dataSource) {
            classifier.liveSchema(dataSource);
            return this;
        }

        /**
         * The number of keys per batch of a batch loop (backfills, batched UPDATE/DELETE): each batch is one short
         * transaction over that range of the primary key (default {@value MigrationFixer#DEFAULT_BATCH_SIZE}).
         *
         * @throws IllegalArgumentException when not between 1 and 1,000,000
         */
        public Builder batchSize(int keys) {
            if (keys < 1 || keys > io.zdcd.analyzer.internal.BatchLoop.MAX_BATCH) {
                throw new IllegalArgumentException("batch size must be between 1 and "
                        + io.zdcd.analyzer.internal.BatchLoop.MAX_BATCH + ": " + keys);
            }
            this.batchSize = keys;
            return this;
        }

        public MigrationFixer build() {
            return new MigrationFixer(classifier.implicitTransactions(true).build(), batchSize);
        }
    }
}
