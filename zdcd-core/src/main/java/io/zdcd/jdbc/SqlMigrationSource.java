package io.zdcd.jdbc;

import io.zdcd.sql.MigrationOrder;
import io.zdcd.sql.SqlInputException;
import io.zdcd.sql.SqlScript;
import io.zdcd.spi.Build;
import io.zdcd.spi.MigrationSource;
import io.zdcd.spi.PendingMigration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Migrations kept as {@code .sql} files: the files and folders given, in Flyway order ({@code V<version>__<desc>.sql},
 * versions compared numerically part by part) or else natural order of the file names; pending are those not recorded
 * in the target database's {@code zdcd.applied_migrations} (written by {@link JdbcMigrationRunner}). A migration's name
 * is its file name.
 */
public final class SqlMigrationSource implements MigrationSource {

    private final PostgresDatabase database;
    private final List<Path> paths;

    private SqlMigrationSource(PostgresDatabase database, List<Path> paths) {
        this.database = Objects.requireNonNull(database, "database");
        this.paths = List.copyOf(paths);
    }

    /**
     * @param database the database whose journal of applied migrations says which are pending; must not be null
     * @param paths {@code .sql} files and folders of them (a folder's files are read, not its sub-folders)
     * @return a source of the migrations in those files
     * @throws IllegalArgumentException when a path does not exist
     */
    public static SqlMigrationSource of(PostgresDatabase database, Path... paths) {
        return of(database, List.of(paths));
    }

    /**
     * Migrations read from these {@code .sql} files and folders; throws {@link IllegalArgumentException} for a path
     * that does not exist.
     *
     * @param database the database whose journal of applied migrations says which are pending; must not be null
     * @param paths {@code .sql} files and folders of them (a folder's files are read, not its sub-folders)
     * @return a source of the migrations in those files
     */
    public static SqlMigrationSource of(PostgresDatabase database, List<Path> paths) {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("no such file or folder: " + p);
            }
        }
        return new SqlMigrationSource(database, paths);
    }

    /**
     * Every migration file, in apply order, applied or not, read through the same gate as {@code zdcd check}
     * ({@link SqlScript#decode(byte[])}).
     *
     * @return the migrations, in {@link io.zdcd.sql.MigrationOrder} order; empty when there are no files
     * @throws SqlInputException when a file is not valid UTF-8 or holds a NUL character (the message names the file,
     *                           line and column)
     */
    public List<PendingMigration> all() {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".sql"))
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p + ": " + e.getMessage(), e);
                }
            } else {
                files.add(p);
            }
        }
        files.sort(Comparator.comparing((Path f) -> f.getFileName().toString(), MigrationOrder::compare));
        Set<String> seen = new HashSet<>();
        List<PendingMigration> out = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (!seen.add(name)) {
                throw new IllegalArgumentException("two migration files are named " + name);
            }
            try {
                out.add(new PendingMigration(name, SqlScript.decode(Files.readAllBytes(f))));
            } catch (SqlInputException e) {
                throw new SqlInputException(f + " " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public List<PendingMigration> pending(Build build) {
        Set<String> applied = new HashSet<>(MigrationHistory.applied(database));
        return all().stream().filter(m -> !applied.contains(m.name())).toList();
    }
}
