package io.zdcd.heroku;

import java.util.Objects;

/**
 * One process type's scale ({@code GET /apps/{app}/formation}).
 *
 * @param type     the process type
 * @param quantity how many dynos
 * @param size     the dyno size, may be empty
 * @since 0.1
 */
public record HerokuFormation(String type, int quantity, String size) {
    /**
     * {@code type} must not be null; a null {@code size} becomes empty.
     *
     * @param type the process type
     * @param quantity how many dynos
     * @param size the dyno size, may be empty
     */
    public HerokuFormation {
        Objects.requireNonNull(type, "type");
        size = Objects.requireNonNullElse(size, "");
    }

    @Override
    public String toString() {
        return type + "=" + quantity + (size.isEmpty() ? "" : ":" + size);
    }
}
