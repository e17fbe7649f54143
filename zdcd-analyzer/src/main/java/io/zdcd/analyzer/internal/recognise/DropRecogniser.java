package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.model.DropIndex;
import io.zdcd.analyzer.internal.model.DropObjects;
import io.zdcd.analyzer.internal.model.DropOnTable;
import io.zdcd.analyzer.internal.model.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** DROP of every kind. */
final class DropRecogniser {
    private DropRecogniser() {
    }

    private static final Set<String> RELATION_KINDS = Set.of("TABLE", "VIEW", "SEQUENCE", "MATERIALIZED VIEW",
            "FOREIGN TABLE");

    static List<Op> drop(Tokens t, int i, Judgement j) {
        int p = i + 1;
        String what = t.upper(p);
        if (t.is(p, "MATERIALIZED", "VIEW") || t.is(p, "FOREIGN", "TABLE") || t.is(p, "TEXT", "SEARCH")
                || t.is(p, "EVENT", "TRIGGER") || t.is(p, "ACCESS", "METHOD") || t.is(p, "USER", "MAPPING")) {
            what = t.upper(p) + " " + t.upper(p + 1);
            p++;
        }
        p++;
        j.kind("DROP " + what);
        return List.of(switch (what) {
            case "INDEX" -> dropIndex(t, p, j);
            case "TRIGGER", "POLICY", "RULE" -> dropOnTable(t, p, j, what);
            default -> dropObjects(t, p, j, what);
        });
    }

    private static Op dropObjects(Tokens t, int p, Judgement j, String what) {
        if (t.is(p, "IF", "EXISTS")) {
            p += 2;
        }
        boolean anyExisting = false;
        List<Name> names = new ArrayList<>();
        int k = p;
        while (k < t.size()) {
            Name n = Name.parse(t, k);
            if (n == null) {
                break;
            }
            names.add(n);
            k = n.end();
            if (t.isOp(k, "(")) {
                k = t.closing(k) + 1; // function signature
            }
            anyExisting |= j.ctx.existedBefore(n.key());
            if (!t.isOp(k, ",")) {
                break;
            }
            k++;
        }
        return new DropObjects(what, names, RELATION_KINDS.contains(what), anyExisting,
                t.contains(k, t.size(), "CASCADE"));
    }

    private static Op dropIndex(Tokens t, int p, Judgement j) {
        boolean concurrently = t.is(p, "CONCURRENTLY");
        if (concurrently) {
            p++;
            j.kind("DROP INDEX CONCURRENTLY");
        }
        if (t.is(p, "IF", "EXISTS")) {
            p += 2;
        }
        List<DropIndex.Target> indexes = new ArrayList<>();
        int k = p;
        while (k < t.size()) {
            Name n = Name.parse(t, k);
            if (n == null) {
                break;
            }
            Schema.Index idx = j.ctx.schema.index(n.last());
            if (idx == null) {
                idx = j.ctx.schema.index(n.key());
            }
            boolean existed = j.ctx.existedBefore(n.key()) && j.ctx.existedBefore(n.last());
            indexes.add(new DropIndex.Target(n, existed, idx));
            k = n.end();
            if (!t.isOp(k, ",")) {
                break;
            }
            k++;
        }
        return new DropIndex(indexes, concurrently);
    }

    private static Op dropOnTable(Tokens t, int p, Judgement j, String what) {
        int on = t.find(p, "ON");
        Name table = on < 0 ? null : Name.parse(t, on + 1);
        return new DropOnTable(what, table, table != null && !j.ctx.existedBefore(table.key()));
    }
}
