package io.zdcd.analyzer.internal.model;

/**
 * SET [LOCAL] name = value, SET TIME ZONE, or set_config('name', 'value', is_local).
 *
 * @param name  the parameter, lower case ("lock_timeout", "timezone", "search_path"...)
 * @param value the value, lower case, without quotes
 * @param local LOCAL (until the end of the transaction)
 */
public record Setting(String name, String value, boolean local) implements Op {
    /**
     * For lock_timeout: whether the value turns it on (not empty, DEFAULT or zero).
     *
     * @return whether a lock wait longer than the value fails
     */
    public boolean lockTimeoutOn() {
        return !(value.isEmpty() || value.equals("default") || value.matches("0+\\s*(ms|s|min)?"));
    }
}
