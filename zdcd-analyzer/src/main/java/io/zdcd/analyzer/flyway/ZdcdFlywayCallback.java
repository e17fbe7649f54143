package io.zdcd.analyzer.flyway;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.MigrationClassifier;
import io.zdcd.classify.UnsafeMigrationException;
import io.zdcd.flyway.internal.FlywayScripts;
import io.zdcd.spi.PendingMigration;
import io.zdcd.sql.SqlScript;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flyway callback that classifies the migrations a {@code migrate} is about to apply ({@code beforeMigrate}, in
 * apply order, placeholders replaced) and stops the migrate with an {@link UnsafeMigrationException} naming the
 * first UNSAFE migration and its findings, before any migration runs. Configured to warn, it reports the findings
 * and lets the migrate go on. Every UNSAFE migration's findings go to the warning sink (default: the
 * {@code io.zdcd.flyway} logger at WARN) in both modes.
 *
 * <pre>{@code
 * Flyway.configure()
 *         .dataSource(url, user, password)
 *         .callbacks(ZdcdFlywayCallback.builder().onUnsafe(ZdcdFlywayCallback.OnUnsafe.FAIL).build())
 *         .load()
 *         .migrate();
 * }</pre>
 *
 * <p>A pending {@code CREATE INDEX CONCURRENTLY} under Flyway's default transactional history lock on PostgreSQL
 * would hang the migrate (the index build waits for Flyway's own open transaction); the callback says to set
 * {@code flyway.postgresql.transactional.lock=false} and, in FAIL mode, stops.
 *
 * <p>Flyway's own configuration can name it too ({@code flyway.callbacks=io.zdcd.analyzer.flyway.ZdcdFlywayCallback});
 * that instance uses {@link SqlMigrationClassifier#defaults()} and fails, or warns when the system property
 * {@code zdcd.flyway.onUnsafe} is {@code warn}. A Java migration has no SQL to judge and counts as UNSAFE code the
 * classifier cannot see ({@code django-python-operation}); disable that rule with a classifier of your own to let it
 * pass.
 */
public final class ZdcdFlywayCallback implements Callback {
    /** The system property that sets the mode of an instance Flyway creates by name: {@code fail} or {@code warn}. */
    public static final String MODE_PROPERTY = "zdcd.flyway.onUnsafe";
    private static final Logger LOG = LoggerFactory.getLogger("io.zdcd.flyway");

    /** What an UNSAFE pending migration does to the {@code migrate}. */
    public enum OnUnsafe {
        /** Stops it before any migration runs. */
        FAIL,
        /** Reports the findings and lets it go on. */
        WARN
    }

    private final MigrationClassifier classifier;
    private final OnUnsafe onUnsafe;
    private final Consumer<String> warnings;
    private final AtomicReference<ClassificationReport> lastReport = new AtomicReference<>();

    /**
     * The callback Flyway creates from {@code flyway.callbacks}: {@link SqlMigrationClassifier#defaults()}, FAIL
     * unless the system property {@value #MODE_PROPERTY} is {@code warn}.
     *
     * @throws IllegalArgumentException when the system property is neither {@code fail} nor {@code warn}
     */
    public ZdcdFlywayCallback() {
        this(SqlMigrationClassifier.defaults(), modeFromProperty(), LOG::warn);
    }

    private ZdcdFlywayCallback(MigrationClassifier classifier, OnUnsafe onUnsafe, Consumer<String> warnings) {
        this.classifier = classifier;
        this.onUnsafe = onUnsafe;
        this.warnings = warnings;
    }

    /** @return a builder with the defaults: {@link SqlMigrationClassifier#defaults()}, FAIL, a WARN log */
    public static Builder builder() {
        return new Builder();
    }

    private static OnUnsafe modeFromProperty() {
        String value = System.getProperty(MODE_PROPERTY, "fail").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "fail" -> OnUnsafe.FAIL;
            case "warn" -> OnUnsafe.WARN;
            default -> throw new IllegalArgumentException(MODE_PROPERTY + " must be fail or warn, not " + value);
        };
    }

    /** @return what the callback does with an UNSAFE migration */
    public OnUnsafe onUnsafe() {
        return onUnsafe;
    }

    /** @return the verdicts of the last {@code migrate} this callback saw (empty before the first) */
    public Optional<ClassificationReport> lastReport() {
        return Optional.ofNullable(lastReport.get());
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    /**
     * Classifies the pending migrations.
     *
     * @throws UnsafeMigrationException in FAIL mode, when one is UNSAFE (the first, with its findings)
     */
    @Override
    public void handle(Event event, Context context) {
        if (event != Event.BEFORE_MIGRATE) {
            return;
        }
        List<PendingMigration> pending = FlywayScripts.pending(context.getConfiguration());
        List<String> concurrently = pending.stream().filter(m -> SqlScript.parse(m.sql()).statements().stream()
                .anyMatch(s -> s.needsNoTransaction() && !s.firstWord().equals("DO"))) // a batch loop waits for none
                .map(PendingMigration::name).toList();
        if (!concurrently.isEmpty() && FlywayScripts.transactionalLock(context.getConfiguration())) {
            String message = "zdcd: " + String.join(", ", concurrently) + " runs CONCURRENTLY, which waits for "
                    + "Flyway's own transaction while Flyway holds its history lock in one: migrate would hang. Set "
                    + FlywayScripts.TRANSACTIONAL_LOCK + "=false (FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK=false)";
            warnings.accept(message);
            if (onUnsafe == OnUnsafe.FAIL) {
                throw new IllegalStateException(message);
            }
        }
        ClassificationReport report = classifier.classifyAll(pending.stream().map(PendingMigration::toMigration)
                .toList());
        lastReport.set(report);
        List<Classification> unsafe = report.migrations().stream().filter(c -> !c.isSafe()).toList();
        if (unsafe.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("zdcd: ").append(unsafe.size()).append(" of ").append(pending.size())
                .append(" pending Flyway migrations UNSAFE for a zero-downtime deploy (PostgreSQL ")
                .append(report.postgresVersion()).append(onUnsafe == OnUnsafe.FAIL ? "); migrate stopped:\n"
                        : "); migrate goes on (warn mode):\n");
        unsafe.forEach(c -> sb.append(c.describe()));
        warnings.accept(sb.toString().stripTrailing());
        if (onUnsafe == OnUnsafe.FAIL) {
            throw new UnsafeMigrationException(unsafe.get(0));
        }
    }

    @Override
    public String getCallbackName() {
        return "zdcd";
    }

    @Override
    public String toString() {
        return "ZdcdFlywayCallback[" + onUnsafe + ", " + classifier + "]";
    }

    /** Configures a {@link ZdcdFlywayCallback}. */
    public static final class Builder {
        private MigrationClassifier classifier;
        private OnUnsafe onUnsafe = OnUnsafe.FAIL;
        private Consumer<String> warnings = LOG::warn;

        private Builder() {
        }

        /**
         * The classifier that judges the pending migrations.
         *
         * @param classifier (default: {@link SqlMigrationClassifier#defaults()})
         * @return this builder
         */
        public Builder classifier(MigrationClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /**
         * What an UNSAFE migration does to the migrate.
         *
         * @param onUnsafe (default: FAIL)
         * @return this builder
         */
        public Builder onUnsafe(OnUnsafe onUnsafe) {
            this.onUnsafe = Objects.requireNonNull(onUnsafe, "onUnsafe");
            return this;
        }

        /**
         * Receives the findings of UNSAFE migrations, one multi-line message per migrate.
         *
         * @param warnings (default: a WARN log)
         * @return this builder
         */
        public Builder warnings(Consumer<String> warnings) {
            this.warnings = Objects.requireNonNull(warnings, "warnings");
            return this;
        }

        /** @return the callback */
        public ZdcdFlywayCallback build() {
            return new ZdcdFlywayCallback(classifier == null ? SqlMigrationClassifier.defaults() : classifier,
                    onUnsafe, warnings);
        }
    }
}
