package io.zdcd.analyzer.internal;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE;
import static io.zdcd.classify.LockMode.SHARE_ROW_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.zdcd.classify.LockMode;
import io.zdcd.classify.Verdict;
import java.util.Locale;
import java.util.Set;

/** DROP, the ALTER commands other than ALTER TABLE, maintenance and the remaining commands. */
final class OtherRules {
    private OtherRules() {
    }


    // ---------------------------------------------------------------- other ALTER commands

    static void alterOther(Tokens t, int i, Judgement j) {
        int p = i + 1;
        String what = t.upper(p);
        if (t.is(p, "MATERIALIZED", "VIEW") || t.is(p, "DEFAULT", "PRIVILEGES") || t.is(p, "TEXT", "SEARCH")
                || t.is(p, "EVENT", "TRIGGER") || t.is(p, "FOREIGN", "DATA") || t.is(p, "LARGE", "OBJECT")) {
            what = t.upper(p) + " " + t.upper(p + 1);
            p++;
        }
        p++;
        j.kind("ALTER " + what);
        switch (what) {
            case "INDEX" -> alterIndex(t, p, j);
            case "TYPE" -> alterType(t, p, j);
            case "DOMAIN" -> alterDomain(t, p, j);
            case "VIEW", "MATERIALIZED VIEW", "SEQUENCE" -> alterRelation(t, p, j, what);
            case "DEFAULT PRIVILEGES" -> j.finding(Rules.PRIVILEGES, Verdict.SAFE, "changes privileges of future "
                    + "objects; takes no lock");
            case "DATABASE", "ROLE", "USER", "GROUP", "SYSTEM" -> {
                if (what.equals("SYSTEM") && j.ctx.inTransaction) {
                    j.finding(Rules.NOT_IN_TRANSACTION, Verdict.UNSAFE, "ALTER SYSTEM cannot run inside a "
                            + "transaction block");
                    return;
                }
                if (t.contains(p, t.size(), "RENAME")) {
                    j.breaksOldCode = true;
                    j.finding(Rules.RENAME_OBJECT, Verdict.UNSAFE, "renames a " + what.toLowerCase(Locale.ROOT)
                            + ": connections of the old code use the old name");
                    return;
                }
                if (what.equals("SYSTEM")) {
                    j.finding(Rules.SET, Verdict.SAFE, "changes server settings (postgresql.auto.conf) for future "
                            + "sessions (not this one: a lock_timeout set here does not apply to this migration)");
                    return;
                }
                j.breaksOldCode = true;
                j.finding(Rules.ROLE_OR_DATABASE, Verdict.UNSAFE, "changes a " + what.toLowerCase(Locale.ROOT)
                        + ": the running app's new connections get the change (NOLOGIN, a new PASSWORD, "
                        + "default_transaction_read_only, search_path, timeouts...) and can fail");
            }
            case "POLICY" -> {
                int on = t.find(p, "ON");
                Name table = on < 0 ? null : Name.parse(t, on + 1);
                j.lock(table, ACCESS_EXCLUSIVE);
                boolean isNew = table != null && !j.ctx.existedBefore(table.key());
                if (t.contains(p, t.size(), "RENAME")) {
                    j.finding(Rules.ROW_LEVEL_SECURITY, Verdict.SAFE, "renames a policy; a brief AccessExclusiveLock");
                } else {
                    j.breaksOldCode = !isNew;
                    j.finding(Rules.ROW_LEVEL_SECURITY, isNew ? Verdict.SAFE : Verdict.UNSAFE, "changes a policy: "
                            + "where row level security is on, the old code may see or change fewer rows");
                }
            }
            case "TRIGGER" -> {
                int on = t.find(p, "ON");
                j.lock(on < 0 ? null : Name.parse(t, on + 1), ACCESS_EXCLUSIVE);
                j.finding(Rules.TRIGGER, Verdict.SAFE, "alters a trigger: a brief AccessExclusiveLock");
            }
            case "EXTENSION" -> j.finding(Rules.CREATE_OBJECT, Verdict.SAFE, "alters an extension (its update "
                    + "script runs: review it)");
            default -> {
                if (t.contains(p, t.size(), "RENAME") || t.contains(p, t.size(), "SCHEMA")
                        && t.contains(p, t.size(), "SET")) {
                    j.breaksOldCode = true;
                    j.finding(Rules.RENAME_OBJECT, Verdict.UNSAFE, "renames or moves a " + what.toLowerCase(Locale.ROOT)
                            + ": the old code still uses the old name");
                } else if (t.contains(p, t.size(), "OWNER")) {
                    j.finding(Rules.PRIVILEGES, Verdict.SAFE, "changes an owner; takes no table lock");
                } else if (Set.of("FUNCTION", "PROCEDURE", "ROUTINE", "AGGREGATE", "SCHEMA", "COLLATION",
                        "PUBLICATION", "SUBSCRIPTION", "SERVER", "STATISTICS", "OPERATOR", "LANGUAGE", "TABLESPACE",
                        "TEXT SEARCH", "EVENT TRIGGER", "FOREIGN DATA", "LARGE OBJECT", "CONVERSION").contains(what)) {
                    j.finding(Rules.CREATE_OBJECT, Verdict.SAFE, "alters a " + what.toLowerCase(Locale.ROOT)
                            + " (settings, not its name); takes no table lock");
                } else {
                    j.finding(Rules.UNRECOGNISED, "zdcd does not recognise 'ALTER " + StatementRules.abbreviate(
                            t.text(p - 1)) + "'; treated as UNSAFE");
                }
            }
        }
    }

    private static void alterIndex(Tokens t, int p, Judgement j) {
        if (t.is(p, "ALL", "IN")) {
            j.finding(Rules.ALTER_INDEX_TABLESPACE, Verdict.UNSAFE, "moves every index of a tablespace");
            return;
        }
        if (t.is(p, "IF", "EXISTS")) {
            p += 2;
        }
        Name idx = Name.parse(t, p);
        if (idx == null) {
            j.finding(Rules.UNRECOGNISED, "ALTER INDEX without an index name");
            return;
        }
        int q = idx.end();
        PgVersion v = j.ctx.version;
        if (t.is(q, "RENAME", "TO")) {
            j.lock(idx, v.atLeast(12) ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
            Schema.Index known = j.ctx.schema.removeIndex(idx.last());
            if (known != null) {
                j.ctx.schema.putIndex(t.ident(q + 2), known);
            }
            if (!j.ctx.existedBefore(idx.last())) {
                j.ctx.createdHere.add(t.ident(q + 2));
            }
            j.finding(Rules.ALTER_INDEX, Verdict.SAFE, "renames the index: " + (v.atLeast(12)
                    ? "ShareUpdateExclusiveLock (PG 12+), reads and writes go on" : "a brief AccessExclusiveLock "
                    + "(PG 11)"));
        } else if (t.is(q, "SET", "TABLESPACE")) {
            j.lock(idx, ACCESS_EXCLUSIVE);
            boolean isNew = !j.ctx.existedBefore(idx.last());
            if (!isNew) {
                j.rewrite = true;
                j.longRunning = true;
            }
            j.finding(Rules.ALTER_INDEX_TABLESPACE, isNew ? Verdict.SAFE : Verdict.UNSAFE, "moves the index to "
                    + "another tablespace: it is copied under AccessExclusiveLock");
        } else if (t.is(q, "ATTACH", "PARTITION")) {
            j.lock(idx, SHARE_UPDATE_EXCLUSIVE);
            j.finding(Rules.ALTER_INDEX, Verdict.SAFE, "attaches a partition's index to the parent index: no build");
        } else if (t.is(q, "SET") || t.is(q, "RESET") || t.is(q, "ALTER") || t.is(q, "DEPENDS")
                || t.is(q, "NO", "DEPENDS")) {
            j.lock(idx, SHARE_UPDATE_EXCLUSIVE);
            j.finding(Rules.ALTER_INDEX, Verdict.SAFE, "changes index settings; new settings apply to future "
                    + "writes (no rebuild)");
        } else {
            j.finding(Rules.UNRECOGNISED, "zdcd does not recognise the ALTER INDEX action '"
                    + StatementRules.abbreviate(t.text(q, t.size() - 1)) + "'");
        }
    }

    private static void alterType(Tokens t, int p, Judgement j) {
        Name type = Name.parse(t, p);
        int q = type == null ? p : type.end();
        boolean isNew = type != null && !j.ctx.existedBefore(type.key());
        if (t.is(q, "ADD", "VALUE")) {
            j.kind("ALTER TYPE ADD VALUE");
            if (!j.ctx.version.atLeast(12) && j.ctx.inTransaction) {
                j.finding(Rules.NOT_IN_TRANSACTION, Verdict.UNSAFE, "ALTER TYPE ... ADD VALUE cannot run inside a "
                        + "transaction block before PostgreSQL 12; the target is " + j.ctx.version);
                return;
            }
            int label = q + 2 + (t.is(q + 2, "IF", "NOT", "EXISTS") ? 3 : 0);
            if (!isNew && t.type(label) == Tokens.STRING && (j.ctx.inTransaction || j.ctx.implicitTransactions)) {
                j.ctx.enumLabelsAddedInTx.add(t.text(label));
            }
            j.finding(Rules.ENUM_ADD_VALUE, Verdict.SAFE, "adds an enum label: no table lock, no rewrite"
                    + (j.ctx.inTransaction ? "; the new label cannot be used before COMMIT" : "")
                    + "; old code that maps labels strictly may fail once new code writes it");
        } else if (t.is(q, "RENAME", "VALUE")) {
            j.kind("ALTER TYPE RENAME VALUE");
            j.breaksOldCode = !isNew;
            j.finding(Rules.ENUM_RENAME_VALUE, isNew ? Verdict.SAFE : Verdict.UNSAFE, "renames an enum label: old "
                    + "code writing or comparing the old label fails");
        } else if (t.is(q, "RENAME") || t.is(q, "SET", "SCHEMA")) {
            j.kind("ALTER TYPE RENAME");
            j.breaksOldCode = !isNew;
            j.finding(Rules.RENAME_OBJECT, isNew ? Verdict.SAFE : Verdict.UNSAFE, "renames or moves a type the old "
                    + "code may name in casts");
        } else if (t.is(q, "OWNER")) {
            j.finding(Rules.PRIVILEGES, Verdict.SAFE, "changes the type's owner");
        } else {
            j.finding(Rules.UNRECOGNISED, "zdcd does not recognise the ALTER TYPE action '"
                    + StatementRules.abbreviate(t.text(q, t.size() - 1)) + "' (composite type changes can rewrite "
                    + "tables using the type)");
        }
    }

    /**
     * Takes ShareLock on every known table with a column of the domain (PostgreSQL scans them to check a domain
     * constraint); says which they are, or that zdcd does not know them.
     */
    private static String lockDomainUsers(Name domain, Judgement j) {
        if (domain == null) {
            return "zdcd does not know which";
        }
        String type = ColumnTypes.normalise(domain.key());
        java.util.List<String> users = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, Schema.Table> e : j.ctx.schema.tables.entrySet()) {
            for (Schema.Column c : e.getValue().columns.values()) {
                if (type.equals(c.type) || ("public." + type).equals(c.type)) {
                    users.add(e.getKey());
                    break;
                }
            }
        }
        java.util.Collections.sort(users);
        users.forEach(u -> j.lock(new Name(u, u, 0), SHARE));
        return users.isEmpty() ? "zdcd knows of none, but does not know every table" : String.join(", ", users);
    }

    private static void alterDomain(Tokens t, int p, Judgement j) {
        Name domain = Name.parse(t, p);
        int q = domain == null ? p : domain.end();
        boolean isNew = domain != null && !j.ctx.existedBefore(domain.key());
        if (t.is(q, "ADD") || t.is(q, "SET", "NOT", "NULL")) {
            boolean notValid = t.contains(q, t.size(), "VALID") && t.contains(q, t.size(), "NOT")
                    && t.text(q, t.size() - 1).toUpperCase(Locale.ROOT).matches("(?s).*NOT\\s+VALID\\s*$");
            if (isNew || notValid) {
                j.finding(Rules.ALTER_DOMAIN, Verdict.SAFE, "adds a domain constraint" + (notValid
                        ? " NOT VALID: existing values are not checked" : " to a domain created in this migration"));
            } else {
                j.scan = true;
                j.longRunning = true;
                String users = lockDomainUsers(domain, j);
                j.finding(Rules.ALTER_DOMAIN, Verdict.UNSAFE, "adds a domain constraint: every column of the domain "
                        + "in every table (" + users + ") is scanned under ShareLock: writes to those tables wait "
                        + "for the whole scan");
            }
        } else if (t.is(q, "VALIDATE")) {
            String users = lockDomainUsers(domain, j);
            if (isNew) {
                j.finding(Rules.VALIDATE, Verdict.SAFE, "validates a constraint of a domain created in this "
                        + "migration");
            } else {
                j.scan = true;
                j.longRunning = true;
                j.finding(Rules.ALTER_DOMAIN, Verdict.UNSAFE, "validates a domain constraint: unlike a table's "
                        + "VALIDATE CONSTRAINT, PostgreSQL scans every table using the domain (" + users + ") under "
                        + "ShareLock: writes to those tables wait for the whole scan", "a CHECK constraint on each "
                        + "table's column instead of the domain's: ADD CONSTRAINT ... CHECK (...) NOT VALID, then "
                        + "VALIDATE CONSTRAINT in its own transaction (ShareUpdateExclusiveLock, writes go on)");
            }
        } else if (t.is(q, "RENAME")) {
            j.breaksOldCode = !isNew;
            j.finding(Rules.RENAME_OBJECT, isNew ? Verdict.SAFE : Verdict.UNSAFE, "renames a domain or its "
                    + "constraint");
        } else {
            j.finding(Rules.CREATE_OBJECT, Verdict.SAFE, "changes a domain's default, owner or drops a constraint: "
                    + "no scan");
        }
    }

    private static void alterRelation(Tokens t, int p, Judgement j, String what) {
        if (t.is(p, "IF", "EXISTS")) {
            p += 2;
        }
        Name n = Name.parse(t, p);
        if (n == null) {
            j.finding(Rules.UNRECOGNISED, "ALTER " + what + " without a name");
            return;
        }
        int q = n.end();
        boolean isNew = !j.ctx.existedBefore(n.key());
        if (t.is(q, "RENAME", "TO") || t.is(q, "SET", "SCHEMA")) {
            j.lock(n, ACCESS_EXCLUSIVE);
            j.breaksOldCode = !isNew;
            j.finding(Rules.RENAME_TABLE, isNew ? Verdict.SAFE : Verdict.UNSAFE, "renames or moves "
                    + what.toLowerCase(Locale.ROOT) + " " + n.display() + ": the old code still uses the old name");
        } else if (t.is(q, "RENAME")) {
            j.lock(n, ACCESS_EXCLUSIVE);
            j.breaksOldCode = !isNew;
            j.finding(Rules.RENAME_COLUMN, isNew ? Verdict.SAFE : Verdict.UNSAFE, "renames a column of "
                    + what.toLowerCase(Locale.ROOT) + " " + n.display() + ": the old code still uses the old name");
        } else if (t.is(q, "OWNER")) {
            j.lock(n, ACCESS_EXCLUSIVE);
            AlterTableRules.ownerTo(j, isNew, what.toLowerCase(Locale.ROOT) + " " + n.display());
        } else if (what.equals("SEQUENCE")) {
            j.lock(n, t.is(q, "OWNED") ? ACCESS_EXCLUSIVE : SHARE_ROW_EXCLUSIVE);
            int e = t.size();
            boolean resets = t.contains(q, e, "RESTART") || t.contains(q, e, "INCREMENT")
                    || t.contains(q, e, "MAXVALUE") && !t.contains(q, e, "NO") || t.contains(q, e, "CYCLE")
                    && !t.is(t.find(q, "CYCLE") - 1, "NO") || t.contains(q, e, "MINVALUE")
                    || narrowsType(t, q, e);
            if (resets && !isNew) {
                j.breaksOldCode = true;
                j.finding(Rules.SEQUENCE_RESET, Verdict.UNSAFE, "changes where sequence " + n.display() + " counts "
                        + "from or up to (RESTART, INCREMENT, MINVALUE/MAXVALUE, CYCLE or AS type): the old code's next "
                        + "INSERTs can collide with existing keys or fail with \"reached maximum value\"");
            } else {
                j.finding(resets ? Rules.SEQUENCE_RESET : Rules.TABLE_SETTINGS, Verdict.SAFE, "alters the "
                        + (isNew ? "sequence created in this migration" : "sequence") + ": a brief lock on it "
                        + "(nextval() waits an instant)");
            }
        } else if (t.is(q, "SET", "TABLESPACE") && what.equals("MATERIALIZED VIEW")) {
            j.lock(n, ACCESS_EXCLUSIVE);
            j.rewrite = !isNew;
            j.finding(Rules.TABLE_REWRITE, isNew ? Verdict.SAFE : Verdict.UNSAFE, "moves the materialized view: "
                    + "rewritten under AccessExclusiveLock");
        } else {
            j.lock(n, ACCESS_EXCLUSIVE);
            j.finding(Rules.TABLE_SETTINGS, Verdict.SAFE, "changes " + what.toLowerCase(Locale.ROOT) + " settings or "
                    + "owner: a brief AccessExclusiveLock");
        }
    }

    /** ALTER SEQUENCE ... AS type with a type narrower than bigint (AS bigint only widens: Django's BigAutoField). */
    private static boolean narrowsType(Tokens t, int from, int to) {
        int as = t.find(from, "AS");
        return as >= 0 && as < to && !(t.is(as + 1, "bigint") || t.is(as + 1, "int8"));
    }
}
