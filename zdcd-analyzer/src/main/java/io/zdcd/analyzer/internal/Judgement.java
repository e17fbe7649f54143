package io.zdcd.analyzer.internal;

import io.zdcd.classify.Finding;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the rules found out about one statement; turned into a StatementAnalysis at the end. */
public final class Judgement {
    public final Context ctx;
    public String kind = "UNRECOGNISED";
    public final Set<String> tables = new LinkedHashSet<>();
    public LockMode lock;
    /** The lock per pre-existing relation (display name), strongest per relation. */
    public final java.util.Map<String, LockMode> locks = new java.util.LinkedHashMap<>();
    /** Row estimates ("about 2.1M rows") of the pre-existing relations locked, by display name, when known. */
    public final java.util.Map<String, String> rows = new java.util.LinkedHashMap<>();
    public boolean rewrite;
    public boolean scan;
    public boolean breaksOldCode;
    /** Takes time proportional to a table's size (scan, rewrite, index build, backfill) on a table with data. */
    public boolean longRunning;
    /** The ALTER TABLE drops a constraint and adds a PRIMARY KEY USING INDEX: the documented primary key swap. */
    public boolean primaryKeySwap;
    /** The call that makes the statement long ("pg_sleep()", "CALL"), when a call does; else null. */
    public String slowCall;
    public final List<Finding> findings = new ArrayList<>();
    /** The statement's records in the order they were judged, nested statements' included (for {@link Actions}). */
    public final List<io.zdcd.analyzer.internal.model.Op> ops = new ArrayList<>();
    /**
     * The records the statement was judged by, once judged, nested statements' left out (for the JSqlParser
     * cross-check, which compares them with its parse of the statement's text); else null.
     */
    public List<io.zdcd.analyzer.internal.model.Op> records;

    public Judgement(Context ctx) {
        this.ctx = ctx;
    }

    public Judgement kind(String k) {
        this.kind = k;
        return this;
    }

    /** Names a relation the statement touches. */
    public void table(Name name) {
        if (name != null) {
            tables.add(name.display());
        }
    }

    /** Records a lock on a relation; it counts only when the relation existed before this migration. */
    public void lock(Name name, LockMode mode) {
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

    public void finding(Rule rule, String message) {
        finding(rule, rule.verdict(), message, rule.verdict() == Verdict.UNSAFE ? rule.alternative() : "");
    }

    public void finding(Rule rule, Verdict verdict, String message) {
        finding(rule, verdict, message, verdict == Verdict.UNSAFE ? rule.alternative() : "");
    }

    public void finding(Rule rule, Verdict verdict, String message, String alternative) {
        findings.add(new Finding(rule.id(), verdict, message, alternative));
    }

    public boolean hasUnsafe() {
        for (Finding f : findings) {
            if (f.verdict() == Verdict.UNSAFE) {
                return true;
            }
        }
        return false;
    }
}
