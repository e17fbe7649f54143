package io.zdcd.examples.demo.internal;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints a scene as a readable timeline: one line per step or event, stamped with the time since the scene began,
 * and each timed step followed by how long it took.
 *
 * <pre>
 *   +0.00s  long report transaction holds a lock on accounts (4.0s)
 *   +0.02s  migrate 0002_add_nickname ... done in 4.01s
 * </pre>
 */
public final class Timeline {
    /** A step that may fail with a checked exception. */
    @FunctionalInterface
    public interface Step<T> {
        T run() throws Exception;
    }

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    public Timeline(PrintStream out) {
        this.out = out;
    }

    /** Seconds since the scene began. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Prints one line at the current time. */
    public synchronized void line(String text) {
        out.println(String.format(Locale.ROOT, "  %+7.2fs  %s", elapsedSeconds(), text));
        out.flush();
    }

    /** Runs a step, printing its start and, when it ends, its duration (or its failure). */
    public <T> T step(String what, Step<T> step) throws Exception {
        long start = System.nanoTime();
        line(what + " ...");
        try {
            T result = step.run();
            line(String.format(Locale.ROOT, "  done in %.2fs: %s", (System.nanoTime() - start) / 1e9, what));
            return result;
        } catch (Exception e) {
            line(String.format(Locale.ROOT, "  FAILED after %.2fs: %s: %s", (System.nanoTime() - start) / 1e9, what,
                    oneLine(e)));
            throw e;
        }
    }

    /** The first line of an exception's message. */
    public static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
