package io.zdcd.analyzer.internal;

import io.zdcd.classify.Verdict;

/**
 * One entry of the rule catalogue: what an operation does to a live PostgreSQL, independent of any statement.
 *
 * @param id          stable id, used in findings and {@code zdcd:ignore}
 * @param operation   the operation it judges, in SQL words
 * @param lock        the lock it takes (pg_locks name) on the existing table(s), or "none"
 * @param rewriteScan rewrite / scan / index build, or "none"
 * @param oldCode     what the old (deployed) code experiences
 * @param verdict     the usual verdict (context can change it; see the rule's findings)
 * @param alternative the safe way, in short
 */
public record Rule(String id, String operation, String lock, String rewriteScan, String oldCode, Verdict verdict,
                   String alternative) {

    /** Where this rule's judgement differs by PostgreSQL version, in words, or that it does not. */
    public String versions() {
        return RuleVersions.of(id);
    }
}
