package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Procedural;

/** opaque-code: code zdcd cannot see into may take any lock or change any schema. */
final class OpaqueCodeRule implements ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.OPAQUE_CODE;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof Procedural o && o.opaque()) {
            j.finding(meta(), o.command() + " runs procedural code zdcd cannot see into; it may take any lock or "
                    + "change any schema");
        }
    }
}
