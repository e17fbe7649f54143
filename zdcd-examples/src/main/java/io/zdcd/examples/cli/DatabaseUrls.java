package io.zdcd.examples.cli;

import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a command's database URL comes from, so that its password never has to be on the command line (where
 * {@code /proc/PID/cmdline} and shell history show it): {@code --database-url URL}, else the environment variable
 * named by {@code --database-url-env NAME}, else {@code DATABASE_URL} (Heroku's convention).
 */
final class DatabaseUrls {
    /** Heroku's name for the app's database URL. */
    static final String DEFAULT_ENV = "DATABASE_URL";

    private DatabaseUrls() {
    }

    /**
     * The URL, or empty when none is given anywhere.
     *
     * @throws CommandLine.ParameterException (exit 2) when {@code --database-url-env} names an unset variable
     */
    static Optional<String> resolve(CommandSpec spec, String url, String envName, Map<String, String> env) {
        if (url != null) {
            return Optional.of(url);
        }
        if (envName != null) {
            String value = env.get(envName);
            if (value == null || value.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--database-url-env: the environment "
                        + "variable " + envName + " is not set");
            }
            return Optional.of(value);
        }
        return Optional.ofNullable(env.get(DEFAULT_ENV)).filter(v -> !v.isBlank());
    }

    /** As {@link #resolve}, but a URL is required: none anywhere is bad usage naming every way to give one. */
    static String require(CommandSpec spec, String url, String envName, Map<String, String> env) {
        return resolve(spec, url, envName, env).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "no database: set DATABASE_URL, or give --database-url-env NAME or "
                        + "--database-url URL"));
    }
}
