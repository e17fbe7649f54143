package io.zdcd.analyzer;

import io.zdcd.classify.Migration;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern FLYWAY = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.*\\.sql",
            Pattern.CASE_INSENSITIVE);

    private Migrations() {
    }

    /** One file as one migration, named by its path as given. */
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
     */
    public static List<Migration> fromPath(Path path) {
        Objects.requireNonNull(path, "path");
        if (!Files.exists(path)) {
            throw new MigrationInputException("cannot read migrations from " + path + ": no such file or directory");
        }
        if (!Files.isDirectory(path)) {
            return List.of(fromFile(path));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(path)) {
            files = walk.filter(p -> Files.isRegularFile(p)
                    && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".sql")).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new MigrationInputException("cannot read migrations from " + path + ": " + reason(e), e);
        }
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(order(path));
        return sorted.stream().map(Migrations::fromFile).toList();
    }

    /** Several paths, each read with {@link #fromPath(Path)}, in the order given. */
    public static List<Migration> fromPaths(List<Path> paths) {
        List<Migration> all = new ArrayList<>();
        for (Path p : paths) {
            all.addAll(fromPath(p));
        }
        return List.copyOf(all);
    }

    /** Everything a reader yields, as one migration called {@code name}. */
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

    /** Everything on an input stream (for example {@code System.in}) as one migration called {@code name}. */
    public static Migration fromStream(String name, InputStream in) {
        Objects.requireNonNull(name, "name");
        try {
            return Migration.of(name, decode(in.readAllBytes()));
        } catch (IOException e) {
            throw new MigrationInputException("cannot read migration " + name + ": " + reason(e), e);
        }
    }

    /** Standard input as one migration called {@code <stdin>}. */
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

    static Comparator<Path> order(Path root) {
        return (a, b) -> {
            String na = a.getFileName().toString();
            String nb = b.getFileName().toString();
            Matcher ma = FLYWAY.matcher(na);
            Matcher mb = FLYWAY.matcher(nb);
            boolean fa = ma.matches();
            boolean fb = mb.matches();
            if (fa && fb) {
                int c = compareVersions(ma.group(1), mb.group(1));
                return c != 0 ? c : naturalCompare(root.relativize(a).toString(), root.relativize(b).toString());
            }
            if (fa != fb) {
                return fa ? -1 : 1;
            }
            return naturalCompare(root.relativize(a).toString(), root.relativize(b).toString());
        };
    }

    static int compareVersions(String a, String b) {
        String[] pa = a.split("[._]");
        String[] pb = b.split("[._]");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            BigInteger x = i < pa.length ? new BigInteger(pa[i]) : BigInteger.ZERO;
            BigInteger y = i < pb.length ? new BigInteger(pb[i]) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Compares strings with digit runs compared as numbers. */
    static int naturalCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = new BigInteger(a.substring(si, i)).compareTo(new BigInteger(b.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
