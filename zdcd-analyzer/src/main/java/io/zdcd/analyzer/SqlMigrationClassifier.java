package io.zdcd.analyzer;

import io.zdcd.analyzer.internal.KnownSchema;
import io.zdcd.analyzer.internal.MigrationAnalyzer;
import io.zdcd.analyzer.internal.PgVersion;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.RuleIds;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.rules.RuleSet;
import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Migration;
import io.zdcd.classify.MigrationClassifier;
import io.zdcd.classify.Verdict;
import io.zdcd.jdbc.PostgresDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The PostgreSQL migration classifier: judges every statement SAFE or UNSAFE for a zero-downtime deploy, with the
 * lock it takes, whether it rewrites or scans, whether the old code breaks, and a safe alternative.
 *
 * <pre>{@code
 * MigrationClassifier classifier = SqlMigrationClassifier.defaults();        // PostgreSQL 17
 * classifier.classify("CREATE INDEX idx_email ON users (email)");
 * // Classification[UNSAFE <inline>: 1 statement, 1 unsafe (create-index-non-concurrently@L1)]
 *
 * MigrationClassifier pg14 = SqlMigrationClassifier.builder()
 *         .postgresVersion("14.2")                     // 14.0-14.3: concurrent index builds can corrupt indexes
 *         .schema(Files.readString(Path.of("schema.sql")))   // pg_dump --schema-only: known column types
 *         // or: .liveSchema(PostgresDatabase.fromUrl(System.getenv("DATABASE_URL")))  // read at each classify
 *         .disableRule("lock-timeout-missing")
 *         .build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. Classification never throws for any SQL text: what cannot be
 * recognised is UNSAFE with the reason.
 */
public final class SqlMigrationClassifier implements MigrationClassifier {
    /** The PostgreSQL major version used when none is set. */
    public static final int DEFAULT_POSTGRES_VERSION = 17;

    static {
        io.zdcd.analyzer.internal.ClassifierAccess.register((c, m) -> {
            Schema schema = c.schemaNow();
            c.analyzer.analyze(m, schema);
            return schema;
        });
    }

    private final PgVersion version;
    private final Set<String> disabledRules;
    private final List<io.zdcd.analyzer.rules.MigrationRule> userRules;
    private final RuleSet rules;
    private final KnownSchema known;
    private final MigrationAnalyzer analyzer;
    private final boolean implicitTransactions;

    private SqlMigrationClassifier(Builder b) {
        this.version = b.version;
        Set<String> disabled = new LinkedHashSet<>(b.disabledRules);
        for (String id : RuleSet.builtIn().ids()) {
            if (b.rules.get(id).isEmpty()) {
                disabled.add(id); // left out of the rule set
            }
        }
        this.disabledRules = Set.copyOf(disabled);
        this.rules = b.rules.without(b.rules.ids().stream().filter(disabled::contains).toArray(String[]::new));
        this.implicitTransactions = b.implicitTransactions;
        this.known = new KnownSchema(version, b.schemaSql, b.live, b.liveName, b.liveTimeout);
        this.userRules = b.rules.teamRules();
        this.analyzer = new MigrationAnalyzer(version, disabledRules, b.crossCheck, b.implicitTransactions,
                userRules);
    }

    /** {@return a classifier for PostgreSQL 17 with every rule enabled and no known schema} */
    public static SqlMigrationClassifier defaults() {
        return builder().build();
    }

    /** {@return a new builder with every rule on and the defaults listed on each setting} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the ids of every rule, in catalogue order (for {@link Builder#disableRule(String)} and zdcd:ignore)} */
    public static List<String> ruleIds() {
        return Rules.all().stream().map(Rule::id).toList();
    }

    /**
     * The rules this classifier reports: zdcd's and the team's ({@link Builder#rules(RuleSet)},
     * {@link Builder#addRule}), without those disabled ({@link Builder#disableRule}).
     *
     * @return the rules whose findings this classifier reports, zdcd's in catalogue order, then the team's
     */
    public RuleSet rules() {
        return rules;
    }

    @Override
    public Classification classify(Migration migration) {
        Objects.requireNonNull(migration, "migration");
        return analyzer.analyze(migration, schemaNow());
    }

    @Override
    public ClassificationReport classifyAll(List<Migration> migrations) {
        Objects.requireNonNull(migrations, "migrations");
        migrations.forEach(m -> Objects.requireNonNull(m, "migration"));
        Schema schema = schemaNow();
        List<Classification> results = new ArrayList<>(migrations.size());
        for (Migration m : migrations) {
            results.add(analyzer.analyze(Objects.requireNonNull(m, "migration"), schema));
        }
        Verdict verdict = results.stream().allMatch(Classification::isSafe) ? Verdict.SAFE : Verdict.UNSAFE;
        return new ClassificationReport(version.major(), verdict, results);
    }

    /**
     * Classifies the migrations in order, as {@link #classifyAll(List)} does, and writes their report in that format
     * to {@code out} while the statements stream past, keeping none of them: memory stays bounded by the largest
     * migration's text, whatever the number of statements (a million-statement file checks in a 512 MB heap). The
     * output is exactly what {@link io.zdcd.analyzer.report.Reports#write} writes for {@code classifyAll}'s report.
     * {@code migrations} is iterated two or three times (first to learn the verdicts and counts the report begins
     * with, then to write it): each iteration must yield the same migrations, for example by reading the files
     * again, so that only one migration's text is in memory at a time. Nothing is written before the first
     * iteration is complete, so a migration that cannot be read fails before any output. The caller flushes and
     * closes {@code out}.
     *
     * @param migrations the migrations to classify, in the order they run; not null, and iterable more than once
     *                   with the same migrations each time
     * @param format     the format to write the report in; not null
     * @param out        where the report is written (a {@link java.io.Writer}, a {@link java.io.PrintStream}, a
     *                   {@link StringBuilder}...); not null, and left open
     * @return the counts of the report written: its verdict and how many migrations and statements were classified,
     *         and how many of them UNSAFE
     * @throws java.io.UncheckedIOException when {@code out} fails
     */
    public io.zdcd.analyzer.report.ReportSummary writeReport(Iterable<Migration> migrations,
                                                            io.zdcd.analyzer.report.ReportFormat format,
                                                            Appendable out) {
        Objects.requireNonNull(migrations, "migrations");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        String tool = SqlMigrationClassifier.class.getPackage().getImplementationVersion();
        return io.zdcd.analyzer.report.internal.StreamingReport.write(analyzer, schemaNow(), version.major(),
                migrations, format, tool == null ? "development" : tool, out);
    }

    /**
     * Classifies the migrations in order, as {@link #classifyAll(List)} does, and writes their report in that format
     * to {@code out} as UTF-8 bytes, exactly the bytes of {@link io.zdcd.analyzer.report.Reports#writeUtf8} for
     * {@code classifyAll}'s report. For JSON, the fastest way to a file or a pipe: each statement is encoded on a
     * second thread while the classifier goes on, and the whole report is held in memory as bytes until the verdict
     * it begins with is known (use {@link #writeReport(Iterable, io.zdcd.analyzer.report.ReportFormat, Appendable)}
     * for inputs too large for memory). {@code out} is flushed, not closed.
     *
     * @param migrations the migrations to classify, in the order they run; not null
     * @param format     the format to write the report in; not null
     * @param out        where the UTF-8 bytes go; not null, flushed and left open
     * @return the counts of the report written: its verdict and how many migrations and statements were classified,
     *         and how many of them UNSAFE
     * @throws java.io.UncheckedIOException when {@code out} fails
     */
    public io.zdcd.analyzer.report.ReportSummary writeReportUtf8(List<Migration> migrations,
                                                                io.zdcd.analyzer.report.ReportFormat format,
                                                                java.io.OutputStream out) {
        Objects.requireNonNull(migrations, "migrations");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        migrations.forEach(m -> Objects.requireNonNull(m, "migration"));
        return io.zdcd.analyzer.report.internal.ConcurrentJsonReport.writeUtf8(analyzer, schemaNow(),
                version.major(), migrations, format, () -> classifyAll(migrations), out);
    }

    /** The known schema for one classification (see {@link KnownSchema#now()}). */
    private Schema schemaNow() {
        return known.now();
    }

    @Override
    public int postgresVersion() {
        return version.major();
    }

    /**
     * The target version as set, for example {@code 17} or {@code 14.2}.
     *
     * @return the PostgreSQL version the classifier judges for, as given to {@link Builder#postgresVersion(String)}
     *         (with its minor release when one was given), or {@link #DEFAULT_POSTGRES_VERSION} by default
     */
    public String postgresRelease() {
        return version.toString();
    }

    @Override
    public String toString() {
        return "SqlMigrationClassifier[PostgreSQL " + version
                + (disabledRules.isEmpty() ? "" : disabledRules.size() > 10 ? ", " + disabledRules.size()
                        + " rules disabled" : ", disabled " + new java.util.TreeSet<>(disabledRules))
                + (userRules.isEmpty() ? "" : ", own rules " + userRules.stream()
                        .map(io.zdcd.analyzer.rules.MigrationRule::id).toList())
                + known.describe()
                + (implicitTransactions ? "" : ", autocommit") + "]";
    }

    /** Options; {@link #build()} returns an immutable classifier. */
    public static final class Builder {
        private PgVersion version = new PgVersion(DEFAULT_POSTGRES_VERSION, -1);
        private final Set<String> disabledRules = new LinkedHashSet<>();
        private RuleSet rules = RuleSet.builtIn();
        private String schemaSql = "";
        private boolean crossCheck = true;
        private boolean implicitTransactions = true;
        private KnownSchema.LiveSource live;
        private String liveName;
        private Duration liveTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * The PostgreSQL major version to judge for, 11 to 18 (default: 17). IAE outside that range.
         *
         * @param major the major version, 11 to 18
         * @return this builder
         */
        public Builder postgresVersion(int major) {
            this.version = new PgVersion(major, -1);
            return this;
        }

        /**
         * The PostgreSQL version as {@code "17"} or with its minor release, {@code "14.2"} (default: "17"). The minor
         * release matters for 14.0 to 14.3, whose CREATE INDEX / REINDEX CONCURRENTLY can corrupt indexes; with a
         * bare "14" zdcd assumes a fixed release and says so in its findings.
         *
         * @param version {@code "17"} or {@code "14.2"}
         * @return this builder
         */
        public Builder postgresVersion(String version) {
            this.version = PgVersion.parse(version);
            return this;
        }

        /**
         * The rules to report (default: {@link RuleSet#builtIn()}): zdcd's rules left out of {@code rules} are
         * disabled, and the team's rules in it run on every statement after zdcd's, in its order. It replaces the
         * rules chosen before (by an earlier call, {@link #addRule} or {@link #loadRules}); {@link #addRule} and
         * {@link #loadRules} called after it add to it, and {@link #disableRule} applies on top of it whenever it
         * is called.
         *
         * <pre>{@code
         * builder.rules(RuleSet.builtIn().without("lock-timeout-missing").plus(noAuditDrops));
         * }</pre>
         *
         * @param rules the rules; not null
         * @return this builder
         */
        public Builder rules(RuleSet rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /**
         * Adds a team's own rule, run on every statement after zdcd's (see {@link io.zdcd.analyzer.rules.MigrationRule}):
         * {@code rules(rules.plus(rule))}.
         *
         * @param rule the rule; IAE when its id is malformed or already taken by zdcd or another added rule, or when
         *             it overrides neither of its {@code check} methods
         * @return this builder
         */
        public Builder addRule(io.zdcd.analyzer.rules.MigrationRule rule) {
            Objects.requireNonNull(rule, "rule");
            rules = rules.plus(rule);
            return this;
        }

        /**
         * Adds every {@link io.zdcd.analyzer.rules.MigrationRule} that {@link java.util.ServiceLoader} finds through
         * {@code classLoader} ({@code META-INF/services/io.zdcd.analyzer.rules.MigrationRule} files), as
         * {@link #addRule} does.
         *
         * @param classLoader where to look, for example a {@code URLClassLoader} over a team's rules jar
         * @return this builder
         * @throws IllegalArgumentException when a rule cannot be loaded or its id is malformed or taken
         */
        public Builder loadRules(ClassLoader classLoader) {
            Objects.requireNonNull(classLoader, "classLoader");
            try {
                for (io.zdcd.analyzer.rules.MigrationRule rule : java.util.ServiceLoader.load(
                        io.zdcd.analyzer.rules.MigrationRule.class, classLoader)) {
                    addRule(rule);
                }
            } catch (java.util.ServiceConfigurationError e) {
                throw new IllegalArgumentException("cannot load a rule: " + e.getMessage(), e);
            }
            return this;
        }

        /**
         * Turns a rule off: its findings are not reported (default: every rule on); a team's rule disabled still
         * names a known rule for {@code zdcd:ignore}. IAE for an id that is neither zdcd's nor one added before with
         * {@link #addRule} or {@link #rules(RuleSet)}.
         *
         * @param ruleId a rule id from {@link SqlMigrationClassifier#ruleIds()} or of a rule added with {@link #addRule}
         * @return this builder
         */
        public Builder disableRule(String ruleId) {
            Objects.requireNonNull(ruleId, "ruleId");
            disabledRules.add(RuleIds.checkKnown(ruleId, java.util.Set.copyOf(rules.ids())));
            return this;
        }

        /**
         * The existing schema as SQL, for example {@code pg_dump --schema-only} output (default: none). Its tables,
         * column types, NOT NULLs, constraints and indexes count as existing, so that, for example, widening a
         * {@code varchar(50)} it declares is recognised as SAFE.
         *
         * @param sqlOrPgDumpText the schema's DDL
         * @return this builder
         */
        public Builder schema(String sqlOrPgDumpText) {
            this.schemaSql = Objects.requireNonNull(sqlOrPgDumpText, "sqlOrPgDumpText");
            return this;
        }

        /**
         * The existing schema read from a live database's catalog (default: none): at each {@code classify} and
         * {@code classifyAll} call, the classifier connects, reads the tables, column types, defaults, NOT NULLs,
         * constraints (with their validity), indexes, partitions, views and sequences and each table's row estimate
         * ({@code pg_class.reltuples}) in one read-only transaction with a statement_timeout
         * ({@link #liveSchemaTimeout(Duration)}), and disconnects. The migrations are judged against the schema as it
         * is at that moment, exactly as with the same schema given as {@code pg_dump --schema-only} text to
         * {@link #schema(String)} (which, when also set, adds to it); findings of long operations name the row
         * estimate ("locks shop_order, about 2.1M rows"). When the catalog cannot be read, {@code classify} throws
         * {@link LiveSchemaException} (never a verdict on a schema it could not see). Nothing is written.
         *
         * @param database the database whose catalog to read
         * @return this builder
         */
        public Builder liveSchema(PostgresDatabase database) {
            Objects.requireNonNull(database, "database");
            this.live = database::connect;
            this.liveName = database.toString();
            return this;
        }

        /**
         * As {@link #liveSchema(PostgresDatabase)}, connecting through {@code dataSource} (a connection per read).
         *
         * @param dataSource where to get a connection for each read
         * @return this builder
         */
        public Builder liveSchema(javax.sql.DataSource dataSource) {
            Objects.requireNonNull(dataSource, "dataSource");
            this.live = dataSource::getConnection;
            this.liveName = "the data source";
            return this;
        }

        /**
         * The statement_timeout (and lock_timeout) of the live schema's catalog queries (default: 10 s). IAE unless
         * positive.
         *
         * @param timeout the timeout, positive
         * @return this builder
         */
        public Builder liveSchemaTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("liveSchemaTimeout must be positive: " + timeout);
            }
            this.liveTimeout = timeout;
            return this;
        }

        /**
         * Whether facts a SAFE verdict hinges on are cross-checked with JSqlParser 5.4 (default: true). A
         * disagreement makes the statement UNSAFE ({@code parser-disagreement}).
         *
         * @param enabled whether to cross-check
         * @return this builder
         */
        public Builder parserCrossCheck(boolean enabled) {
            this.crossCheck = enabled;
            return this;
        }

        /**
         * How statements outside an explicit {@code BEGIN ... COMMIT} run (default: true).
         *
         * <p>true: as zdcd's own runner, Flyway, Liquibase and Django's atomic migrations run a migration file:
         * the statements between explicit transactions (and between statements that cannot run in a transaction,
         * such as {@code CREATE INDEX CONCURRENTLY}) form one transaction, so a lock one of them takes is held until
         * that transaction ends, and a scan, rewrite or backfill after it is UNSAFE
         * ({@code long-operation-under-held-lock}). false: autocommit, as {@code psql -f} and Django's
         * {@code atomic = False} migrations run them: each statement commits on its own.
         *
         * @param enabled true for one transaction per run of statements, false for autocommit
         * @return this builder
         */
        public Builder implicitTransactions(boolean enabled) {
            this.implicitTransactions = enabled;
            return this;
        }

        /** {@return the classifier, immutable} */
        public SqlMigrationClassifier build() {
            return new SqlMigrationClassifier(this);
        }
    }
}
