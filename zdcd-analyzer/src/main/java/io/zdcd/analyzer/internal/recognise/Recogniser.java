package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.model.Op;
import java.util.List;

/**
 * Reads the tokens of one statement family into records. A recogniser walks tokens and reads the context
 * ({@code j.ctx}, the schema as it is before the statement); it sets the statement's kind ({@link Judgement#kind}), and
 * nothing else: no lock, no schema change, no finding.
 */
@FunctionalInterface
public interface Recogniser {
    /**
     * The records of the statement whose first word is at {@code i}, in the order PostgreSQL performs them.
     *
     * @param t the statement's tokens
     * @param i the index of its first word
     * @param j the statement's judgement (read its context; set its kind)
     * @return the records, never empty (an {@link io.zdcd.analyzer.internal.model.Unrecognised} when unreadable);
     *         null when the statement belongs to a family that has not moved yet (before any change to {@code j}):
     *         the old rule classes judge it
     */
    List<Op> recognise(Tokens t, int i, Judgement j);
}
