package io.zdcd.examples.demo.internal;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long step: on a terminal one line redrawn in place ({@code [#####.....] 50% filling accounts}), and
 * otherwise plain lines, at most one per tenth of the work, so logs stay readable.
 */
public final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private final String what;
    private final long total;
    private final long startNanos = System.nanoTime();
    private int lastTenth = -1;

    public Progress(PrintStream out, boolean terminal, String what, long total) {
        this.out = out;
        this.terminal = terminal;
        this.what = what;
        this.total = Math.max(1, total);
    }

    /** Whether standard output is an interactive terminal. */
    public static boolean stdoutIsTerminal() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Reports that {@code done} of the total units are done. */
    public synchronized void update(long done) {
        long d = Math.min(Math.max(done, 0), total);
        int percent = (int) (d * 100 / total);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (terminal) {
            int filled = (int) (d * WIDTH / total);
            out.print(String.format(Locale.ROOT, "\r    [%s%s] %3d%% %s (%,d/%,d, %.1fs)", "#".repeat(filled),
                    ".".repeat(WIDTH - filled), percent, what, d, total, seconds));
            if (d == total) {
                out.println();
            }
            out.flush();
        } else {
            int tenth = percent / 10;
            if (tenth != lastTenth) {
                lastTenth = tenth;
                out.println(String.format(Locale.ROOT, "    %s: %,d of %,d (%d%%, %.1fs)", what, d, total, percent,
                        seconds));
            }
        }
    }
}
