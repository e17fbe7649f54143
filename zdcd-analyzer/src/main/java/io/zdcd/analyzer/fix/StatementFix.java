package io.zdcd.analyzer.fix;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link MigrationFixer} did with one UNSAFE statement of the migration.
 *
 * @param index       1-based position of the statement in the migration
 * @param line        1-based line of the statement
 * @param ruleId      the rule that judged it UNSAFE (the first UNSAFE finding's)
 * @param recipe      the recipe applied, for example {@code create-index-concurrently}; empty when none was
 * @param explanation what the recipe does, or why there is none ({@code no recipe for rule X: ...})
 */
public record StatementFix(int index, int line, String ruleId, Optional<String> recipe, String explanation) {
    /**
     * What was done with one UNSAFE statement; {@code ruleId}, {@code recipe} and {@code explanation} must not be
     * null.
     *
     * @param index       1-based position of the statement in the migration
     * @param line        1-based line of the statement
     * @param ruleId      the rule that judged it UNSAFE
     * @param recipe      the recipe applied; empty when none was
     * @param explanation what the recipe does, or why there is none
     */
    public StatementFix {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(explanation, "explanation");
    }

    /**
     * Whether a recipe replaced the statement.
     *
     * @return true when {@link #recipe()} is present; false when the statement is left as it was, for the reason in
     *         {@link #explanation()}
     */
    public boolean isFixed() {
        return recipe.isPresent();
    }

    @Override
    public String toString() {
        return "L" + line + " " + ruleId + ": " + recipe.map(r -> "fixed by " + r + " (" + explanation + ")")
                .orElse(explanation);
    }
}
