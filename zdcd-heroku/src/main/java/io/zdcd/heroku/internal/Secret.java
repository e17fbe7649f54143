package io.zdcd.heroku.internal;

import java.util.Objects;

/** The API token. Its {@code toString()} is {@code ██}; {@link #redact(String)} removes it from any text. */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "token").trim();
        if (this.value.isEmpty()) {
            throw new IllegalArgumentException("the Heroku API token is empty");
        }
    }

    String reveal() {
        return value;
    }

    /** {@code text} with the token replaced by {@code ██} (zdcd's one mask, {@link io.zdcd.jdbc.PostgresDatabase#mask(String, String)}). */
    public String redact(String text) {
        return text == null ? null : io.zdcd.jdbc.PostgresDatabase.mask(text, value);
    }

    @Override
    public String toString() {
        return "██";
    }
}
