package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.model.Op;

/** A rule with no record of its own: it judges a statement in its migration, through its {@link MigrationCheck} hooks. */
abstract class MigrationLevelRule extends ZdcdRule implements MigrationCheck {
    private final Rule meta;

    MigrationLevelRule(Rule meta) {
        this.meta = meta;
    }

    @Override
    public final Rule meta() {
        return meta;
    }

    @Override
    public final void check(Op op, Judgement j) {
        // no record: see the hooks
    }
}
