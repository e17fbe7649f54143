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

    /**
     * A project over {@code database}; migrations in {@code classpath:db/migration} unless told otherwise.
     *
     * @param database where the migrations go
     * @return the builder
     */
    public static Builder builder(PostgresDatabase database) {
        return new Builder(database);
    }

    /** @return the database the migrations go to */
    public PostgresDatabase database() {
        return database;
    }

    /** @return Flyway locations ({@code classpath:db/migration}, {@code filesystem:sql}) */
    public List<String> locations() {
        return locations;
    }

    /** @return other Flyway settings by their {@code flyway.*} names (empty when none) */
    public Map<String, String> properties() {
        return properties;
    }

    /**
     * Reads Flyway's history table.
     *
     * @return the scripts it records as applied, in the order they were applied (no baseline or schema marker)
     */
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

        /**
         * Where the migrations are.
         *
         * @param locations Flyway's {@code locations} (default: {@code classpath:db/migration})
         * @return this builder
         */
        public Builder locations(String... locations) {
            this.locations.clear();
            this.locations.addAll(List.of(locations));
            return this;
        }

        /**
         * Flyway's history table.
         *
         * @param table its name (default: {@code flyway_schema_history})
         * @return this builder
         */
        public Builder table(String table) {
            return property("flyway.table", table);
        }

        /**
         * Any other Flyway setting by its name in Flyway's configuration files: {@code flyway.schemas},
         * {@code flyway.placeholders.NAME}, {@code flyway.outOfOrder}...; Flyway checks names and values when a source
         * or runner first uses the project.
         *
         * @param name  the setting's name, {@code flyway.*}
         * @param value its value
         * @return this builder
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

        /** @return the project */
        public FlywayProject build() {
            return new FlywayProject(this);
        }
    }
}
