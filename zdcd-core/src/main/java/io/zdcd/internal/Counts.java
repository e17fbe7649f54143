package io.zdcd.internal;

/** A count with its noun, as zdcd prints it everywhere: "1 statement", "0 statements", "3 statements". */
public final class Counts {
    private Counts() {
    }

    /** {@code n} and {@code noun}, with an "s" unless {@code n} is exactly one. */
    public static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code n} and {@code singular} when it is exactly one, else {@code plural} ("1 entry", "2 entries"). */
    public static String of(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
