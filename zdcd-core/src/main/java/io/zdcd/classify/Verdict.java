package io.zdcd.classify;

/** Whether a statement or migration can run while the old code serves traffic. Declared in rising severity. */
public enum Verdict {
    /** Old code keeps working and no lock blocks traffic for longer than a catalog change. */
    SAFE,
    /** Needs the nightly build (and maybe a maintenance window), or a rewrite into safe steps. */
    UNSAFE;

    /** The more severe of the two. */
    public Verdict and(Verdict other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
