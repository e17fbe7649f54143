package io.zdcd.classify;

import java.util.Objects;

/**
 * One rule's judgement of one statement.
 *
 * @param ruleId          the rule's stable id, for example {@code create-index-non-concurrently}
 * @param verdict         what this finding alone makes the statement
 * @param message         what happens and why, in words a person understands
 * @param safeAlternative SQL (or steps) that achieve the same safely; empty when the statement is already safe
 */
public record Finding(String ruleId, Verdict verdict, String message, String safeAlternative) {
    /**
     * {@code ruleId}, {@code verdict} and {@code message} must not be null; a null {@code safeAlternative} becomes
     * empty.
     *
     * @param ruleId          the rule's stable id, for example {@code create-index-non-concurrently}; not null
     * @param verdict         what this finding alone makes the statement; not null
     * @param message         what happens and why, for a person to read; not null
     * @param safeAlternative SQL (or steps) that achieve the same safely; null or empty when there is none to offer
     */
    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(message, "message");
        safeAlternative = safeAlternative == null ? "" : safeAlternative;
    }

    @Override
    public String toString() {
        return verdict + " " + ruleId + ": " + message;
    }
}
