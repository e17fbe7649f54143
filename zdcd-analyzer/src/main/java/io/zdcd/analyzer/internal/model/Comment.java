package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * COMMENT ON ... IS ...
 *
 * @param relation the relation whose comment changes (the table of a column comment), or null when the object is
 *                 not a relation (a function, a type, a schema...)
 */
public record Comment(Name relation) implements Op {
}
