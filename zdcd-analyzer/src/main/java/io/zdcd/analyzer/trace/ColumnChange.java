package io.zdcd.analyzer.trace;

import java.util.Objects;
import java.util.Optional;

/**
 * How one column of a relation that existed before the statement changed, read from {@code pg_attribute}.
 * A column is matched by its position ({@code attnum}), so a rename shows as a change of name.
 *
 * @param table      the table, schema-qualified unless it is in {@code public}
 * @param column     the column's name after the statement (its old name if it was dropped)
 * @param nameBefore the column's name before, empty when the statement added it
 * @param typeBefore the column's type before ({@code format_type}), empty when the statement added it
 * @param typeAfter  the column's type after, empty when the statement dropped it
 * @param notNullBefore whether the column was NOT NULL before (false when added)
 * @param notNullAfter  whether it is NOT NULL after (false when dropped)
 */
public record ColumnChange(String table, String column, Optional<String> nameBefore, Optional<String> typeBefore,
                           Optional<String> typeAfter, boolean notNullBefore, boolean notNullAfter) {
    /**
     * {@code table}, {@code column} and the optional components must not be null.
     *
     * @param table         the table, schema-qualified unless in {@code public}; not null
     * @param column        the column's name after the statement, or its last name if dropped; not null
     * @param nameBefore    the name before; empty for an added column; not null
     * @param typeBefore    the type before; empty for an added column; not null
     * @param typeAfter     the type after; empty for a dropped column; not null
     * @param notNullBefore whether the column was NOT NULL before
     * @param notNullAfter  whether it is NOT NULL after
     */
    public ColumnChange {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(nameBefore, "nameBefore");
        Objects.requireNonNull(typeBefore, "typeBefore");
        Objects.requireNonNull(typeAfter, "typeAfter");
    }

    /**
     * Whether the column did not exist before the statement.
     *
     * @return true when {@link #typeBefore()} is empty
     */
    public boolean added() {
        return typeBefore.isEmpty();
    }

    /**
     * Whether the column no longer exists after the statement.
     *
     * @return true when {@link #typeAfter()} is empty
     */
    public boolean dropped() {
        return typeAfter.isEmpty();
    }

    /**
     * Whether the column had another name before the statement.
     *
     * @return true when {@link #nameBefore()} is present and differs from {@link #column()}; false for an added
     *         column
     */
    public boolean renamed() {
        return nameBefore.isPresent() && !nameBefore.get().equals(column);
    }

    /**
     * Whether the column existed before and after with different types.
     *
     * @return true when both types are known and differ as {@code format_type} spells them (so
     *         {@code varchar(50)} to {@code varchar(100)} counts); false for an added or dropped column
     */
    public boolean typeChanged() {
        return typeBefore.isPresent() && typeAfter.isPresent() && !typeBefore.equals(typeAfter);
    }

    @Override
    public String toString() {
        String where = table + "." + column;
        if (added()) {
            return where + " added " + typeAfter.get() + (notNullAfter ? " NOT NULL" : "");
        }
        if (dropped()) {
            return where + " dropped";
        }
        StringBuilder sb = new StringBuilder(where);
        if (renamed()) {
            sb.append(" renamed from ").append(nameBefore.get());
        }
        if (typeChanged()) {
            sb.append(" type ").append(typeBefore.get()).append(" -> ").append(typeAfter.get());
        }
        if (notNullBefore != notNullAfter) {
            sb.append(notNullAfter ? " SET NOT NULL" : " DROP NOT NULL");
        }
        return sb.toString();
    }
}
