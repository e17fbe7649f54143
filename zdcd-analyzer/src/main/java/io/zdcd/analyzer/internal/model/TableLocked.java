package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import io.zdcd.classify.LockMode;

/**
 * An ALTER TABLE action whose only effect zdcd knows is its lock (one it cannot read): followed by an
 * {@link Unrecognised} record.
 *
 * @param table the table
 * @param mode  the lock
 */
public record TableLocked(Name table, LockMode mode) implements Op {
}
