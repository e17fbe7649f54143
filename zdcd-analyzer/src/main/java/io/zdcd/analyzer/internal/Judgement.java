package io.zdcd.analyzer.internal;

import io.zdcd.classify.Finding;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the rules found out about one statement; turned into a StatementAnalysis at the end. */
final class Judgement {
    final Context ctx;
    String kind = "UNRECOGNISED";
    final Set<String> tables = new LinkedHashSet<>();
    LockMode lock;
    /** The lock per pre-existing relation (display name), strongest per relation. */
    final java.util.Map<String, LockMode> locks = new java.util.LinkedHashMap<>();
    /** Row estimates ("about 2.1M rows") of the pre-existing relations locked, by display name, when known. */
    final java.util.Map<String, String> rows = new java.util.LinkedHashMap<>();
    boolean rewrite;
    boolean scan;
    boolean breaksOldCode;
    /** Takes time proportional to a table's size (scan, rewrite, index build, backfill) on a table with data. */
    boolean longRunning;
    /** The ALTER TABLE drops a constraint and adds a PRIMARY KEY USING INDEX: the documented primary key swap. */
    boolean primaryKeySwap;
    /** The call that makes the statement long ("pg_sleep()", "CALL"), when a call does; else null. */
    String slowCall;
    final List<Finding> findings = new ArrayList<>();
    /** The token facts a SAFE verdict hinges on, for the JSqlParser cross-check. */
    final Facts facts = new Facts();

    /** Facts read from the tokens that JSqlParser can confirm. */
    static final class Facts {
        String command; // ALTER TABLE, CREATE INDEX, UPDATE, DELETE
        Name table;
        int actions;
        int notValidConstraints;
        int nullableColumnsAdded;
        boolean concurrently;
        boolean where;
    }

    Judgement(Context ctx) {
        this.ctx = ctx;
    }

    Judgement kind(String k) {
        this.kind = k;
        return this;
    }

    /** Names a relation the statement touches. */
    void table(Name name) {
        if (name != null) {
            tables.add(name.display());
        }
    }

    /** Records a lock on a relation; it counts only when the relation existed before this migration. */
    void lock(Name name, LockMode mode) {
        if (name == null || mode == null) {
            return;
        }
        tables.add(name.display());
        if (ctx.existedBefore(name.key())) {
            lock = mode.max(lock);
            locks.merge(name.display(), mode, LockMode::max);
            ctx.holdLock(name.key(), mode);
            String estimate = ctx.schema.rows(name.key());
            if (estimate != null) {
                rows.put(name.display(), estimate);
            }
        }
    }

    void finding(Rule rule, String message) {
        finding(rule, rule.verdict(), message, rule.verdict() == Verdict.UNSAFE ? rule.alternative() : "");
    }

    void finding(Rule rule, Verdict verdict, String message) {
        finding(rule, verdict, message, verdict == Verdict.UNSAFE ? rule.alternative() : "");
    }

    void finding(Rule rule, Verdict verdict, String message, String alternative) {
        findings.add(new Finding(rule.id(), verdict, message, alternative));
    }

    boolean hasUnsafe() {
        for (Finding f : findings) {
            if (f.verdict() == Verdict.UNSAFE) {
                return true;
            }
        }
        return false;
    }
}
