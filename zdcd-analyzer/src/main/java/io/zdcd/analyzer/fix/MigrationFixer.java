package io.zdcd.analyzer.fix;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.fix.internal.DjangoWriter;
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
 * {@code drop-column}, {@code drop-table}, {@code drop-unique-constraint} and {@code drop-default-not-null} (Django's
 * {@code AddField} with a default: the database default stays until then) move to a contract file;
 * {@code add-column-volatile-default}, {@code add-column-not-null-without-default} and {@code unbatched-data-change}
 * get a nullable column and a batch loop (a {@code DO} block that COMMITs each range of {@link Builder#batchSize(int)}
 * keys of the table's single-column integer primary key, known from the schema); {@code rename-column} and
 * {@code alter-column-type} copy the column into a new one kept in sync by a trigger. A fix never
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

    /**
     * A fixer for PostgreSQL 17 with no known schema.
     *
     * @return a fixer with every default of {@link Builder}, batches of {@value #DEFAULT_BATCH_SIZE} keys
     */
    public static MigrationFixer defaults() {
        return builder().build();
    }

    /**
     * A builder with the defaults: PostgreSQL 17, no known schema, batches of {@value #DEFAULT_BATCH_SIZE} keys.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The fix of {@code migration}. Its files are named after the migration's file name (without directory and
     * {@code .sql}), numbered in apply order.
     *
     * @param migration the plain SQL migration to fix; not null
     * @return the expand and contract files and, per UNSAFE statement, the recipe applied or why there is none;
     *         a migration with nothing UNSAFE gets no files
     * @throws io.zdcd.analyzer.LiveSchemaException when a live schema is set and cannot be read
     */
    public FixResult fix(Migration migration) {
        Objects.requireNonNull(migration, "migration");
        return new Fixer(classifier, batchSize).fix(migration);
    }

    /**
     * The fix of a Django migration, as Django migrations: the expand migration that replaces the original file (same
     * name and dependencies; {@code SeparateDatabaseAndState} with the original operations as
     * {@code state_operations}, so Django's state and {@code makemigrations} stay as they were, and the expand steps as
     * {@code RunSQL} database operations, {@code atomic = False} when a step must run outside a transaction or the
     * steps must commit one by one) and a contract migration depending on it, named with the next number
     * ({@code 0004_order_status} -> {@code 0005_order_status_contract}). The SQL fixed is {@code sqlmigrate}'s, proven
     * as {@link #fix} proves it. Django's {@code AddField} with a default keeps the database default until the
     * contract ({@code drop-default-not-null}). When some UNSAFE statement has no recipe, there are no files: the
     * migration stays as it is.
     *
     * <pre>{@code
     * DjangoFix fix = fixer.fixDjango(DjangoMigration.read(project, "orders", "0004_order_status"));
     * // DjangoFix[orders/0004_order_status: complete; files 0004_order_status.py, 0005_order_status_contract.py]
     * }</pre>
     *
     * @param migration the Django migration with its file's text and {@code sqlmigrate} SQL, for example from
     *                  {@link DjangoMigration#read}; not null
     * @return the fix of the migration's SQL and, when it is complete, the expand and contract migration files
     * @throws IllegalArgumentException when the migration file has no {@code class Migration} with an
     *                                  {@code operations = [...]} list
     * @throws io.zdcd.analyzer.LiveSchemaException when a live schema is set and cannot be read
     */
    public DjangoFix fixDjango(DjangoMigration migration) {
        Objects.requireNonNull(migration, "migration");
        FixResult sql = fix(Migration.of(migration.app() + "/" + migration.name(), migration.sql()));
        return new DjangoFix(migration.app(), migration.name(), sql, DjangoWriter.write(migration, sql));
    }

    /**
     * The PostgreSQL major version the fix is proven for.
     *
     * @return the major version, 11 to 18, as set with {@link Builder#postgresVersion(int)} (17 by default)
     */
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

        /**
         * As {@link SqlMigrationClassifier.Builder#postgresVersion(int)} (default 17).
         *
         * @param major the PostgreSQL major version, 11 to 18; IAE outside that range
         * @return this builder
         */
        public Builder postgresVersion(int major) {
            classifier.postgresVersion(major);
            return this;
        }

        /**
         * As {@link SqlMigrationClassifier.Builder#postgresVersion(String)}.
         *
         * @param version the version as {@code "17"} or with its minor release, {@code "14.2"}
         * @return this builder
         */
        public Builder postgresVersion(String version) {
            classifier.postgresVersion(version);
            return this;
        }

        /**
         * As {@link SqlMigrationClassifier.Builder#schema(String)}: the existing schema as SQL (default: none).
         *
         * @param sqlOrPgDumpText the schema's DDL, for example {@code pg_dump --schema-only} output; not null
         * @return this builder
         */
        public Builder schema(String sqlOrPgDumpText) {
            classifier.schema(sqlOrPgDumpText);
            return this;
        }

        /**
         * As {@link SqlMigrationClassifier.Builder#liveSchema(PostgresDatabase)}: read at each {@code fix}.
         *
         * @param database the database whose catalog to read; not null
         * @return this builder
         */
        public Builder liveSchema(PostgresDatabase database) {
            classifier.liveSchema(database);
            return this;
        }

        /**
         * As {@link SqlMigrationClassifier.Builder#liveSchema(javax.sql.DataSource)}.
         *
         * @param dataSource where to get a connection for each read of the catalog; not null
         * @return this builder
         */
        public Builder liveSchema(javax.sql.DataSource dataSource) {
            classifier.liveSchema(dataSource);
            return this;
        }

        /**
         * The number of keys per batch of a batch loop (backfills, batched UPDATE/DELETE): each batch is one short
         * transaction over that range of the primary key (default {@value MigrationFixer#DEFAULT_BATCH_SIZE}).
         *
         * @param keys the number of primary-key values per batch, 1 to 1,000,000
         * @return this builder
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

        /**
         * The fixer.
         *
         * @return an immutable, thread-safe fixer with these options
         */
        public MigrationFixer build() {
            return new MigrationFixer(classifier.implicitTransactions(true).build(), batchSize);
        }
    }
}
