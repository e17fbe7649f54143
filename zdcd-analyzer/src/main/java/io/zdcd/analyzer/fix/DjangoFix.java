package io.zdcd.analyzer.fix;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The fix of a Django migration: the expand migration that replaces it (same name and dependencies; Django's state
 * changes as the original says, through {@code SeparateDatabaseAndState}, while the database gets the expand steps)
 * and the contract migration that depends on it. Immutable.
 *
 * <pre>{@code
 * DjangoFix[orders/0004_order_status: complete; files 0004_order_status.py, 0005_order_status_contract.py]
 * }</pre>
 *
 * @param app       the app label
 * @param migration the migration's name
 * @param sqlFix    the fix of the migration's SQL ({@code sqlmigrate}), which the files run: per UNSAFE statement,
 *                  the recipe or why there is none
 * @param files     the expand migration, then the contract migration when there are contract steps; empty when the
 *                  fix is not complete (Django's state would no longer match the database: the migration stays as
 *                  it is) or when nothing needed a fix
 */
public record DjangoFix(String app, String migration, FixResult sqlFix, List<DjangoFile> files) {
    /**
     * The fix of a Django migration; {@code app}, {@code migration}, {@code sqlFix} and {@code files} must not be
     * null ({@code files} is copied).
     *
     * @param app       the app label, for example {@code orders}
     * @param migration the migration's name, for example {@code 0004_order_status}
     * @param sqlFix    the fix of the migration's {@code sqlmigrate} SQL
     * @param files     the expand migration, then the contract migration if any; empty when the fix is not complete
     *                  or nothing needed a fix
     */
    public DjangoFix {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(sqlFix, "sqlFix");
        files = List.copyOf(files);
    }

    /**
     * Whether every UNSAFE statement got a recipe (only then are there files).
     *
     * @return true when {@link #sqlFix()} is complete, so the files replace the migration; false when the migration
     *         must stay as it is
     */
    public boolean isComplete() {
        return sqlFix.isComplete();
    }

    @Override
    public String toString() {
        return "DjangoFix[" + app + "/" + migration + ": " + (isComplete() ? "complete" : "incomplete") + "; files "
                + (files.isEmpty() ? "none" : files.stream().map(DjangoFile::name).collect(Collectors.joining(", ")))
                + "]";
    }
}
