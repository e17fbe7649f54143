package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.PrepareStatement;
import io.zdcd.analyzer.internal.model.PsqlMetaCommand;
import io.zdcd.analyzer.internal.model.Reset;
import io.zdcd.analyzer.internal.model.SetOther;
import io.zdcd.analyzer.internal.model.Setting;
import io.zdcd.analyzer.internal.model.Transaction;
import io.zdcd.analyzer.internal.model.Unrecognised;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Transaction control, SET and RESET, psql meta-commands, and statements that cannot be read at all. */
public final class SessionRecogniser {
    private SessionRecogniser() {
    }

    /**
     * The record of a statement judged before its tokens are read: a psql meta-command or a malformed statement.
     *
     * @param st the statement
     * @param j  its judgement
     * @return the records, or null when the statement's tokens are to be read
     */
    public static List<Op> beforeTokens(SqlStatement st, Judgement j) {
        if (st.psqlMetaCommand()) {
            String cmd = st.text().substring(1).split("[\\s\\\\]", 2)[0];
            String lower = cmd.toLowerCase(Locale.ROOT);
            j.kind("PSQL \\" + cmd);
            return List.of(new PsqlMetaCommand(cmd, HARMLESS_PSQL.contains(lower)
                    || (lower.startsWith("d") && lower.length() <= 4)));
        }
        if (st.problem().isPresent()) {
            j.kind("MALFORMED");
            return List.of(new Unrecognised("the statement is malformed: " + st.problem().get()
                    + "; PostgreSQL would reject it or read more than intended"));
        }
        return null;
    }

    /**
     * The record of a statement whose tokens say it cannot be judged: too many tokens, or none.
     *
     * @param t the statement's tokens
     * @param j its judgement
     * @return the records, or null when the statement is to be dispatched on its first words
     */
    public static List<Op> wholeTokens(Tokens t, Judgement j) {
        if (t.truncated()) {
            j.kind("TOO LARGE");
            return List.of(new Unrecognised("the statement has more than " + Tokens.MAX_TOKENS + " tokens; zdcd "
                    + "does not analyse it and treats it as UNSAFE"));
        }
        if (t.size() == 0) {
            j.kind("EMPTY");
            return List.of(new Transaction(Transaction.Action.EMPTY, j.ctx.inTransaction, false));
        }
        return null;
    }

    private static final Set<String> HARMLESS_PSQL = Set.of("set", "unset", "echo", "qecho", "warn", "timing",
            "pset", "encoding", "restrict", "unrestrict", "q", "quit", "g", "gset", "p", "print", "r", "reset", "t",
            "a", "x", "h", "help", "?", "conninfo", "errverbose", "prompt", "setenv", "getenv", "sf", "sv", "d", "dt",
            "di", "dn", "df", "dv", "l", "list", "z", "dp");

    static List<Op> transaction(Tokens t, int i, Judgement j) {
        boolean open = j.ctx.inTransaction;
        Transaction.Action action;
        boolean chain = false;
        switch (t.upper(i)) {
            case "BEGIN", "START" -> {
                if (t.is(i, "START") && !t.is(i + 1, "TRANSACTION")) {
                    j.kind("UNRECOGNISED");
                    return List.of(new Unrecognised("START must be followed by TRANSACTION"));
                }
                j.kind(t.is(i, "START") ? "START TRANSACTION" : "BEGIN");
                action = Transaction.Action.BEGIN;
            }
            case "COMMIT", "END" -> {
                j.kind(t.is(i, "END") ? "END" : "COMMIT");
                action = t.is(i, "COMMIT") && t.is(i + 1, "PREPARED") ? Transaction.Action.COMMIT_PREPARED
                        : Transaction.Action.COMMIT;
                chain = t.contains(i, t.size(), "CHAIN") && !t.contains(i, t.size(), "NO");
            }
            case "ROLLBACK", "ABORT" -> {
                if (t.is(i + 1, "TO") || t.is(i + 2, "TO")) {
                    j.kind("ROLLBACK TO SAVEPOINT");
                    action = Transaction.Action.ROLLBACK_TO_SAVEPOINT;
                } else {
                    j.kind("ROLLBACK");
                    action = t.is(i + 1, "PREPARED") ? Transaction.Action.ROLLBACK_PREPARED
                            : Transaction.Action.ROLLBACK;
                }
            }
            default -> { // SAVEPOINT, RELEASE
                j.kind(t.upper(i));
                action = Transaction.Action.SAVEPOINT;
            }
        }
        return List.of(new Transaction(action, open, chain));
    }

    static List<Op> prepare(Tokens t, int i, Judgement j) {
        if (t.is(i + 1, "TRANSACTION")) {
            j.kind("PREPARE TRANSACTION");
            return List.of(new Transaction(Transaction.Action.PREPARE_TRANSACTION, j.ctx.inTransaction, false));
        }
        j.kind("PREPARE");
        return List.of(new PrepareStatement());
    }

    static List<Op> set(Tokens t, int i, Judgement j) {
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
            return List.of(new SetOther(true));
        }
        if (t.is(p, "TRANSACTION") || t.is(p, "SESSION") || t.is(p, "ROLE") || t.is(p, "NAMES")) {
            return List.of(new SetOther(false));
        }
        if (t.is(p, "TIME", "ZONE")) {
            return List.of(new Setting("timezone", value(t, p + 2), local));
        }
        if (!t.isIdent(p)) {
            return List.of(new Unrecognised("SET without a parameter name"));
        }
        Name name = Name.parse(t, p);
        int v = name.end();
        if (t.isOp(v, "=") || t.is(v, "TO")) {
            v++;
        }
        return List.of(new Setting(name.key(), value(t, v), local));
    }

    private static String value(Tokens t, int p) {
        String v = t.text(p, t.size() - 1).trim();
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            v = v.substring(1, v.length() - 1);
        }
        return v.toLowerCase(Locale.ROOT);
    }

    static List<Op> reset(Tokens t, int i, Judgement j) {
        j.kind("RESET");
        return List.of(new Reset(t.upper(i + 1)));
    }
}
