package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.model.Op;

/**
 * One rule of zdcd's catalogue: reads records and writes findings of its id, nothing else (no lock, no schema change:
 * those are {@link io.zdcd.analyzer.internal.effects.Effects}'). One class per rule id, named after the id
 * ({@code lock-table} -> {@code LockTableRule}), listed in {@link RuleSet#ALL}. An abstract class, not an interface:
 * {@link RuleSet#judge} calls {@link #check} on many rule classes, and a virtual call is cheaper than an interface one.
 */
public abstract class ZdcdRule {
    /** For the subclasses in this package. */
    ZdcdRule() {
    }

    /**
     * The rule's catalogue entry ({@link io.zdcd.analyzer.internal.Rules}).
     *
     * @return the entry
     */
    public abstract Rule meta();

    /**
     * Judges one record, after its effects were applied: adds this rule's findings to {@code j}, if any.
     *
     * @param op the record
     * @param j  the statement's judgement
     */
    public abstract void check(Op op, Judgement j);

    /**
     * Whether the rule may judge records of {@code type}: {@link RuleSet#judge} calls {@link #check} only for those.
     * A rule that judges several types answers true (the default) and tests each record itself.
     *
     * @param type a record type
     * @return false only when {@link #check} never writes a finding for a record of that type
     */
    public boolean judges(Class<? extends Op> type) {
        return true;
    }
}
