package io.zdcd.analyzer.rules;

import io.zdcd.classify.StatementAnalysis;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** A rule made from its parts by {@link MigrationRule#of} or {@link MigrationRule#ofActions}. */
final class FunctionRule implements MigrationRule {
    private final String id;
    private final String title;
    private final String safeAlternative;
    /** The check of a rule made by {@code of}, else null. */
    private final Function<StatementAnalysis, Optional<String>> onStatement;
    /** The check of a rule made by {@code ofActions}, else null. */
    private final BiFunction<StatementAnalysis, List<Action>, Optional<String>> onActions;

    FunctionRule(String id, String title, String safeAlternative,
                 Function<StatementAnalysis, Optional<String>> onStatement,
                 BiFunction<StatementAnalysis, List<Action>, Optional<String>> onActions) {
        this.id = Objects.requireNonNull(id, "id");
        this.title = Objects.requireNonNull(title, "title");
        this.safeAlternative = Objects.requireNonNull(safeAlternative, "safeAlternative");
        if (onStatement == null && onActions == null) {
            throw new NullPointerException("check");
        }
        this.onStatement = onStatement;
        this.onActions = onActions;
    }

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
        return onStatement != null ? onStatement.apply(statement) : MigrationRule.super.check(statement);
    }

    @Override
    public Optional<String> check(StatementAnalysis statement, List<Action> actions) {
        return onActions != null ? onActions.apply(statement, actions) : onStatement.apply(statement);
    }

    @Override
    public String toString() {
        return "MigrationRule[" + id + ": " + title + "]";
    }
}
