package io.zdcd.analyzer.report;

import java.util.Locale;
import java.util.Optional;

/**
 * The formats a {@link io.zdcd.classify.ClassificationReport} can be rendered in by {@link Reports}.
 *
 * @since 0.1.0
 */
public enum ReportFormat {
    /** For people at a terminal: every statement with its verdict and lock, the findings, a summary. */
    TEXT,
    /** The stable JSON contract of {@code zdcd check --format json} (fields are only ever added, never renamed). */
    JSON,
    /**
     * SARIF 2.1.0 for code scanning (GitHub, GitLab): one {@code error} result per UNSAFE finding; each rule described
     * from the catalogue with {@code helpUri}, its page under {@code docs/rules/}.
     */
    SARIF,
    /** As {@link #SARIF}, with the SAFE findings as {@code note} results too ({@code --format sarif-all}). */
    SARIF_ALL,
    /** GitHub-flavoured Markdown for a pull-request comment: summary, table of unsafe statements, details. */
    MARKDOWN,
    /**
     * GitLab's Code Quality report ({@code artifacts:reports:codequality}): a JSON array with one {@code major} issue
     * per UNSAFE finding, each with a fingerprint stable across line moves ({@code --format gitlab}).
     */
    GITLAB;

    /**
     * The format named {@code text}, {@code json}, {@code sarif}, {@code sarif-all}, {@code markdown} or {@code gitlab}
     * (any case).
     *
     * @param name a format's {@link #label()} or constant name in any case, with surrounding blanks ignored;
     *             {@code md} also names {@link #MARKDOWN}; may be null
     * @return the format, or empty when {@code name} is null or names no format
     */
    public static Optional<ReportFormat> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (n.equals("MD")) {
            return Optional.of(MARKDOWN);
        }
        for (ReportFormat f : values()) {
            if (f.name().equals(n)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The lower-case name the command line uses, for example {@code json}.
     *
     * @return the constant's name in lower case with {@code -} for {@code _}, for example {@code sarif-all};
     *         {@link #fromName} reads it back
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
