package io.zdcd.analyzer.fix;

import io.zdcd.classify.Phase;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The fix of one migration: the expand and contract files, in apply order, and per UNSAFE statement the recipe
 * applied or why there is none. Immutable.
 *
 * <pre>{@code
 * FixResult[0042_add_index: complete, 1 unsafe statement fixed, 0 without a recipe; files 0042_add_index_001_expand.sql]
 * }</pre>
 *
 * @param migration  the migration's name
 * @param files      every file, expand files first, in apply order (name order)
 * @param statements one entry per UNSAFE statement of the migration, in order (and one per SAFE statement that no
 *                   place in the fixed sequence keeps SAFE, which is then left out too)
 */
public record FixResult(String migration, List<FixFile> files, List<StatementFix> statements) {
    /**
     * The fix of one migration; no component may be null ({@code files} and {@code statements} are copied).
     *
     * @param migration  the migration's name
     * @param files      every file, expand files first, in apply order
     * @param statements what was done with each UNSAFE statement, in the migration's order
     */
    public FixResult {
        Objects.requireNonNull(migration, "migration");
        files = List.copyOf(files);
        statements = List.copyOf(statements);
    }

    /**
     * The expand files, in apply order: each classified SAFE by zdcd.
     *
     * @return the files of {@link #files()} to apply before the new code is deployed; empty when there are none
     */
    public List<FixFile> expandFiles() {
        return files.stream().filter(f -> f.phase() == Phase.EXPAND).toList();
    }

    /**
     * The contract files, in apply order: to run once the new code is live.
     *
     * @return the files of {@link #files()} to apply after the new code is live; empty when the fix needs no
     *         contract step
     */
    public List<FixFile> contractFiles() {
        return files.stream().filter(f -> f.phase() == Phase.CONTRACT).toList();
    }

    /**
     * The UNSAFE statements no recipe replaced: they are not in {@link #files()}.
     *
     * @return the entries of {@link #statements()} without a recipe, each with the reason; empty when the fix is
     *         complete
     */
    public List<StatementFix> unfixed() {
        return statements.stream().filter(s -> !s.isFixed()).toList();
    }

    /**
     * Whether every UNSAFE statement got a recipe (the files then do all the migration did).
     *
     * @return true when {@link #unfixed()} is empty
     */
    public boolean isComplete() {
        return unfixed().isEmpty();
    }

    @Override
    public String toString() {
        long fixed = statements.stream().filter(StatementFix::isFixed).count();
        return "FixResult[" + migration + ": " + (isComplete() ? "complete" : "incomplete") + ", " + fixed
                + " unsafe statement" + (fixed == 1 ? "" : "s") + " fixed, " + unfixed().size()
                + " without a recipe; files " + (files.isEmpty() ? "none"
                : files.stream().map(FixFile::name).collect(Collectors.joining(", "))) + "]";
    }
}
