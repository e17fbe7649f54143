package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... ALTER COLUMN c DROP DEFAULT.
 *
 * @param table         the table
 * @param isNew         the table was created in this migration
 * @param column        the column
 * @param djangoPattern this migration added the column with DEFAULT ... NOT NULL (Django's AddField)
 * @param known         zdcd knows the column
 * @param notNull       the known column is NOT NULL
 */
public record DropDefault(Name table, boolean isNew, String column, boolean djangoPattern, boolean known,
                          boolean notNull) implements Op {
}
