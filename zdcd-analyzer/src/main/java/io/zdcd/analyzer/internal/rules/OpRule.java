package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.model.Op;

/**
 * A rule that judges records of one type only. A rule that judges several types implements {@link ZdcdRule} itself.
 *
 * @param <T> the record type
 */
abstract class OpRule<T extends Op> extends ZdcdRule {
    private final Rule meta;
    private final Class<T> type;

    OpRule(Rule meta, Class<T> type) {
        this.meta = meta;
        this.type = type;
    }

    @Override
    public final Rule meta() {
        return meta;
    }

    @Override
    public final void check(Op op, Judgement j) {
        if (type.isInstance(op)) {
            judge(type.cast(op), j);
        }
    }

    @Override
    public final boolean judges(Class<? extends Op> t) {
        return type.isAssignableFrom(t);
    }

    /** Judges a record of the rule's type. */
    abstract void judge(T op, Judgement j);
}
