package io.zdcd.spi;

import io.zdcd.classify.Migration;
import java.util.Objects;

/**
 * A migration that the build brings and the target database has not applied yet, with the SQL it will run.
 *
 * <p>{@code toString()} reads like {@code PendingMigration[users/0042_add_email, 120 chars]}.
 *
 * @param name the migration's name: a file name ({@code V3__add_email.sql}) or a Django {@code app/0042_name}
 * @param sql  the SQL it runs (Django: {@code manage.py sqlmigrate} output); may be empty for a no-op migration
 */
public record PendingMigration(String name, String sql) {
    /**
     * {@code name} must not be null or blank; {@code sql} must not be null.
     *
     * @param name the migration's name, a file name or a Django {@code app/0042_name}; not null, not blank
     * @param sql  the SQL it runs; not null, empty for a no-op migration
     * @throws IllegalArgumentException when {@code name} is blank
     */
    public PendingMigration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is blank");
        }
    }

    /**
     * The same migration as the classifier's input type.
     *
     * @return a {@link Migration} with this migration's name and SQL, ready for a
     *         {@link io.zdcd.classify.MigrationClassifier}
     */
    public Migration toMigration() {
        return Migration.of(name, sql);
    }

    @Override
    public String toString() {
        return "PendingMigration[" + name + ", " + sql.length() + " chars]";
    }
}
