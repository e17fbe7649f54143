package io.zdcd.analyzer.rules;

import io.zdcd.classify.StatementAnalysis;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A rule a team adds to zdcd's own, for example "no DROP on tables named audit_*". It sees each statement as zdcd
 * recognised it (its kind, the tables it touches, the locks it takes per relation, whether it rewrites or scans, the
 * SQL and zdcd's own findings) and may judge it UNSAFE with a message. Its findings behave as zdcd's: they make the
 * statement and the migration UNSAFE, {@code -- zdcd:ignore <id> <reason>} and
 * {@code SqlMigrationClassifier.Builder#disableRule} work for them, and every report shows them.
 *
 * <pre>{@code
 * MigrationRule noAuditDrops = MigrationRule.of("no-audit-drop", "audit tables are never dropped",
 *         "keep the table; archive its rows instead",
 *         s -> s.kind().equals("DROP TABLE") && s.tables().stream().anyMatch(t -> t.startsWith("audit_"))
 *                 ? Optional.of("drops an audit table") : Optional.empty());
 * SqlMigrationClassifier classifier = SqlMigrationClassifier.builder().addRule(noAuditDrops).build();
 * }</pre>
 *
 * <p>Rules on the command line: put implementations in a jar with a
 * {@code META-INF/services/io.zdcd.analyzer.rules.MigrationRule} file naming them (Java's {@link
 * java.util.ServiceLoader}; each needs a public no-argument constructor) and run {@code zdcd check --rules-jar JAR}.
 * From Java, {@code Builder#loadRules(ClassLoader)} does the same.
 *
 * <p>A rule must be fast, thread-safe and free of side effects: it runs once per statement, and the classifier may
 * judge a migration more than once. A rule that throws makes the statement UNSAFE (fail closed), naming the rule.
 *
 * @since 0.1.0
 */
public interface MigrationRule {

    /** What a rule id looks like: lower-case words joined by hyphens, for example {@code no-audit-drop}. */
    Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /**
     * The stable id findings, {@code zdcd:ignore} and {@code disableRule} name (see {@link #ID}).
     *
     * @return the rule's id, matching {@link #ID} and taken by no other rule, for example {@code no-audit-drop}; the
     *         same on every call
     */
    String id();

    /**
     * One line: what the rule catches.
     *
     * @return a one-line description of what the rule judges UNSAFE, for people reading the rule (a rule made by
     *         {@link #of} shows it in its {@code toString()})
     */
    String title();

    /**
     * What to do instead, shown with each finding (default: nothing).
     *
     * @return the safe way to reach the same end, or {@code ""} when the rule has no advice
     */
    default String safeAlternative() {
        return "";
    }

    /**
     * The message of this rule's UNSAFE finding on {@code statement}, or empty when the rule has nothing to say.
     *
     * @param statement the statement as zdcd judged it, with zdcd's own findings
     * @return the finding's message, or empty
     */
    Optional<String> check(StatementAnalysis statement);

    /**
     * A rule from its parts.
     *
     * @param id              the rule's id (see {@link #ID})
     * @param title           one line: what it catches
     * @param safeAlternative what to do instead ("" for nothing)
     * @param check           the message of an UNSAFE finding on a statement, or empty
     * @return the rule; its {@code toString()} names its id
     */
    static MigrationRule of(String id, String title, String safeAlternative,
                            Function<StatementAnalysis, Optional<String>> check) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(safeAlternative, "safeAlternative");
        Objects.requireNonNull(check, "check");
        return new MigrationRule() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return title;
            }

            @Override
            public String safeAlternative() {
                return safeAlternative;
            }

            @Override
            public Optional<String> check(StatementAnalysis statement) {
                return check.apply(statement);
            }

            @Override
            public String toString() {
                return "MigrationRule[" + id + ": " + title + "]";
            }
        };
    }
}
