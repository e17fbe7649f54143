package io.zdcd.analyzer.rules;

/** The kinds of table constraints. */
public enum ConstraintKind {
    /** {@code CHECK (expression)}. */
    CHECK,
    /** {@code FOREIGN KEY ... REFERENCES}. */
    FOREIGN_KEY,
    /** {@code UNIQUE}. */
    UNIQUE,
    /** {@code PRIMARY KEY}. */
    PRIMARY_KEY,
    /** {@code EXCLUDE}. */
    EXCLUDE,
    /** {@code NOT NULL} as a constraint (PostgreSQL 18+). */
    NOT_NULL,
    /** A constraint whose kind zdcd does not know (a {@code DROP CONSTRAINT} of a constraint it never saw). */
    UNKNOWN
}
