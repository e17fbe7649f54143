package io.zdcd.classify;

/**
 * When in a deploy a statement can run (the expand/contract pattern).
 */
public enum Phase {
    /** Before the new code is released, while the old code serves traffic (every SAFE statement). */
    EXPAND,
    /**
     * Only after every running version of the code stops using what it removes or renames (it breaks the old code
     * but blocks no traffic for long): ship it in a later deploy.
     */
    CONTRACT,
    /** It blocks traffic for longer than an instant (rewrite, scan, index build, unknown): nightly build or window. */
    MAINTENANCE;

    /**
     * {@code expand}, {@code contract} or {@code maintenance}, as reports write it.
     *
     * @return the constant's name in lower case
     */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
