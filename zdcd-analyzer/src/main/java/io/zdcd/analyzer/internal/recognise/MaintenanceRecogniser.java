package io.zdcd.analyzer.internal.recognise;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.model.Analyze;
import io.zdcd.analyzer.internal.model.Cluster;
import io.zdcd.analyzer.internal.model.Comment;
import io.zdcd.analyzer.internal.model.LockTable;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.RefreshMaterializedView;
import io.zdcd.analyzer.internal.model.Reindex;
import io.zdcd.analyzer.internal.model.Truncate;
import io.zdcd.analyzer.internal.model.Unrecognised;
import io.zdcd.analyzer.internal.model.Vacuum;
import io.zdcd.classify.LockMode;
import java.util.List;
import java.util.Set;

/** TRUNCATE, LOCK, COMMENT, VACUUM, ANALYZE, CLUSTER, REINDEX and REFRESH MATERIALIZED VIEW. */
final class MaintenanceRecogniser {
    private MaintenanceRecogniser() {
    }

    static List<Op> truncate(Tokens t, int i, Judgement j) {
        j.kind("TRUNCATE");
        int p = i + 1;
        if (t.is(p, "TABLE")) {
            p++;
        }
        NameList tables = NameList.read(t, p, t.size());
        boolean anyExisting = tables.names().stream().anyMatch(n -> j.ctx.existedBefore(n.key()));
        return List.of(new Truncate(tables.names(), anyExisting, t.contains(tables.end(), t.size(), "CASCADE")));
    }

    static List<Op> lock(Tokens t, int i, Judgement j) {
        j.kind("LOCK");
        int p = i + 1;
        if (t.is(p, "TABLE")) {
            p++;
        }
        int in = t.find(p, "IN");
        LockMode mode = in < 0 ? ACCESS_EXCLUSIVE : lockModeAt(t, in + 1, t.size());
        if (mode == null) {
            return List.of(new Unrecognised("LOCK with an unknown lock mode"));
        }
        return List.of(new LockTable(NameList.read(t, p, in < 0 ? t.size() : in).names(), mode));
    }

    /** Lock mode named in SQL words at token {@code p} ("ACCESS EXCLUSIVE", "SHARE ROW EXCLUSIVE"...). */
    static LockMode lockModeAt(Tokens t, int p, int endExclusive) {
        StringBuilder sb = new StringBuilder();
        for (int k = p; k < endExclusive; k++) {
            if (t.is(k, "MODE")) {
                break;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(t.upper(k));
        }
        return LockMode.fromName(sb.toString()).orElse(null);
    }

    private static final Set<String> RELATION_KINDS = Set.of("TABLE", "INDEX", "VIEW", "MATERIALIZED", "SEQUENCE",
            "FOREIGN");

    static List<Op> comment(Tokens t, int i, Judgement j) {
        j.kind("COMMENT");
        int p = i + 2; // COMMENT ON
        String what = t.upper(p);
        Name n = Name.parse(t, p + 1);
        if (t.is(p, "MATERIALIZED", "VIEW") || t.is(p, "FOREIGN", "TABLE")) {
            n = Name.parse(t, p + 2);
        }
        Name relation = null;
        if (n != null) {
            if (what.equals("COLUMN")) {
                int dot = n.key().lastIndexOf('.');
                String tk = dot < 0 ? n.key() : n.key().substring(0, dot);
                int dd = n.display().lastIndexOf('.');
                relation = new Name(tk, dd < 0 ? n.display() : n.display().substring(0, dd), 0);
            } else if (RELATION_KINDS.contains(what)) {
                relation = n;
            }
        }
        return List.of(new Comment(relation));
    }

    static List<Op> vacuum(Tokens t, int i, Judgement j) {
        Options o = Options.read(t, i + 1);
        j.kind(o.full() ? "VACUUM FULL" : "VACUUM");
        Name n = Name.parse(t, o.next());
        return List.of(new Vacuum(n, o.full(), isNew(n, j)));
    }

    static List<Op> analyze(Tokens t, int i, Judgement j) {
        j.kind(t.upper(i));
        return List.of(new Analyze(Name.parse(t, Options.read(t, i + 1).next())));
    }

    static List<Op> cluster(Tokens t, int i, Judgement j) {
        j.kind("CLUSTER");
        Name n = Name.parse(t, Options.read(t, i + 1).next());
        return List.of(new Cluster(n, isNew(n, j)));
    }

    /**
     * The options of VACUUM, ANALYZE and CLUSTER: a parenthesised list, then the bare words of the old syntax (FULL,
     * FREEZE, VERBOSE, ANALYZE; all reserved, so never a table's name).
     *
     * @param next the index of the token after them
     * @param full FULL, bare or in the list and not turned off (VACUUM FULL)
     */
    private record Options(int next, boolean full) {
        static Options read(Tokens t, int p) {
            boolean full = false;
            if (t.isOp(p, "(")) {
                int close = t.closing(p);
                for (int k = p + 1; k < close; k++) {
                    if (t.is(k, "FULL") && !(t.is(k + 1, "FALSE") || t.is(k + 1, "OFF") || t.isOp(k + 1, "0")
                            || (t.type(k + 1) == Tokens.NUMBER && t.text(k + 1).equals("0")))) {
                        full = true;
                    }
                }
                p = close + 1;
            }
            while (t.is(p, "FULL") || t.is(p, "FREEZE") || t.is(p, "VERBOSE") || t.is(p, "ANALYZE")
                    || t.is(p, "ANALYSE")) {
                full |= t.is(p, "FULL");
                p++;
            }
            return new Options(p, full);
        }
    }

    private static boolean isNew(Name n, Judgement j) {
        return n != null && !j.ctx.existedBefore(n.key());
    }

    static List<Op> reindex(Tokens t, int i, Judgement j) {
        int p = i + 1;
        boolean concurrently = false;
        if (t.isOp(p, "(")) {
            int close = t.closing(p);
            concurrently = t.contains(p, close, "CONCURRENTLY");
            p = close + 1;
        }
        String what = t.upper(p);
        p++;
        if (t.is(p, "CONCURRENTLY")) {
            concurrently = true;
            p++;
        }
        j.kind("REINDEX " + what + (concurrently ? " CONCURRENTLY" : ""));
        Name n = Name.parse(t, p);
        Name indexTable = null;
        if (what.equals("INDEX") && n != null) {
            Schema.Index idx = j.ctx.schema.index(n.last());
            indexTable = idx == null ? null : new Name(idx.table(), idx.table(), 0);
        }
        boolean isNew = n != null && !j.ctx.existedBefore(n.key()) && !j.ctx.existedBefore(n.last());
        return List.of(new Reindex(what, n, indexTable, concurrently, isNew));
    }

    static List<Op> refresh(Tokens t, int i, Judgement j) {
        int p = i + 3; // REFRESH MATERIALIZED VIEW
        boolean concurrently = t.is(p, "CONCURRENTLY");
        if (concurrently) {
            p++;
        }
        j.kind("REFRESH MATERIALIZED VIEW" + (concurrently ? " CONCURRENTLY" : ""));
        Name n = Name.parse(t, p);
        return List.of(new RefreshMaterializedView(n, concurrently, isNew(n, j)));
    }
}
