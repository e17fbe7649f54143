package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * {@code SET [LOCAL] name = value}, {@code SET TIME ZONE} or {@code set_config('name', 'value', is_local)}.
 *
 * @param name  the parameter, lower case ({@code lock_timeout}, {@code statement_timeout}, {@code timezone}...)
 * @param value the value, lower case, without quotes
 * @param local {@code LOCAL} (until the end of the transaction)
 */
public record Setting(String name, String value, boolean local) implements Action {
    /**
     * Checks the parts.
     *
     * @param name  the parameter; not null
     * @param value the value; not null
     * @param local {@code LOCAL}
     */
    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public List<String> tables() {
        return List.of();
    }

    @Override
    public String toString() {
        return "SET " + (local ? "LOCAL " : "") + name + " = '" + value + "'";
    }
}
