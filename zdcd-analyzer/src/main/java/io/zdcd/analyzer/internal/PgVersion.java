package io.zdcd.analyzer.internal;

/** A target PostgreSQL version: major 11..18 and, when known, the minor release (-1 when not). */
public record PgVersion(int major, int minor) {

    public static final int MIN = 11;
    public static final int MAX = 18;

    public PgVersion {
        if (major < MIN || major > MAX) {
            throw new IllegalArgumentException("postgresVersion must be between " + MIN + " and " + MAX + ", was "
                    + major);
        }
        if (minor < -1) {
            throw new IllegalArgumentException("minor version must be >= 0, was " + minor);
        }
    }

    /** Parses {@code 17}, {@code 14.2} or {@code 14.2.0}; IAE with the accepted forms otherwise. */
    public static PgVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("postgresVersion == null");
        }
        String[] parts = text.trim().split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
            return new PgVersion(major, minor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("postgresVersion must look like 17 or 14.2, was '" + text + "'");
        }
    }

    public boolean atLeast(int m) {
        return major >= m;
    }

    /** PostgreSQL 14.0 to 14.3 may corrupt indexes built by CREATE INDEX / REINDEX CONCURRENTLY. */
    public boolean hasConcurrentIndexBug() {
        return major == 14 && minor >= 0 && minor <= 3;
    }

    @Override
    public String toString() {
        return minor < 0 ? Integer.toString(major) : major + "." + minor;
    }
}
