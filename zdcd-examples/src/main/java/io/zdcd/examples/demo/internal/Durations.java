package io.zdcd.examples.demo.internal;

import java.time.Duration;
import java.util.Locale;

/** How the demo prints durations: seconds with two decimals ({@code 1.03s}). */
public final class Durations {
    private Durations() {
    }

    public static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2fs", d.toNanos() / 1e9);
    }
}
