package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterDomain;
import io.zdcd.analyzer.internal.model.AlterObject;
import io.zdcd.analyzer.internal.model.AlterRoleOrDatabase;
import io.zdcd.analyzer.internal.model.AlterType;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.classify.Verdict;
import java.util.Locale;

/** rename-object: the old code still uses the old name of a type, domain, function, schema, role... */
final class RenameObjectRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.RENAME_OBJECT;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof AlterType o && o.action() == AlterType.Action.RENAME) {
            renames(j, o.isNew(), "renames or moves a type the old code may name in casts");
        } else if (op instanceof AlterDomain o && o.action() == AlterDomain.Action.RENAME) {
            renames(j, o.isNew(), "renames a domain or its constraint");
        } else if (op instanceof AlterRoleOrDatabase o && o.rename()
                && !(o.what().equals("SYSTEM") && j.ctx.inTransaction)) {
            renames(j, false, "renames a " + o.what().toLowerCase(Locale.ROOT) + ": connections of the old code use "
                    + "the old name");
        } else if (op instanceof AlterObject o && o.action() == AlterObject.Action.RENAME) {
            renames(j, false, "renames or moves a " + o.what().toLowerCase(Locale.ROOT) + ": the old code still uses "
                    + "the old name");
        }
    }

    private void renames(Judgement j, boolean isNew, String message) {
        j.breaksOldCode = !isNew;
        j.finding(meta(), isNew ? Verdict.SAFE : Verdict.UNSAFE, message);
    }
}
