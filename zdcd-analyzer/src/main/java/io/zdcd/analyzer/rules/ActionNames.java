package io.zdcd.analyzer.rules;

import java.util.Arrays;
import java.util.List;

/** Helpers the {@link Action} records share. */
final class ActionNames {
    private ActionNames() {
    }

    /** The non-empty names among {@code names}. */
    static List<String> of(String... names) {
        return Arrays.stream(names).filter(n -> !n.isEmpty()).toList();
    }
}
