package io.zdcd.analyzer;

import io.zdcd.classify.Migration;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import io.zdcd.sql.MigrationOrder;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads migrations: a {@code .sql} file, a folder of them, a reader or stdin. Each file is one migration; Django
 * {@code sqlmigrate} output ({@code BEGIN;} ... {@code COMMIT;} with {@code --} labels) is read as is. Bytes that are
 * not UTF-8 are replaced, never fatal.
 *
 * <pre>{@code
 * List<Migration> all = Migrations.fromPath(Path.of("db/migrations"));   // V1__a.sql, V1.1__b.sql, V2__c.sql ...
 * SqlMigrationClassifier.defaults().classifyAll(all);
 * }</pre>
 */
public final class Migrations {

    private Migrations() {
    }

    /**
     * One file as one migration, named by its path as given.
     *
     * @param file the SQL file
     * @return the migration
     * @throws MigrationInputException when it cannot be read (missing, a directory, unreadable)
     */
    public static Migration fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new MigrationInputException("cannot read migration " + file + ": it is a directory");
        }
        try {
            return Migration.of(file.toString(), decode(Files.readAllBytes(file)));
        } catch (IOException | UncheckedIOException e) {
            throw new MigrationInputException("cannot read migration " + file + ": " + reason(e), e);
        }
    }

    /**
     * A file, or every {@code *.sql} file below a folder: Flyway {@code V<version>__<desc>.sql} files first, by
     * version, then the others in natural order of their relative paths ({@code 2_x.sql} before {@code 10_x.sql}).
     *
     * @param path an SQL file or a folder
     * @return the migrations, in that order
     * @throws MigrationInputException when the path does not exist or cannot be read
     */
    public static List<Migration> fromPath(Path path) {
        return files(path).stream().map(Migrations::fromFile).toList();
    }

    /**
     * The files {@link #fromPath(Path)} reads, in that order, without reading them (to read one migration at a time,
     * for example for {@link SqlMigrationClassifier#writeReport}).
     *
     * @param path an SQL file or a folder
     * @return the files, in the order {@link #fromPath(Path)} reads them
     * @throws MigrationInputException when the path does not exist or cannot be listed
     */
    public static List<Path> files(Path path) {
        Objects.requireNonNull(path, "path");
        if (!Files.exists(path)) {
            throw new MigrationInputException("cannot read migrations from " + path + ": no such file or directory");
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(path)) {
            files = walk.filter(p -> Files.isRegularFile(p)
                    && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".sql")).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new MigrationInputException("cannot read migrations from " + path + ": " + reason(e), e);
        }
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing((Path p) -> path.relativize(p).toString(), MigrationOrder::compare));
        return List.copyOf(sorted);
    }

    /**
     * Several paths, each read with {@link #fromPath(Path)}, in the order given.
     *
     * @param paths SQL files and folders
     * @return the migrations of every path, in order
     * @throws MigrationInputException when it cannot be read
     */
    public static List<Migration> fromPaths(List<Path> paths) {
        List<Migration> all = new ArrayList<>();
        for (Path p : paths) {
            all.addAll(fromPath(p));
        }
        return List.copyOf(all);
    }

    /**
     * Everything a reader yields, as one migration called {@code name}.
     *
     * @param name   the migration's name
     * @param reader the SQL text (read to its end, not closed)
     * @return the migration
     * @throws MigrationInputException when it cannot be read
     */
    public static Migration fromReader(String name, Reader reader) {
        Objects.requireNonNull(name, "name");
        try {
            StringWriter w = new StringWriter();
            reader.transferTo(w);
            return Migration.of(name, w.toString());
        } catch (IOException e) {
            throw new MigrationInputException("cannot read migration " + name + ": " + reason(e), e);
        }
    }

    /**
     * Everything on an input stream (for example {@code System.in}) as one migration called {@code name}.
     *
     * @param name the migration's name
     * @param in   the SQL text, as UTF-8 (read to its end)
     * @return the migration
     * @throws MigrationInputException when it cannot be read
     */
    public static Migration fromStream(String name, InputStream in) {
        Objects.requireNonNull(name, "name");
        try {
            return Migration.of(name, decode(in.readAllBytes()));
        } catch (IOException e) {
            throw new MigrationInputException("cannot read migration " + name + ": " + reason(e), e);
        }
    }

    /**
     * Standard input as one migration called {@code <stdin>}.
     *
     * @return the migration
     * @throws MigrationInputException when it cannot be read
     */
    public static Migration fromStdin() {
        return fromStream("<stdin>", System.in);
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String reason(Exception e) {
        Throwable c = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (c instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (c instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

}
