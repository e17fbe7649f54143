package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.Tokens;
import java.util.List;

/**
 * The kind of object named after ALTER or DROP: one word ({@code INDEX}), or two for the kinds given
 * ({@code MATERIALIZED VIEW}).
 *
 * @param what the kind, upper case, words separated by one space
 * @param next the index of the token after it
 */
record ObjectKind(String what, int next) {

    /** The kind at token {@code p}; {@code twoWords} are the two-word kinds the command knows ("MATERIALIZED VIEW"). */
    static ObjectKind read(Tokens t, int p, List<String> twoWords) {
        for (String kind : twoWords) {
            int space = kind.indexOf(' ');
            if (t.is(p, kind.substring(0, space), kind.substring(space + 1))) {
                return new ObjectKind(kind, p + 2);
            }
        }
        return new ObjectKind(t.upper(p), p + 1);
    }
}
