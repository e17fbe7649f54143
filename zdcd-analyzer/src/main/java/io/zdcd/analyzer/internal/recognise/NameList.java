package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Tokens;
import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated list of object names, as DROP, TRUNCATE and LOCK take them: {@code [ONLY] name [*] [(signature)],
 * ...}. ONLY and {@code *} (inheritance) and a function's signature are passed over; the list ends at the first token
 * that is not a name or after a name not followed by a comma.
 *
 * @param names the names, in order
 * @param end   the index of the token after the list
 */
record NameList(List<Name> names, int end) {
    NameList {
        names = List.copyOf(names);
    }

    /** The list starting at token {@code p}, read no further than {@code end} (exclusive). */
    static NameList read(Tokens t, int p, int end) {
        List<Name> names = new ArrayList<>();
        int k = p;
        while (k < end) {
            if (t.is(k, "ONLY")) {
                k++;
            }
            Name n = Name.parse(t, k);
            if (n == null) {
                break;
            }
            names.add(n);
            k = n.end();
            if (t.isOp(k, "*")) {
                k++;
            }
            if (t.isOp(k, "(")) {
                k = t.closing(k) + 1; // a function's signature
            }
            if (!t.isOp(k, ",")) {
                break;
            }
            k++;
        }
        return new NameList(names, k);
    }
}
