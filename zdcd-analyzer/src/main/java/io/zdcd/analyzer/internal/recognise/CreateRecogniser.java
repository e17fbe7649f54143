package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.SqlText;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.model.CreateIndex;
import io.zdcd.analyzer.internal.model.CreateMaterializedView;
import io.zdcd.analyzer.internal.model.CreateObject;
import io.zdcd.analyzer.internal.model.CreateOnTable;
import io.zdcd.analyzer.internal.model.CreateStatistics;
import io.zdcd.analyzer.internal.model.CreateView;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Unrecognised;
import java.util.ArrayList;
import java.util.List;

/** CREATE of every kind: the words before the object kind, then one reader per kind. */
final class CreateRecogniser {
    private CreateRecogniser() {
    }

    static List<Op> create(Tokens t, int i, Judgement j) {
        int p = i + 1;
        boolean orReplace = false;
        if (t.is(p, "OR", "REPLACE")) {
            orReplace = true;
            p += 2;
        }
        boolean temp = false;
        while (t.is(p, "TEMP") || t.is(p, "TEMPORARY") || t.is(p, "UNLOGGED") || t.is(p, "GLOBAL")
                || t.is(p, "LOCAL") || t.is(p, "RECURSIVE") || t.is(p, "TRUSTED") || t.is(p, "PROCEDURAL")
                || t.is(p, "DEFAULT")) {
            temp |= t.is(p, "TEMP") || t.is(p, "TEMPORARY");
            p++;
        }
        return List.of(switch (t.upper(p)) {
            case "TABLE" -> CreateTableRecogniser.table(t, p + 1, j, temp);
            case "UNIQUE", "INDEX" -> index(t, p, j);
            case "TRIGGER", "CONSTRAINT" -> trigger(t, p, j);
            case "POLICY" -> onTable(t, p + 1, j, "POLICY", "ON");
            case "RULE" -> onTable(t, p + 1, j, "RULE", "TO");
            case "VIEW" -> view(t, p + 1, j, orReplace);
            case "MATERIALIZED" -> materializedView(t, p + 2, j);
            case "STATISTICS" -> {
                j.kind("CREATE STATISTICS");
                int from = t.find(p, "FROM");
                yield new CreateStatistics(from < 0 ? null : Name.parse(t, from + 1));
            }
            case "SEQUENCE", "TYPE", "DOMAIN", "SCHEMA", "EXTENSION", "FUNCTION", "PROCEDURE", "AGGREGATE",
                 "OPERATOR", "COLLATION", "CAST", "TEXT", "CONVERSION", "LANGUAGE", "ROLE", "USER", "GROUP",
                 "PUBLICATION", "SUBSCRIPTION", "SERVER", "FOREIGN", "EVENT", "ACCESS", "TRANSFORM", "TABLESPACE",
                 "DATABASE" -> object(t, p, j, orReplace);
            default -> {
                j.kind("CREATE");
                yield new Unrecognised("zdcd does not recognise 'CREATE " + SqlText.abbreviate(t.text(p))
                        + "'; treated as UNSAFE");
            }
        });
    }

    // ---------------------------------------------------------------- CREATE INDEX

    private static Op index(Tokens t, int p, Judgement j) {
        boolean unique = t.is(p, "UNIQUE");
        if (unique) {
            p++;
        }
        p++; // INDEX
        boolean concurrently = t.is(p, "CONCURRENTLY");
        if (concurrently) {
            p++;
        }
        j.kind((unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX") + (concurrently ? " CONCURRENTLY" : ""));
        if (t.is(p, "IF", "NOT", "EXISTS")) {
            p += 3;
        }
        String indexName = null;
        if (!t.is(p, "ON")) {
            indexName = t.ident(p);
            p = Name.parse(t, p) == null ? p + 1 : Name.parse(t, p).end();
        }
        if (!t.is(p, "ON")) {
            return new Unrecognised("CREATE INDEX without ON <table>");
        }
        p++;
        boolean only = t.is(p, "ONLY");
        if (only) {
            p++;
        }
        Name table = Name.parse(t, p);
        if (table == null) {
            return new Unrecognised("CREATE INDEX without a table name");
        }
        int paren = table.end();
        while (paren < t.size() && !t.isOp(paren, "(")) {
            paren++;
        }
        List<String> cols = new ArrayList<>();
        if (paren < t.size()) {
            int close = t.closing(paren);
            boolean start = true;
            for (int k = paren + 1; k < close; k++) {
                if (start && t.isIdent(k) && (t.isOp(k + 1, ",") || k + 1 == close || t.isWord(k + 1))) {
                    cols.add(t.ident(k));
                }
                if (t.isOp(k, "(")) {
                    k = t.closing(k);
                }
                start = t.isOp(k, ",");
            }
        }
        List<String> mentioned = new ArrayList<>();
        for (int k = table.end(); k < t.size(); k++) {
            if (t.isIdent(k)) {
                mentioned.add(t.ident(k));
            }
        }
        return new CreateIndex(table, indexName, unique, concurrently, only, cols, mentioned,
                !j.ctx.existedBefore(table.key()), t.contains(0, t.size(), "EXISTS"), t.text(0, t.size() - 1));
    }

    // ---------------------------------------------------------------- triggers, policies, rules

    private static Op trigger(Tokens t, int p, Judgement j) {
        if (t.is(p, "CONSTRAINT")) {
            p++;
        }
        j.kind("CREATE TRIGGER");
        int on = t.find(p, "ON");
        Name table = on < 0 ? null : Name.parse(t, on + 1);
        if (table == null) {
            return new Unrecognised("CREATE TRIGGER without ON <table>");
        }
        return new CreateOnTable("TRIGGER", table, !j.ctx.existedBefore(table.key()), false);
    }

    /** CREATE POLICY name ON table ..., CREATE RULE name AS ON event TO table ... */
    private static Op onTable(Tokens t, int p, Judgement j, String what, String before) {
        j.kind("CREATE " + what);
        int on = t.find(p, before);
        Name table = on < 0 ? null : Name.parse(t, on + 1);
        return new CreateOnTable(what, table, table != null && !j.ctx.existedBefore(table.key()),
                what.equals("POLICY") && t.contains(p, t.size(), "RESTRICTIVE"));
    }

    // ---------------------------------------------------------------- views, other objects

    private static Op view(Tokens t, int p, Judgement j, boolean orReplace) {
        j.kind(orReplace ? "CREATE OR REPLACE VIEW" : "CREATE VIEW");
        if (t.is(p, "IF", "NOT", "EXISTS")) {
            p += 3;
        }
        Name name = Name.parse(t, p);
        if (name == null) {
            return new Unrecognised("CREATE VIEW without a name");
        }
        int as = t.find(name.end(), "AS");
        return new CreateView(name, orReplace && j.ctx.existedBefore(name.key()),
                as >= 0 ? Sources.read(t, as + 1) : List.of());
    }

    private static Op materializedView(Tokens t, int p, Judgement j) {
        j.kind("CREATE MATERIALIZED VIEW");
        if (t.is(p, "IF", "NOT", "EXISTS")) {
            p += 3;
        }
        Name name = Name.parse(t, p);
        int as = name == null ? -1 : t.find(name.end(), "AS");
        boolean noData = t.contains(0, t.size(), "NO") && t.text(0, t.size() - 1).toUpperCase()
                .matches("(?s).*WITH\\s+NO\\s+DATA\\s*$");
        return new CreateMaterializedView(name, as >= 0 ? Sources.read(t, as + 1) : null, noData);
    }

    private static Op object(Tokens t, int p, Judgement j, boolean orReplace) {
        String what = t.upper(p);
        j.kind("CREATE " + what);
        Name foreignTable = null;
        if (what.equals("FOREIGN") && t.is(p + 1, "TABLE")) {
            foreignTable = Name.parse(t, p + 2 + (t.is(p + 2, "IF") ? 3 : 0));
        }
        Name created = null;
        if (!what.equals("FOREIGN") && !what.equals("TEXT") && !what.equals("EVENT") && !what.equals("ACCESS")
                && !orReplace) {
            created = Name.parse(t, p + 1 + (t.is(p + 1, "IF", "NOT", "EXISTS") ? 3 : 0));
        }
        return new CreateObject(what, foreignTable, created, orReplace);
    }
}
