package io.zdcd.examples.demo.internal;

import io.zdcd.classify.Migration;
import io.zdcd.examples.demo.AppBuild;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.jdbc.SqlMigrationSource;
import io.zdcd.spi.Build;
import io.zdcd.spi.MigrationSource;
import io.zdcd.spi.PendingMigration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo builds' migrations as a checkout would have them: one folder of {@code .sql} files per build. Which of a
 * build's migrations are pending is decided by zdcd's {@link SqlMigrationSource} (files not recorded as applied in
 * the target database).
 */
public final class BuildMigrations implements MigrationSource, AutoCloseable {
    private final Path root;
    private final PostgresDatabase target;

    /** Writes each build's migrations to its own folder under a new temporary folder. */
    public BuildMigrations(PostgresDatabase target, List<AppBuild> builds) {
        this.target = target;
        try {
            root = Files.createTempDirectory("zdcd-demo-builds");
            for (AppBuild b : builds) {
                Path dir = Files.createDirectories(root.resolve(b.version()));
                for (Migration m : b.migrations()) {
                    Files.writeString(dir.resolve(m.name() + ".sql"), m.sql());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's migration files: " + e.getMessage(), e);
        }
    }

    @Override
    public List<PendingMigration> pending(Build build) {
        Path dir = root.resolve(build.version());
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no migrations folder for build " + build.version());
        }
        return SqlMigrationSource.of(target, dir).pending(build);
    }

    /** Deletes the folders. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind harms nothing
        }
    }

    @Override
    public String toString() {
        return "BuildMigrations[" + root + "]";
    }
}
