package io.zdcd.analyzer.internal;

import java.util.Set;

/**
 * The column-definition and identifier readers that still live in {@link AlterTableRules} and
 * {@link ConstraintRules}, opened to the recognisers (CREATE TABLE) until the ALTER TABLE family moves them.
 */
public final class ColumnSyntax {
    private ColumnSyntax() {
    }

    /**
     * A column definition as read by {@code AlterTableRules.columnDef}.
     *
     * @param name       the column
     * @param type       its normalised type, or null when unknown
     * @param notNull    NOT NULL (or PRIMARY KEY, serial, identity)
     * @param primaryKey PRIMARY KEY
     * @param unique     UNIQUE
     * @param check      a CHECK constraint
     * @param references the table of a REFERENCES clause, or null
     * @param hasDefault a DEFAULT, serial or identity
     * @param identity   serial or identity
     */
    public record Column(String name, String type, boolean notNull, boolean primaryKey, boolean unique,
                         boolean check, Name references, boolean hasDefault, boolean identity) {
    }

    /**
     * The column definition between tokens {@code s} and {@code e}, or null when it does not start with a name.
     *
     * @param t the tokens
     * @param s its first token
     * @param e the token after it
     * @param j the statement's judgement
     * @return the column, or null
     */
    public static Column column(Tokens t, int s, int e, Judgement j) {
        AlterTableRules.ColumnDef c = AlterTableRules.columnDef(t, s, e, j);
        return c == null ? null : new Column(c.name, c.type, c.notNull, c.primaryKey, c.unique, c.check,
                c.references, c.defaultFrom >= 0 || c.identity, c.identity);
    }

    /**
     * The identifiers inside the parenthesised expression at {@code paren} ({@code ConstraintRules.identifiers}).
     *
     * @param t     the tokens
     * @param paren the opening parenthesis
     * @return the identifiers
     */
    public static Set<String> identifiers(Tokens t, int paren) {
        return ConstraintRules.identifiers(t, paren);
    }
}
