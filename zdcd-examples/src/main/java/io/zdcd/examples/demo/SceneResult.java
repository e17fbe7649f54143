package io.zdcd.examples.demo;

import java.util.Objects;
import java.util.Optional;

/**
 * One scene of the demo: what zdcd was expected to do, what it did, and (where it applies) the same change applied
 * the naive way.
 *
 * @param number     1 to 5
 * @param title      the scene, in a few words
 * @param expected   what zdcd must do for the scene to pass
 * @param asExpected whether zdcd did exactly that
 * @param zdcd       zdcd's run
 * @param naive      the naive run of the same change, if the scene has one
 */
public record SceneResult(int number, String title, String expected, boolean asExpected, SceneRun zdcd,
                          Optional<SceneRun> naive) {
    public SceneResult {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(zdcd, "zdcd");
        Objects.requireNonNull(naive, "naive");
    }

    @Override
    public String toString() {
        return "Scene " + number + " (" + title + "): " + (asExpected ? "as expected" : "NOT as expected ("
                + expected + ")") + "; zdcd " + zdcd + naive.map(n -> "; naive " + n).orElse("");
    }
}
