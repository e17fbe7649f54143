package io.zdcd.flyway;

import io.zdcd.flyway.internal.FlywayScripts;
import io.zdcd.spi.Build;
import io.zdcd.spi.MigrationSource;
import io.zdcd.spi.PendingMigration;
import java.util.List;
import java.util.Objects;

/**
 * The migrations a {@code flyway migrate} would apply now, as Flyway itself sees them (its locations, its history
 * table, {@code target}, {@code outOfOrder}...): pending versioned migrations, then new or changed repeatable ones.
 * A migration's name is its script ({@code V3__add_email.sql}); its SQL is the file's text with Flyway's
 * placeholders replaced. A Java migration has no SQL to judge: it is given as a marker comment that the classifier
 * judges UNSAFE ({@code django-python-operation}: code it cannot see).
 */
public final class FlywayMigrationSource implements MigrationSource {
    private final FlywayProject project;

    private FlywayMigrationSource(FlywayProject project) {
        this.project = Objects.requireNonNull(project, "project");
    }

    /**
     * The pending migrations of {@code project}.
     *
     * @param project where the migrations are and where they go
     * @return the source
     */
    public static FlywayMigrationSource of(FlywayProject project) {
        return new FlywayMigrationSource(project);
    }

    @Override
    public List<PendingMigration> pending(Build build) {
        return FlywayScripts.pending(project);
    }

    @Override
    public String toString() {
        return "FlywayMigrationSource[" + project + "]";
    }
}
