package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.ColumnTypes;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.SqlText;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.model.AlterDomain;
import io.zdcd.analyzer.internal.model.AlterIndex;
import io.zdcd.analyzer.internal.model.AlterObject;
import io.zdcd.analyzer.internal.model.AlterPolicy;
import io.zdcd.analyzer.internal.model.AlterRelation;
import io.zdcd.analyzer.internal.model.AlterRoleOrDatabase;
import io.zdcd.analyzer.internal.model.AlterTrigger;
import io.zdcd.analyzer.internal.model.AlterType;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Unrecognised;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** ALTER of everything but tables: indexes, types, domains, views, sequences, roles, policies, functions... */
final class AlterRecogniser {
    private AlterRecogniser() {
    }

    /** Kinds whose ALTER (other than RENAME, SET SCHEMA, OWNER TO) changes settings only. */
    private static final Set<String> SETTINGS_ONLY = Set.of("FUNCTION", "PROCEDURE", "ROUTINE", "AGGREGATE", "SCHEMA",
            "COLLATION", "PUBLICATION", "SUBSCRIPTION", "SERVER", "STATISTICS", "OPERATOR", "LANGUAGE", "TABLESPACE",
            "TEXT SEARCH", "EVENT TRIGGER", "FOREIGN DATA", "LARGE OBJECT", "CONVERSION");

    /** The kinds of ALTER named by two words. */
    private static final List<String> TWO_WORD_KINDS = List.of("MATERIALIZED VIEW", "DEFAULT PRIVILEGES",
            "TEXT SEARCH", "EVENT TRIGGER", "FOREIGN DATA", "LARGE OBJECT");

    /** The records of an ALTER; null for ALTER [FOREIGN] TABLE, registered with {@link AlterTableRecogniser}. */
    static List<Op> alter(Tokens t, int i, Judgement j) {
        int p = i + 1;
        if (t.is(p, "TABLE") || t.is(p, "FOREIGN", "TABLE")) {
            return null;
        }
        ObjectKind kind = ObjectKind.read(t, p, TWO_WORD_KINDS);
        String what = kind.what();
        p = kind.next();
        j.kind("ALTER " + what);
        return List.of(switch (what) {
            case "INDEX" -> alterIndex(t, p, j);
            case "TYPE" -> alterType(t, p, j);
            case "DOMAIN" -> alterDomain(t, p, j);
            case "VIEW", "MATERIALIZED VIEW", "SEQUENCE" -> alterRelation(t, p, j, what);
            case "DATABASE", "ROLE", "USER", "GROUP", "SYSTEM" ->
                    new AlterRoleOrDatabase(what, t.contains(p, t.size(), "RENAME"));
            case "POLICY" -> {
                Name table = onTable(t, p);
                yield new AlterPolicy(table, t.contains(p, t.size(), "RENAME"),
                        table != null && !j.ctx.existedBefore(table.key()));
            }
            case "TRIGGER" -> new AlterTrigger(onTable(t, p));
            case "DEFAULT PRIVILEGES", "EXTENSION" -> new AlterObject(what, AlterObject.Action.SETTINGS);
            default -> {
                if (t.contains(p, t.size(), "RENAME") || t.contains(p, t.size(), "SCHEMA")
                        && t.contains(p, t.size(), "SET")) {
                    yield new AlterObject(what, AlterObject.Action.RENAME);
                } else if (t.contains(p, t.size(), "OWNER")) {
                    yield new AlterObject(what, AlterObject.Action.OWNER);
                } else if (SETTINGS_ONLY.contains(what)) {
                    yield new AlterObject(what, AlterObject.Action.SETTINGS);
                }
                yield new Unrecognised("zdcd does not recognise 'ALTER " + SqlText.abbreviate(t.text(p - 1))
                        + "'; treated as UNSAFE");
            }
        });
    }

    private static Name onTable(Tokens t, int p) {
        int on = t.find(p, "ON");
        return on < 0 ? null : Name.parse(t, on + 1);
    }

    private static Op alterIndex(Tokens t, int p, Judgement j) {
        if (t.is(p, "ALL", "IN")) {
            return new AlterIndex(null, AlterIndex.Action.ALL_IN_TABLESPACE, null, false);
        }
        if (t.is(p, "IF", "EXISTS")) {
            p += 2;
        }
        Name idx = Name.parse(t, p);
        if (idx == null) {
            return new Unrecognised("ALTER INDEX without an index name");
        }
        int q = idx.end();
        boolean isNew = !j.ctx.existedBefore(idx.last());
        if (t.is(q, "RENAME", "TO")) {
            return new AlterIndex(idx, AlterIndex.Action.RENAME, t.ident(q + 2), isNew);
        } else if (t.is(q, "SET", "TABLESPACE")) {
            return new AlterIndex(idx, AlterIndex.Action.SET_TABLESPACE, null, isNew);
        } else if (t.is(q, "ATTACH", "PARTITION")) {
            return new AlterIndex(idx, AlterIndex.Action.ATTACH_PARTITION, null, isNew);
        } else if (t.is(q, "SET") || t.is(q, "RESET") || t.is(q, "ALTER") || t.is(q, "DEPENDS")
                || t.is(q, "NO", "DEPENDS")) {
            return new AlterIndex(idx, AlterIndex.Action.SETTINGS, null, isNew);
        }
        return new Unrecognised("zdcd does not recognise the ALTER INDEX action '"
                + SqlText.abbreviate(t.text(q, t.size() - 1)) + "'");
    }

    private static Op alterType(Tokens t, int p, Judgement j) {
        Name type = Name.parse(t, p);
        int q = type == null ? p : type.end();
        boolean isNew = type != null && !j.ctx.existedBefore(type.key());
        if (t.is(q, "ADD", "VALUE")) {
            j.kind("ALTER TYPE ADD VALUE");
            int label = q + 2 + (t.is(q + 2, "IF", "NOT", "EXISTS") ? 3 : 0);
            return new AlterType(type, AlterType.Action.ADD_VALUE, isNew,
                    t.type(label) == Tokens.STRING ? t.text(label) : null);
        } else if (t.is(q, "RENAME", "VALUE")) {
            j.kind("ALTER TYPE RENAME VALUE");
            return new AlterType(type, AlterType.Action.RENAME_VALUE, isNew, null);
        } else if (t.is(q, "RENAME") || t.is(q, "SET", "SCHEMA")) {
            j.kind("ALTER TYPE RENAME");
            return new AlterType(type, AlterType.Action.RENAME, isNew, null);
        } else if (t.is(q, "OWNER")) {
            return new AlterType(type, AlterType.Action.OWNER, isNew, null);
        }
        return new Unrecognised("zdcd does not recognise the ALTER TYPE action '"
                + SqlText.abbreviate(t.text(q, t.size() - 1)) + "' (composite type changes can rewrite tables using "
                + "the type)");
    }

    private static Op alterDomain(Tokens t, int p, Judgement j) {
        Name domain = Name.parse(t, p);
        int q = domain == null ? p : domain.end();
        boolean isNew = domain != null && !j.ctx.existedBefore(domain.key());
        List<String> users = domainUsers(domain, j.ctx.schema);
        if (t.is(q, "ADD") || t.is(q, "SET", "NOT", "NULL")) {
            boolean notValid = t.contains(q, t.size(), "VALID") && t.contains(q, t.size(), "NOT")
                    && t.text(q, t.size() - 1).toUpperCase(Locale.ROOT).matches("(?s).*NOT\\s+VALID\\s*$");
            return new AlterDomain(domain, AlterDomain.Action.ADD_CONSTRAINT, isNew, notValid, users);
        } else if (t.is(q, "VALIDATE")) {
            return new AlterDomain(domain, AlterDomain.Action.VALIDATE, isNew, false, users);
        } else if (t.is(q, "RENAME")) {
            return new AlterDomain(domain, AlterDomain.Action.RENAME, isNew, false, users);
        }
        return new AlterDomain(domain, AlterDomain.Action.OTHER, isNew, false, users);
    }

    /** The known tables with a column of the domain, sorted; null when the domain is not named. */
    private static List<String> domainUsers(Name domain, Schema schema) {
        if (domain == null) {
            return null;
        }
        String type = ColumnTypes.normalise(domain.key());
        List<String> users = new ArrayList<>();
        for (Map.Entry<String, Schema.Table> e : schema.tables.entrySet()) {
            for (Schema.Column c : e.getValue().columns.values()) {
                if (type.equals(c.type) || ("public." + type).equals(c.type)) {
                    users.add(e.getKey());
                    break;
                }
            }
        }
        Collections.sort(users);
        return users;
    }

    private static Op alterRelation(Tokens t, int p, Judgement j, String what) {
        if (t.is(p, "IF", "EXISTS")) {
            p += 2;
        }
        Name n = Name.parse(t, p);
        if (n == null) {
            return new Unrecognised("ALTER " + what + " without a name");
        }
        int q = n.end();
        boolean isNew = !j.ctx.existedBefore(n.key());
        AlterRelation.Action action;
        boolean resets = false;
        if (t.is(q, "RENAME", "TO") || t.is(q, "SET", "SCHEMA")) {
            action = AlterRelation.Action.RENAME_TO;
        } else if (t.is(q, "RENAME")) {
            action = AlterRelation.Action.RENAME_COLUMN;
        } else if (t.is(q, "OWNER")) {
            action = AlterRelation.Action.OWNER;
        } else if (what.equals("SEQUENCE")) {
            action = AlterRelation.Action.SEQUENCE_OPTIONS;
            int e = t.size();
            resets = t.contains(q, e, "RESTART") || t.contains(q, e, "INCREMENT")
                    || t.contains(q, e, "MAXVALUE") && !t.contains(q, e, "NO") || t.contains(q, e, "CYCLE")
                    && !t.is(t.find(q, "CYCLE") - 1, "NO") || t.contains(q, e, "MINVALUE")
                    || narrowsType(t, q, e);
        } else if (t.is(q, "SET", "TABLESPACE") && what.equals("MATERIALIZED VIEW")) {
            action = AlterRelation.Action.SET_TABLESPACE;
        } else {
            action = AlterRelation.Action.SETTINGS;
        }
        return new AlterRelation(what, n, action, isNew, resets, t.is(q, "OWNED"));
    }

    /** ALTER SEQUENCE ... AS type with a type narrower than bigint (AS bigint only widens: Django's BigAutoField). */
    private static boolean narrowsType(Tokens t, int from, int to) {
        int as = t.find(from, "AS");
        return as >= 0 && as < to && !(t.is(as + 1, "bigint") || t.is(as + 1, "int8"));
    }
}
