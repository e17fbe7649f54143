package io.zdcd.examples.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code zdcd check} without picocli: building picocli's model of a command (reflection over annotations, a Java 5
 * class format that class data sharing cannot archive) costs about 0.2 s of CPU, most of a one-file check. Only the
 * plain forms of {@link CheckCommand}'s own options are read here ({@code --format json}, {@code --format=json},
 * {@code -o FILE}, {@code --disable-rule R} repeated, {@code --autocommit}, paths); anything else (help, version, an
 * unknown or repeated option, a missing value or one starting with {@code -}, {@code @argfile}, {@code --}) returns
 * null and picocli parses the command line as before, with its messages. The result is the same either way
 * ({@code FastCheckTest}).
 */
final class FastCheck {
    private static final Set<String> SINGLE = Set.of("--postgres-version", "--schema", "--database-url",
            "--database-url-env", "--format", "-o", "--output");

    private FastCheck() {
    }

    /** The check command these arguments ask for, or null when picocli should read them. */
    static CheckCommand parse(String[] args) {
        if (args.length < 2 || !args[0].equals("check")) {
            return null;
        }
        CheckCommand check = new CheckCommand();
        check.format = "text";
        check.paths = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try {
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-") || (!arg.startsWith("-") && !arg.startsWith("@"))) {
                    check.paths.add(arg);
                    continue;
                }
                if (arg.equals("--autocommit")) {
                    if (check.autocommit) {
                        return null;
                    }
                    check.autocommit = true;
                    continue;
                }
                String name = arg;
                String value;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    return null;
                }
                if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                    return null;
                }
                if (name.equals("--disable-rule")) {
                    check.disabledRules.add(value);
                    continue;
                }
                if (!SINGLE.contains(name) || seen.contains(name.equals("-o") ? "--output" : name)) {
                    return null;
                }
                seen.add(name.equals("-o") ? "--output" : name);
                switch (name) {
                    case "--postgres-version" -> check.postgresVersion = value;
                    case "--schema" -> check.schema = Path.of(value);
                    case "--database-url" -> check.databaseUrl = value;
                    case "--database-url-env" -> check.databaseUrlEnv = value;
                    case "--format" -> check.format = value;
                    default -> check.output = Path.of(value);
                }
            }
        } catch (InvalidPathException e) {
            return null;
        }
        return check.paths.isEmpty() ? null : check;
    }
}
