package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterDomain;
import io.zdcd.classify.Verdict;

/** alter-domain-add-constraint: checking a domain constraint scans every table using the domain under ShareLock. */
final class AlterDomainAddConstraintRule extends OpRule<AlterDomain> {
    AlterDomainAddConstraintRule() {
        super(Rules.ALTER_DOMAIN, AlterDomain.class);
    }

    private static String users(AlterDomain op) {
        if (op.users() == null) {
            return "zdcd does not know which";
        }
        return op.users().isEmpty() ? "zdcd knows of none, but does not know every table"
                : String.join(", ", op.users());
    }

    @Override
    void judge(AlterDomain op, Judgement j) {
        if (op.action() == AlterDomain.Action.ADD_CONSTRAINT) {
            if (op.isNew() || op.notValid()) {
                j.finding(meta(), Verdict.SAFE, "adds a domain constraint" + (op.notValid()
                        ? " NOT VALID: existing values are not checked" : " to a domain created in this migration"));
            } else {
                j.finding(meta(), Verdict.UNSAFE, "adds a domain constraint: every column of the domain in every "
                        + "table (" + users(op) + ") is scanned under ShareLock: writes to those tables wait for the "
                        + "whole scan");
            }
        } else if (op.action() == AlterDomain.Action.VALIDATE && !op.isNew()) {
            j.finding(meta(), Verdict.UNSAFE, "validates a domain constraint: unlike a table's VALIDATE CONSTRAINT, "
                    + "PostgreSQL scans every table using the domain (" + users(op) + ") under ShareLock: writes to "
                    + "those tables wait for the whole scan", "a CHECK constraint on each table's column instead of "
                    + "the domain's: ADD CONSTRAINT ... CHECK (...) NOT VALID, then VALIDATE CONSTRAINT in its own "
                    + "transaction (ShareUpdateExclusiveLock, writes go on)");
        }
    }
}
