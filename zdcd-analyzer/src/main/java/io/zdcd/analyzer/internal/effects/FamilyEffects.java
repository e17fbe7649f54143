package io.zdcd.analyzer.internal.effects;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.model.Op;

/** The effects of one family's records; see {@link Effects}. */
@FunctionalInterface
interface FamilyEffects {
    /**
     * Applies {@code op} when it is one of this family's records.
     *
     * @param op the record
     * @param j  the statement's judgement (its context, schema, locks and flags change)
     * @return whether the record was this family's
     */
    boolean apply(Op op, Judgement j);
}
