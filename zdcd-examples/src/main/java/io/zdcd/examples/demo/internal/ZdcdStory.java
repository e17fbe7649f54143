package io.zdcd.examples.demo.internal;

import io.zdcd.examples.demo.SceneResult;
import io.zdcd.examples.demo.SceneRun;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The four scenes played by zdcd's deployment pipeline under live traffic. */
public final class ZdcdStory {
    private final Stage stage;

    public ZdcdStory(Stage stage, String controlDatabase) {
        this.stage = stage;
    }

    public List<SceneResult> play() {
        SceneRun notRun = new SceneRun("not run: pipeline missing", Duration.ZERO, 0, 0, Duration.ZERO, 0,
                "io.zdcd.pipeline.DeploymentPipeline is not on main yet");
        stage.heading("zdcd scenes: not run (the deployment pipeline is not available yet)");
        return List.of(
                new SceneResult(1, "safe push, deployed at once", "deployed, 0 failed queries", false, notRun,
                        Optional.empty()),
                new SceneResult(2, "quiet night", "skipped", false, notRun, Optional.empty()),
                new SceneResult(3, "unsafe push", "deferred, nothing changed", false, notRun, Optional.empty()),
                new SceneResult(4, "nightly, release fails its health check", "recovered, 0 rows lost", false,
                        notRun, Optional.empty()));
    }
}
