package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... {ENABLE [REPLICA | ALWAYS] | DISABLE} {TRIGGER | RULE} ....
 *
 * @param table   the table
 * @param isNew   the table was created in this migration
 * @param text    the action as written, upper case, spaces collapsed
 * @param disable DISABLE (else ENABLE)
 * @param rule    a query rewrite RULE (else a TRIGGER)
 */
public record TriggerToggle(Name table, boolean isNew, String text, boolean disable, boolean rule) implements Op {
}
