package io.zdcd.analyzer.rules;

import io.zdcd.classify.StatementAnalysis;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A rule a team adds to zdcd's own, for example "no DROP on tables named audit_*". It sees each statement as zdcd
 * recognised it: what it does, one typed {@link Action} per operation ({@link Action.DropTable},
 * {@link Action.CreateIndex}, {@link Action.AddColumn}...), and its analysis (its kind, the tables it touches, the
 * locks it takes per relation, whether it rewrites or scans, the SQL and zdcd's own findings); it may judge it
 * UNSAFE with a message. Its findings behave as zdcd's: they make the statement and the migration UNSAFE,
 * {@code -- zdcd:ignore <id> <reason>} and {@code SqlMigrationClassifier.Builder#disableRule} work for them, and
 * every report shows them.
 *
 * <pre>{@code
 * MigrationRule noAuditDrops = MigrationRule.ofActions("no-audit-drop", "audit tables are never dropped",
 *         "keep the table; archive its rows instead",
 *         (statement, actions) -> actions.stream()
 *                 .filter(a -> a instanceof Action.DropTable)
 *                 .flatMap(a -> a.tables().stream())
 *                 .filter(t -> Action.unqualified(t).startsWith("audit_"))
 *                 .findFirst().map(t -> "drops the audit table " + t));
 * SqlMigrationClassifier classifier = SqlMigrationClassifier.builder().addRule(noAuditDrops).build();
 * // or: .rules(RuleSet.builtIn().plus(noAuditDrops))
 * }</pre>
 *
 * <p>An implementation overrides {@link #check(StatementAnalysis, List)} (what the statement does) or
 * {@link #check(StatementAnalysis)} (its analysis only, the one method of zdcd 0.1), and may describe itself with
 * {@link #lock()}, {@link #breaks()}, {@link #safeAlternative()} and {@link #versions()}, which reports show
 * (SARIF's rule descriptors). zdcd's own rules are described the same way by {@link RuleSet#builtIn()}.
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
     * The lock the operation this rule catches takes, as {@code pg_locks} names it (for example
     * {@code AccessExclusiveLock}), shown where reports describe the rule (SARIF) (default: {@code ""}, not said).
     *
     * @return the lock's name, or {@code ""}
     */
    default String lock() {
        return "";
    }

    /**
     * What the operation this rule catches breaks for the deployed code or the traffic, for example "blocks reads
     * and writes for the whole rewrite" (default: {@code ""}, not said).
     *
     * @return what breaks, in words, or {@code ""}
     */
    default String breaks() {
        return "";
    }

    /**
     * The PostgreSQL versions the rule applies to, in words (default: {@code "all"}).
     *
     * @return the versions, for example {@code "all"} or {@code "PostgreSQL 12+"}
     */
    default String versions() {
        return "all";
    }

    /**
     * The message of this rule's UNSAFE finding on {@code statement}, or empty when the rule has nothing to say. The
     * classifier calls {@link #check(StatementAnalysis, List)}, which calls this method unless overridden: an
     * implementation overrides one of the two (this one for rules that read the statement's analysis only).
     *
     * @param statement the statement as zdcd judged it, with zdcd's own findings
     * @return the finding's message, or empty
     * @throws UnsupportedOperationException when the implementation overrides neither {@code check} method (the
     *                                       classifier refuses such a rule when it is added)
     */
    default Optional<String> check(StatementAnalysis statement) {
        throw new UnsupportedOperationException(getClass().getName()
                + " overrides neither check(StatementAnalysis) nor check(StatementAnalysis, List<Action>)");
    }

    /**
     * The message of this rule's UNSAFE finding on {@code statement}, whose operations are {@code actions}, or empty
     * when the rule has nothing to say. This is the method the classifier calls, once per statement; by default it
     * calls {@link #check(StatementAnalysis)}. An implementation overrides one of the two: this one to read what the
     * statement does as typed records ({@link Action}: {@code DropTable}, {@code CreateIndex}, {@code AddColumn}...).
     *
     * @param statement the statement as zdcd judged it, with zdcd's own findings
     * @param actions   what the statement does, one action at a time in the order PostgreSQL performs them (see
     *                  {@link Action}); immutable
     * @return the finding's message, or empty
     */
    default Optional<String> check(StatementAnalysis statement, List<Action> actions) {
        return check(statement);
    }

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

    /**
     * A rule from its parts that checks what each statement does ({@link Action}s), for example "no CREATE INDEX
     * without CONCURRENTLY on tables named big_*":
     *
     * <pre>{@code
     * MigrationRule bigIndexes = MigrationRule.ofActions("big-table-index-concurrently",
     *         "indexes on big_* tables are built CONCURRENTLY", "CREATE INDEX CONCURRENTLY ...",
     *         (statement, actions) -> actions.stream()
     *                 .filter(a -> a instanceof Action.CreateIndex i && !i.concurrently()
     *                         && Action.unqualified(i.table()).startsWith("big_"))
     *                 .findFirst().map(a -> "builds an index on a big table without CONCURRENTLY: " + a));
     * }</pre>
     *
     * @param id              the rule's id (see {@link #ID})
     * @param title           one line: what it catches
     * @param safeAlternative what to do instead ("" for nothing)
     * @param check           the message of an UNSAFE finding on a statement and its actions, or empty
     * @return the rule; its {@code toString()} names its id
     */
    static MigrationRule ofActions(String id, String title, String safeAlternative,
                                   BiFunction<StatementAnalysis, List<Action>, Optional<String>> check) {
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
            public Optional<String> check(StatementAnalysis statement, List<Action> actions) {
                return check.apply(statement, actions);
            }

            @Override
            public String toString() {
                return "MigrationRule[" + id + ": " + title + "]";
            }
        };
    }
}
