package io.zdcd.heroku.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the password of a {@code machine} from a netrc file, as the Heroku CLI stores its token for
 * {@code api.heroku.com} after {@code heroku login}. Tokens may be spread over lines; {@code default} entries and
 * {@code macdef} blocks are understood.
 */
public final class Netrc {
    /** Files already warned about in this run (JVM): the warning comes once, however many clients are built. */
    private static final java.util.Set<Path> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Netrc() {
    }

    /**
     * A warning when users other than the owner can read {@code file} (curl and the Heroku CLI warn too), the first
     * time this run asks about that file; empty otherwise, and on file systems without POSIX permissions.
     */
    public static Optional<String> permissionWarning(Path file) {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> p = Files.getPosixFilePermissions(file);
            boolean others = p.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
                    || p.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
            if (!others || !WARNED.add(file.toAbsolutePath().normalize())) {
                return Optional.empty();
            }
            return Optional.of(file + " holds your Heroku API token and others can read it ("
                    + java.nio.file.attribute.PosixFilePermissions.toString(p) + "); run: chmod 600 " + file);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> password(Path file, String machine) {
        if (file == null || !Files.isReadable(file)) {
            return Optional.empty();
        }
        List<String> tokens = new ArrayList<>();
        try {
            boolean inMacro = false;
            for (String line : Files.readAllLines(file)) {
                if (inMacro) {
                    if (line.isBlank()) {
                        inMacro = false;
                    }
                    continue;
                }
                String stripped = line.strip();
                if (stripped.startsWith("#")) {
                    continue;
                }
                for (String t : stripped.split("\\s+")) {
                    if (!t.isEmpty()) {
                        tokens.add(t);
                    }
                }
                if (stripped.startsWith("macdef")) {
                    inMacro = true;
                    tokens.add("\u0000macro-end");
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        boolean inMachine = false;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if ("machine".equals(t) && i + 1 < tokens.size()) {
                inMachine = machine.equals(tokens.get(++i));
            } else if ("default".equals(t)) {
                inMachine = false;
            } else if (inMachine && "password".equals(t) && i + 1 < tokens.size()) {
                return Optional.of(tokens.get(i + 1));
            }
        }
        return Optional.empty();
    }
}
