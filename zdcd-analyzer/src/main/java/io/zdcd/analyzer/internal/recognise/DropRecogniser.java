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

    /** The kinds of DROP named by two words. */
    private static final List<String> TWO_WORD_KINDS = List.of("MATERIALIZED VIEW", "FOREIGN TABLE", "TEXT SEARCH",
            "EVENT TRIGGER", "ACCESS METHOD", "USER MAPPING");

    static List<Op> drop(Tokens t, int i, Judgement j) {
        int p = i + 1;
        ObjectKind kind = ObjectKind.read(t, p, TWO_WORD_KINDS);
        String what = kind.what();
        p = kind.next();
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
        NameList list = NameList.read(t, p, t.size());
        boolean anyExisting = list.names().stream().anyMatch(n -> j.ctx.existedBefore(n.key()));
        return new DropObjects(what, list.names(), RELATION_KINDS.contains(what), anyExisting,
                t.contains(list.end(), t.size(), "CASCADE"));
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
        for (Name n : NameList.read(t, p, t.size()).names()) {
            Schema.Index idx = j.ctx.schema.index(n.last());
            if (idx == null) {
                idx = j.ctx.schema.index(n.key());
            }
            boolean existed = j.ctx.existedBefore(n.key()) && j.ctx.existedBefore(n.last());
            indexes.add(new DropIndex.Target(n, existed, idx));
        }
        return new DropIndex(indexes, concurrently);
    }

    private static Op dropOnTable(Tokens t, int p, Judgement j, String what) {
        int on = t.find(p, "ON");
        Name table = on < 0 ? null : Name.parse(t, on + 1);
        return new DropOnTable(what, table, table != null && !j.ctx.existedBefore(table.key()));
    }
}
