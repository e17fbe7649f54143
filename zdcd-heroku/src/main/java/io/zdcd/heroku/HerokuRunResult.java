package io.zdcd.heroku;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a one-off dyno left in the app's log: its exit status (from Heroku's
 * {@code heroku[run.1234]: Process exited with status N} line) once it exited, and the lines its process wrote
 * ({@code app[run.1234]: ...}), with the API token and URL credentials hidden.
 *
 * <p>{@code toString()}: {@code HerokuRunResult[run.1234 exited with status 0, 3 lines]}.
 *
 * @param dyno       the dyno's name, for example {@code run.1234}
 * @param exitStatus the exit status, empty while the process runs (or if its exit was not seen in time)
 * @param output     the process's output lines, oldest first
 * @since 0.1
 */
public record HerokuRunResult(String dyno, OptionalInt exitStatus, List<String> output) {
    /**
     * Copies the list; {@code dyno} and {@code exitStatus} must not be null.
     *
     * @param dyno the dyno's name, for example {@code run.1234}
     * @param exitStatus the exit status, empty while the process runs (or if its exit was not seen in time)
     * @param output the process's output lines, oldest first
     */
    public HerokuRunResult {
        Objects.requireNonNull(dyno, "dyno");
        Objects.requireNonNull(exitStatus, "exitStatus");
        output = List.copyOf(output);
    }

    /**
     * Whether Heroku reported the process's exit.
     *
     * @return true once the exit status is known
     */
    public boolean exited() {
        return exitStatus.isPresent();
    }

    /**
     * Whether the process exited with status 0.
     *
     * @return true only when the process exited and its status was 0; false while it runs
     */
    public boolean succeeded() {
        return exitStatus.isPresent() && exitStatus.getAsInt() == 0;
    }

    /**
     * The last {@code n} output lines joined with {@code " | "}, for one-line messages.
     *
     * @param n how many lines, at most; 0 or less gives an empty string
     * @return the lines, oldest first; fewer when the output is shorter
     */
    public String tail(int n) {
        List<String> last = output.subList(Math.max(0, output.size() - n), output.size());
        return String.join(" | ", last);
    }

    @Override
    public String toString() {
        return "HerokuRunResult[" + dyno + (exited() ? " exited with status " + exitStatus.getAsInt() : " running")
                + ", " + output.size() + (output.size() == 1 ? " line]" : " lines]");
    }
}
