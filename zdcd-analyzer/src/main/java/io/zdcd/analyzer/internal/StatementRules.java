package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.internal.recognise.Recogniser;
import io.zdcd.analyzer.internal.recognise.Recognisers;
import io.zdcd.analyzer.internal.rules.RuleSet;
import io.zdcd.classify.Verdict;
import java.util.Locale;
import java.util.Set;

/** Dispatches a statement on its first words to the rules that judge it; handles session and transaction control. */
final class StatementRules {
    private StatementRules() {
    }

    static void analyze(SqlStatement st, Judgement j) {
        analyze(st, null, j);
    }

    /** Analyses {@code st}; {@code lexed} are its tokens when they were lexed ahead of time, else null. */
    static void analyze(SqlStatement st, Tokens lexed, Judgement j) {
        if (st.psqlMetaCommand()) {
            psql(st.text(), j);
            return;
        }
        if (st.problem().isPresent()) {
            j.kind("MALFORMED");
            j.finding(Rules.UNRECOGNISED, "the statement is malformed: " + st.problem().get()
                    + "; PostgreSQL would reject it or read more than intended");
            return;
        }
        Tokens t = lexed != null ? lexed : Tokens.lex(st.text());
        if (t.truncated()) {
            j.kind("TOO LARGE");
            j.finding(Rules.UNRECOGNISED, "the statement has more than " + Tokens.MAX_TOKENS
                    + " tokens; zdcd does not analyse it and treats it as UNSAFE");
            return;
        }
        if (t.size() == 0) {
            j.kind("EMPTY");
            j.finding(Rules.TRANSACTION, Verdict.SAFE, "empty statement");
            return;
        }
        dispatch(t, 0, j);
    }

    static void dispatch(Tokens t, int i, Judgement j) {
        Recogniser recogniser = Recognisers.find(t, i);
        java.util.List<io.zdcd.analyzer.internal.model.Op> ops = recogniser == null ? null
                : recogniser.recognise(t, i, j);
        if (ops != null) { // a family moved to recognise -> effects -> rules
            RuleSet.judge(ops, j);
            return;
        }
        switch (t.upper(i)) {
            case "BEGIN", "START" -> begin(t, i, j);
            case "COMMIT", "END" -> commit(t, i, j);
            case "ROLLBACK", "ABORT" -> rollback(t, i, j);
            case "SAVEPOINT", "RELEASE" -> {
                j.kind(t.upper(i));
                j.finding(Rules.TRANSACTION, Verdict.SAFE, "transaction control; takes no lock");
            }
            case "PREPARE" -> {
                if (t.is(i + 1, "TRANSACTION")) {
                    j.kind("PREPARE TRANSACTION");
                    j.ctx.commit();
                    j.finding(Rules.TRANSACTION, Verdict.SAFE, "two-phase commit; takes no lock");
                } else {
                    j.kind("PREPARE");
                    j.finding(Rules.OPAQUE_CODE, "prepares a statement to EXECUTE later; zdcd cannot follow it");
                }
            }
            case "SET" -> set(t, i, j);
            case "RESET" -> reset(t, i, j);
            case "ALTER" -> AlterTableRules.alter(t, i, j);
            case "CREATE" -> CreateRules.create(t, i, j);
            case "UPDATE", "DELETE", "INSERT", "MERGE", "WITH", "COPY" -> DataRules.data(t, i, j);
            case "SELECT", "VALUES", "TABLE", "SHOW", "EXPLAIN", "DECLARE", "FETCH", "MOVE", "CLOSE" ->
                    DataRules.read(t, i, j);
            default -> {
                j.kind("UNRECOGNISED");
                j.finding(Rules.UNRECOGNISED, "zdcd does not recognise a statement starting with '"
                        + abbreviate(t.text(i)) + "'; treated as UNSAFE");
            }
        }
    }

    static String abbreviate(String s) {
        return io.zdcd.analyzer.internal.recognise.Text.abbreviate(s);
    }

    // ---------------------------------------------------------------- transactions

    private static void begin(Tokens t, int i, Judgement j) {
        if (t.is(i, "START") && !t.is(i + 1, "TRANSACTION")) {
            j.kind("UNRECOGNISED");
            j.finding(Rules.UNRECOGNISED, "START must be followed by TRANSACTION");
            return;
        }
        j.kind(t.is(i, "START") ? "START TRANSACTION" : "BEGIN");
        if (j.ctx.inTransaction) {
            j.finding(Rules.TRANSACTION, Verdict.SAFE, "BEGIN inside an open transaction only warns; the open "
                    + "transaction continues");
            return;
        }
        j.ctx.begin();
        j.finding(Rules.TRANSACTION, Verdict.SAFE, "starts a transaction: locks taken from here are held until "
                + "COMMIT");
    }

    private static void commit(Tokens t, int i, Judgement j) {
        j.kind(t.is(i, "END") ? "END" : "COMMIT");
        if (t.is(i, "COMMIT") && t.is(i + 1, "PREPARED")) {
            j.finding(Rules.TRANSACTION, Verdict.SAFE, "commits a prepared transaction");
            return;
        }
        boolean chain = t.contains(i, t.size(), "CHAIN") && !t.contains(i, t.size(), "NO");
        j.ctx.commit();
        if (chain) {
            j.ctx.begin();
        }
        j.finding(Rules.TRANSACTION, Verdict.SAFE, "commits: releases the locks the transaction held");
    }

    private static void rollback(Tokens t, int i, Judgement j) {
        if (t.is(i + 1, "TO") || t.is(i + 2, "TO")) {
            j.kind("ROLLBACK TO SAVEPOINT");
            j.finding(Rules.TRANSACTION, Verdict.SAFE, "rolls back to a savepoint; the transaction and its locks "
                    + "stay");
            return;
        }
        j.kind("ROLLBACK");
        if (t.is(i + 1, "PREPARED")) {
            j.finding(Rules.TRANSACTION, Verdict.SAFE, "rolls back a prepared transaction");
            return;
        }
        j.ctx.rollback();
        j.finding(Rules.TRANSACTION, Verdict.SAFE, "rolls back: nothing of the transaction takes effect");
    }

    // ---------------------------------------------------------------- settings

    private static void set(Tokens t, int i, Judgement j) {
        int p = i + 1;
        boolean local = false;
        if (t.is(p, "LOCAL")) {
            local = true;
            p++;
        } else if (t.is(p, "SESSION") && !t.is(p + 1, "AUTHORIZATION") && !t.is(p + 1, "CHARACTERISTICS")) {
            p++;
        }
        j.kind("SET");
        if (t.is(p, "CONSTRAINTS")) {
            j.kind("SET CONSTRAINTS");
            j.finding(Rules.SET, Verdict.SAFE, "changes when deferred constraints are checked in this transaction; "
                    + "takes no lock");
            return;
        }
        if (t.is(p, "TRANSACTION") || t.is(p, "SESSION") || t.is(p, "ROLE") || t.is(p, "NAMES")) {
            j.finding(Rules.SET, Verdict.SAFE, "session setting; takes no lock");
            return;
        }
        if (t.is(p, "TIME", "ZONE")) {
            setting(j, "timezone", value(t, p + 2), local);
            return;
        }
        if (!t.isIdent(p)) {
            j.finding(Rules.UNRECOGNISED, "SET without a parameter name");
            return;
        }
        Name name = Name.parse(t, p);
        int v = name.end();
        if (t.isOp(v, "=") || t.is(v, "TO")) {
            v++;
        }
        setting(j, name.key(), value(t, v), local);
    }

    private static String value(Tokens t, int p) {
        String v = t.text(p, t.size() - 1).trim();
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            v = v.substring(1, v.length() - 1);
        }
        return v.toLowerCase(Locale.ROOT);
    }

    private static final Set<String> UTC_NAMES = Set.of("utc", "etc/utc", "gmt", "z", "zulu", "+00", "0",
            "00:00", "etc/gmt", "universal", "etc/universal");

    /** Whether a TimeZone value names UTC. */
    static boolean isUtc(String value) {
        return UTC_NAMES.contains(value.replace("'", "").toLowerCase(Locale.ROOT));
    }

    static void setting(Judgement j, String name, String value, boolean local) {
        Context ctx = j.ctx;
        switch (name) {
            case "lock_timeout" -> {
                boolean on = !(value.isEmpty() || value.equals("default") || value.matches("0+\\s*(ms|s|min)?"));
                if (local) {
                    ctx.lockTimeoutLocal = on;
                } else {
                    ctx.lockTimeoutSession = on;
                    if (ctx.inTransaction) {
                        ctx.txChangedLockTimeout = true;
                    }
                }
                j.finding(Rules.SET, Verdict.SAFE, on ? "sets lock_timeout: statements that wait longer for a lock "
                        + "fail instead of queueing traffic behind them" : "turns lock_timeout off");
            }
            case "timezone" -> {
                ctx.setTimeZone(isUtc(value), local);
                j.finding(Rules.SET, Verdict.SAFE, "sets the session time zone; takes no lock");
            }
            case "transaction_timeout" -> j.finding(ctx.version.atLeast(17) ? Rules.SET : Rules.UNSUPPORTED_VERSION,
                    ctx.version.atLeast(17) ? Verdict.SAFE : Verdict.UNSAFE, ctx.version.atLeast(17)
                    ? "sets transaction_timeout; takes no lock" : "transaction_timeout needs PostgreSQL 17+; the "
                    + "target is " + ctx.version + ": the statement fails (unrecognized configuration parameter)");
            case "search_path" -> {
                String first = value.replace("\"", "").split(",")[0].trim();
                ctx.searchPathElsewhere = !(first.equals("public") || first.equals("$user") || first.equals("default")
                        || first.isEmpty());
                j.finding(Rules.SET, Verdict.SAFE, "sets search_path; takes no lock" + (ctx.searchPathElsewhere
                        ? " (unqualified tables created from here are not public's: zdcd judges statements on "
                        + "those names as on the existing tables)" : ""));
            }
            default -> j.finding(Rules.SET, Verdict.SAFE, "sets " + name + "; takes no lock");
        }
    }

    private static void reset(Tokens t, int i, Judgement j) {
        j.kind("RESET");
        if (t.is(i + 1, "ALL") || t.is(i + 1, "lock_timeout")) {
            j.ctx.lockTimeoutSession = false;
            j.ctx.lockTimeoutLocal = null;
        }
        if (t.is(i + 1, "ALL") || t.is(i + 1, "search_path")) {
            j.ctx.searchPathElsewhere = false;
        }
        if (t.is(i + 1, "ALL") || t.is(i + 1, "timezone")) {
            j.ctx.setTimeZone(false, false); // back to the server's default, which zdcd does not know
        }
        j.finding(Rules.SET, Verdict.SAFE, "resets a setting; takes no lock");
    }

    // ---------------------------------------------------------------- psql

    private static final Set<String> HARMLESS_PSQL = Set.of("set", "unset", "echo", "qecho", "warn", "timing",
            "pset", "encoding", "restrict", "unrestrict", "q", "quit", "g", "gset", "p", "print", "r", "reset", "t",
            "a", "x", "h", "help", "?", "conninfo", "errverbose", "prompt", "setenv", "getenv", "sf", "sv", "d", "dt",
            "di", "dn", "df", "dv", "l", "list", "z", "dp");

    private static void psql(String text, Judgement j) {
        String cmd = text.substring(1).split("[\\s\\\\]", 2)[0];
        String lower = cmd.toLowerCase(Locale.ROOT);
        j.kind("PSQL \\" + cmd);
        if (HARMLESS_PSQL.contains(lower) || (lower.startsWith("d") && lower.length() <= 4)) {
            j.finding(Rules.PSQL, Verdict.SAFE, "psql meta-command \\" + cmd + ": runs in the client, takes no lock");
        } else {
            j.finding(Rules.OPAQUE_CODE, "psql meta-command \\" + cmd + " runs or changes SQL zdcd cannot see "
                    + "(included files, generated statements, other databases, shell commands, conditionals)");
        }
    }
}
