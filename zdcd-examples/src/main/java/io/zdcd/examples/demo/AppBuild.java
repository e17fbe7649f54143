package io.zdcd.examples.demo;

import io.zdcd.classify.Migration;
import java.util.List;
import java.util.Objects;

/**
 * A build of the demo application, as a push produces it: a version, what changed, its data-access code and the SQL
 * migrations the app has at that version (every one so far, in order; the database decides which are pending).
 *
 * @param version     the build's identity (plays the part of a git commit)
 * @param description what the build changes, one line
 * @param code        the queries this version runs
 * @param migrations  the app's migrations at this version, in apply order
 */
public record AppBuild(String version, String description, DataAccess code, List<Migration> migrations) {
    public AppBuild {
        Objects.requireNonNull(version, "version");
        if (version.isBlank()) {
            throw new IllegalArgumentException("version is blank");
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(code, "code");
        migrations = List.copyOf(migrations);
    }

    @Override
    public String toString() {
        return "AppBuild[" + version + " \"" + description + "\", " + migrations.size() + " migrations]";
    }
}
