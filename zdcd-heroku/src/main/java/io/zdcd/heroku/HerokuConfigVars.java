package io.zdcd.heroku;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An app's config vars. The values are secrets ({@code DATABASE_URL} carries a password): {@link #toString()}
 * shows the names only.
 *
 * @param values the config vars
 * @since 0.1
 */
public record HerokuConfigVars(Map<String, String> values) {
    /**
     * Copies the map; it must not be null.
     *
     * @param values the config vars by name; copied
     */
    public HerokuConfigVars {
        values = Map.copyOf(Objects.requireNonNull(values, "values"));
    }

    /**
     * The value of config var {@code name}; empty when it is not set.
     *
     * @param name the config var's name, for example {@code DATABASE_URL}; case-sensitive
     * @return the value, a secret for most config vars; empty when not set
     */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public String toString() {
        return "HerokuConfigVars" + new TreeMap<>(values).keySet() + " (values hidden)";
    }
}
