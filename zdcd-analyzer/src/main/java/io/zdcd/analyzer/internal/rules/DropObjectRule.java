package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.DropObjects;
import io.zdcd.classify.Verdict;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** drop-object: dropping a function, type, schema, role... the old code may use breaks it. */
final class DropObjectRule extends OpRule<DropObjects> {
    private static final Set<String> ROLES = Set.of("ROLE", "USER", "GROUP", "OWNED");
    /** Kinds application queries do not use. */
    private static final Set<String> NOT_USED_BY_QUERIES = Set.of("STATISTICS", "PUBLICATION", "SUBSCRIPTION",
            "SERVER", "USER MAPPING", "EVENT TRIGGER", "TEXT SEARCH", "CAST", "OPERATOR", "COLLATION", "CONVERSION",
            "TRANSFORM", "ACCESS METHOD", "AGGREGATE", "LANGUAGE", "TABLESPACE");

    DropObjectRule() {
        super(Rules.DROP_OBJECT, DropObjects.class);
    }

    /** The names, comma-separated, as reports show them. */
    static String names(DropObjects op) {
        return op.names().stream().map(Name::display).collect(Collectors.joining(", "));
    }

    @Override
    void judge(DropObjects op, Judgement j) {
        if (op.relation()) {
            return;
        }
        String what = op.what().toLowerCase(Locale.ROOT);
        if (!op.anyExisting()) {
            j.finding(meta(), Verdict.SAFE, "drops " + what + " created in this migration");
        } else if (ROLES.contains(op.what())) {
            j.breaksOldCode = true;
            j.finding(meta(), Verdict.UNSAFE, "drops " + what + " " + names(op) + ": sessions and privileges of the "
                    + "old code may depend on it");
        } else if (NOT_USED_BY_QUERIES.contains(op.what())) {
            j.finding(meta(), Verdict.SAFE, "drops " + what + " " + names(op) + ": not used by application queries");
        } else {
            j.breaksOldCode = true;
            j.finding(meta(), Verdict.UNSAFE, "drops " + what + " " + names(op) + ": the old code (queries, "
                    + "defaults, triggers) may still use it" + (op.cascade() ? "; CASCADE also drops columns, "
                    + "defaults and triggers that depend on it" : ""));
        }
    }
}
