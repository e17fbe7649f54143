package io.zdcd.classify;

/** Whether a statement or migration can run while the old code serves traffic. Declared in rising severity. */
public enum Verdict {
    /** Old code keeps working and no lock blocks traffic for longer than a catalog change. */
    SAFE,
    /** Needs the nightly build (and maybe a maintenance window), or a rewrite into safe steps. */
    UNSAFE;

    /**
     * The more severe of the two, for combining the verdicts of parts into the verdict of the whole.
     *
     * @param other the verdict to combine with; null counts as SAFE
     * @return UNSAFE when either verdict is UNSAFE, otherwise SAFE (never null)
     */
    public Verdict and(Verdict other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
