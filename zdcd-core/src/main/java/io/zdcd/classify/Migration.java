package io.zdcd.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One migration: a name (a path, a Django {@code app/0042_name}, or {@code <inline>}) and its SQL text.
 *
 * @param name how reports refer to the migration
 * @param sql  the whole SQL text, possibly many statements
 */
public record Migration(String name, String sql) {
    /**
     * {@code name} and {@code sql} must not be null.
     *
     * @param name how reports refer to the migration (a path, {@code app/0042_name} or {@code <inline>}); not null
     * @param sql  the whole SQL text, possibly many statements; not null
     */
    public Migration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
    }

    /**
     * A migration named {@code <inline>}.
     *
     * @param sql the whole SQL text, possibly many statements; not null
     * @return a migration named {@code <inline>} holding {@code sql}
     * @throws NullPointerException when {@code sql} is null
     */
    public static Migration ofSql(String sql) {
        return new Migration("<inline>", sql);
    }

    /**
     * A migration with this name and SQL text.
     *
     * @param name how reports refer to the migration; not null
     * @param sql  the whole SQL text, possibly many statements; not null
     * @return the migration
     * @throws NullPointerException when either argument is null
     */
    public static Migration of(String name, String sql) {
        return new Migration(name, sql);
    }

    /**
     * Reads a file as UTF-8 (malformed bytes are replaced, never fatal).
     *
     * @param file the SQL file to read
     * @return a migration named by the path as given ({@code file.toString()}) holding the file's whole text
     * @throws UncheckedIOException when the file cannot be read (missing, a directory, no permission)
     */
    public static Migration fromFile(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return new Migration(file.toString(), new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Migration[" + name + ", " + sql.length() + " chars]";
    }
}
