package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.model.Copy;
import io.zdcd.analyzer.internal.model.DataModifyingCte;
import io.zdcd.analyzer.internal.model.Insert;
import io.zdcd.analyzer.internal.model.Merge;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.ReadSources;
import io.zdcd.analyzer.internal.model.Unrecognised;
import io.zdcd.analyzer.internal.model.UpdateOrDelete;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Data changes: UPDATE, DELETE, INSERT, MERGE, COPY, and WITH queries around them (or around a SELECT). */
final class DataRecogniser {
    private DataRecogniser() {
    }

    private static final Set<String> DML = Set.of("UPDATE", "DELETE", "INSERT", "MERGE");

    static List<Op> data(Tokens t, int i, Judgement j) {
        List<Op> ops = new ArrayList<>();
        int p = i;
        if (t.is(p, "WITH")) {
            p = ctes(t, p + 1, j, ops);
        }
        switch (t.upper(p)) {
            case "UPDATE" -> ops.add(updateOrDelete(t, p, j, "UPDATE"));
            case "DELETE" -> ops.add(updateOrDelete(t, p, j, "DELETE"));
            case "INSERT" -> ops.add(insert(t, p, j));
            case "MERGE" -> ops.add(merge(t, p, j));
            case "COPY" -> ops.add(copy(t, p, j));
            case "SELECT", "VALUES", "TABLE" -> ops.addAll(ReadRecogniser.read(t, p, j));
            default -> {
                j.kind("WITH");
                ops.add(new Unrecognised("zdcd does not recognise the statement after WITH"));
            }
        }
        return ops;
    }

    /** Reads WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (query), ...; returns the index after them. */
    private static int ctes(Tokens t, int p, Judgement j, List<Op> ops) {
        if (t.is(p, "RECURSIVE")) {
            p++;
        }
        while (p < t.size()) {
            p++; // name
            if (t.isOp(p, "(")) {
                p = t.closing(p) + 1;
            }
            if (t.is(p, "AS")) {
                p++;
            }
            if (t.is(p, "NOT")) {
                p++;
            }
            if (t.is(p, "MATERIALIZED")) {
                p++;
            }
            if (t.isOp(p, "(")) {
                int close = t.closing(p);
                if (DML.contains(t.upper(p + 1))) { // recognised on a judgement of its own: its kind
                    Judgement scratch = new Judgement(j.ctx); // is not the statement's
                    ops.add(new DataModifyingCte(data(Tokens.lex(t.text(p + 1, close - 1)), 0, scratch)));
                } else {
                    ops.add(new ReadSources(Sources.readPart(t, p + 1, close)));
                }
                p = close + 1;
            }
            if (!t.isOp(p, ",")) {
                break;
            }
            p++;
        }
        return p;
    }

    private static Op updateOrDelete(Tokens t, int p, Judgement j, String verb) {
        j.kind(verb);
        int q = p + 1;
        if (verb.equals("DELETE") && t.is(q, "FROM")) {
            q++;
        }
        if (t.is(q, "ONLY")) {
            q++;
        }
        Name table = Name.parse(t, q);
        if (table == null) {
            return new Unrecognised(verb + " without a table name");
        }
        int from = t.find(table.end(), verb.equals("UPDATE") ? "FROM" : "USING");
        List<Name> sources = from >= 0 ? Sources.fromList(t, from + 1) : List.of();
        boolean isNew = !j.ctx.existedBefore(table.key());
        int where = t.find(table.end(), "WHERE");
        boolean bounded = where >= 0 && (t.is(where + 1, "CURRENT", "OF") || Bounded.bounded(t, where + 1));
        return new UpdateOrDelete(verb, table, sources, isNew, where >= 0, bounded);
    }

    private static Op insert(Tokens t, int p, Judgement j) {
        j.kind("INSERT");
        Name table = Name.parse(t, afterInto(t, p));
        if (table == null) {
            return new Unrecognised("INSERT without a table name");
        }
        List<Name> sequences = new ArrayList<>();
        if (t.isOp(table.end(), "(")) { // traced: nextval() of a serial or identity column left out
            List<String> given = Sources.columnList(t, table.end());
            Schema.Table st = j.ctx.schema.table(table.key());
            if (st != null) {
                st.columns.forEach((c, col) -> {
                    if (col.ownsSequence && !given.contains(c)) {
                        sequences.add(Schema.sequenceOf(table, c));
                    }
                });
            }
        }
        int sel = t.find(table.end(), "SELECT");
        boolean fromQuery = sel >= 0 && !t.contains(table.end(), sel, "VALUES");
        return new Insert(table, sequences, fromQuery, fromQuery ? Sources.read(t, sel) : List.of());
    }

    private static Op merge(Tokens t, int p, Judgement j) {
        j.kind("MERGE");
        int q = afterInto(t, p);
        Name table = Name.parse(t, q);
        int using = t.find(q, "USING");
        Name source = using >= 0 ? Name.parse(t, using + 1) : null;
        return new Merge(table, source, table != null && !j.ctx.existedBefore(table.key()));
    }

    /** The index after INSERT or MERGE at {@code p} and the INTO that may follow: where the table's name starts. */
    private static int afterInto(Tokens t, int p) {
        return t.is(p + 1, "INTO") ? p + 2 : p + 1;
    }

    private static Op copy(Tokens t, int p, Judgement j) {
        j.kind("COPY");
        if (t.isOp(p + 1, "(")) {
            return new Copy(null, false, true, Sources.readPart(t, p + 2, t.closing(p + 1)));
        }
        return new Copy(Name.parse(t, p + 1), t.find(p, "FROM") >= 0, false, List.of());
    }
}
