package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.PrepareStatement;
import io.zdcd.analyzer.internal.model.Procedural;
import io.zdcd.analyzer.internal.model.PsqlMetaCommand;
import io.zdcd.analyzer.internal.model.Query;
import io.zdcd.analyzer.internal.model.ReadCommand;

/** opaque-code: code zdcd cannot see into may take any lock or change any schema. */
final class OpaqueCodeRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.OPAQUE_CODE;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof Procedural o && o.opaque()) {
            j.finding(meta(), o.command() + " runs procedural code zdcd cannot see into; it may take any lock or "
                    + "change any schema");
        } else if (op instanceof Query o && o.unknownFunction() != null) {
            j.finding(meta(), "calls " + o.unknownFunction() + ", which zdcd does not know to be harmless: a function "
                    + "can take any lock and change any schema");
        } else if (op instanceof ReadCommand o && o.analyze()) {
            j.finding(meta(), "EXPLAIN ANALYZE executes the statement; write the statement itself instead");
        } else if (op instanceof PrepareStatement) {
            j.finding(meta(), "prepares a statement to EXECUTE later; zdcd cannot follow it");
        } else if (op instanceof PsqlMetaCommand o && !o.harmless()) {
            j.finding(meta(), "psql meta-command \\" + o.command() + " runs or changes SQL zdcd cannot see "
                    + "(included files, generated statements, other databases, shell commands, conditionals)");
        }
    }
}
