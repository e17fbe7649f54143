package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.model.Op;

/**
 * One rule of zdcd's catalogue: reads records and writes findings of its id, nothing else (no lock, no schema change:
 * those are {@link io.zdcd.analyzer.internal.effects.Effects}'). One class per rule id, named after the id
 * ({@code lock-table} -> {@code LockTableRule}), listed in {@link RuleSet#ALL}.
 */
public interface ZdcdRule {
    /**
     * The rule's catalogue entry ({@link io.zdcd.analyzer.internal.Rules}).
     *
     * @return the entry
     */
    Rule meta();

    /**
     * Judges one record, after its effects were applied: adds this rule's findings to {@code j}, if any.
     *
     * @param op the record
     * @param j  the statement's judgement
     */
    void check(Op op, Judgement j);
}
