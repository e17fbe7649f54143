package io.zdcd.flyway;

import io.zdcd.flyway.internal.FlywayScripts;
import io.zdcd.jdbc.PostgresDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a Flyway project's migrations are and which database they go to: the settings that
 * {@link FlywayMigrationSource} and {@link FlywayMigrationRunner} give Flyway, without Flyway's types.
 *
 * <pre>{@code
 * FlywayProject project = FlywayProject.builder(PostgresDatabase.fromUrl(System.getenv("DATABASE_URL")))
 *         .locations("classpath:db/migration")
 *         .property("flyway.placeholders.owner", "app")   // any other Flyway setting, by its flyway.* name
 *         .build();
 * }</pre>
 *
 * <p>{@code toString()} names the database without its password and the locations.
 */
public final class FlywayProject {
    private final PostgresDatabase database;
    private final List<String> locations;
    private final Map<String, String> properties;

    private FlywayProject(Builder b) {
        this.database = b.database;
        this.locations = List.copyOf(b.locations.isEmpty() ? List.of("classpath:db/migration") : b.locations);
        this.properties = Map.copyOf(b.properties);
    }

    /** A project over {@code database}; migrations in {@code classpath:db/migration} unless told otherwise. */
    public static Builder builder(PostgresDatabase database) {
        return new Builder(database);
    }

    /** The database the migrations go to. */
    public PostgresDatabase database() {
        return database;
    }

    /** Flyway locations ({@code classpath:db/migration}, {@code filesystem:sql}). */
    public List<String> locations() {
        return locations;
    }

    /** Other Flyway settings by their {@code flyway.*} names (empty when none). */
    public Map<String, String> properties() {
        return properties;
    }

    /** The names of the migrations Flyway's history table records as applied, in the order they were applied. */
    public List<String> applied() {
        return FlywayScripts.applied(this);
    }

    @Override
    public String toString() {
        return "FlywayProject[" + database + ", " + String.join(", ", locations) + "]";
    }

    /** Configures a {@link FlywayProject}. */
    public static final class Builder {
        private final PostgresDatabase database;
        private final List<String> locations = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(PostgresDatabase database) {
            this.database = Objects.requireNonNull(database, "database");
        }

        /** Where the migrations are, as Flyway's {@code locations} (default: {@code classpath:db/migration}). */
        public Builder locations(String... locations) {
            this.locations.clear();
            this.locations.addAll(List.of(locations));
            return this;
        }

        /** Flyway's history table (default: {@code flyway_schema_history}). */
        public Builder table(String table) {
            return property("flyway.table", table);
        }

        /**
         * Any other Flyway setting by its name in Flyway's configuration files: {@code flyway.schemas},
         * {@code flyway.placeholders.NAME}, {@code flyway.outOfOrder}...; Flyway checks names and values when a source
         * or runner first uses the project.
         */
        public Builder property(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (!name.startsWith("flyway.")) {
                throw new IllegalArgumentException("not a Flyway setting (flyway.*): " + name);
            }
            properties.put(name, value);
            return this;
        }

        public FlywayProject build() {
            return new FlywayProject(this);
        }
    }
}
