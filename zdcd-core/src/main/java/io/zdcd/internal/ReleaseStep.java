package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.spi.Release;
import io.zdcd.spi.StepKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** RELEASE: the platform releases the build. */
final class ReleaseStep implements Step {
    @Override
    public Optional<DeploymentOutcome> run(Deployment d) {
        d.release = d.run(StepKind.RELEASE, "", Map.of(), () -> {
            Release release;
            try {
                release = d.settings().platform().release(d.app(), d.build, d.progress(StepKind.RELEASE, ""));
            } catch (RuntimeException e) {
                throw new Deployment.Failure(PipelineEngine.message(e));
            }
            return Deployment.Done.of(release, release.toString());
        });
        return Optional.empty();
    }

    @Override
    public List<StepKind> planned(Classified c) {
        return List.of(StepKind.RELEASE);
    }
}
