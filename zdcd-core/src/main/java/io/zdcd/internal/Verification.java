package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentEvent;
import io.zdcd.spi.Health;
import io.zdcd.spi.Release;
import io.zdcd.spi.StepKind;
import java.util.function.Supplier;

/** The checks of the VERIFY steps, polled until healthy or the verify timeout. */
final class Verification {
    private Verification() {
    }

    /** Every process of the release up (polled until the verify timeout), then the smoke command if any. */
    static Health processesAndSmoke(Deployment d, Release release) {
        PipelineSettings s = d.settings();
        String subject = "v" + release.version();
        Health up = poll(d, release, subject, () -> s.platform().processesUp(s.app(), release));
        if (!up.healthy() || s.smokeCommand().isEmpty()) {
            return up;
        }
        String command = s.smokeCommand().get();
        d.events.emit(new DeploymentEvent.StepProgress(s.app(), d.events.now(), StepKind.VERIFY, subject,
                "running the smoke command in a one-off process of " + subject, -1, -1));
        Health smoke;
        try {
            smoke = s.platform().runCommand(s.app(), release, command, s.smokeTimeout(),
                    d.progress(StepKind.VERIFY, subject));
        } catch (UnsupportedOperationException e) {
            smoke = Health.unhealthy("a smoke command is configured but " + PipelineEngine.message(e));
        } catch (RuntimeException e) {
            smoke = Health.unhealthy("smoke command failed to run: " + PipelineEngine.message(e));
        }
        String prefix = "smoke command " + (smoke.healthy() ? "passed" : "failed") + ": ";
        return smoke.healthy() ? Health.healthy(up.detail() + "; " + prefix + smoke.detail())
                : Health.unhealthy(prefix + smoke.detail());
    }

    /** The configured health check, polled until healthy or the verify timeout. */
    static Health traffic(Deployment d, Release release, String subject) {
        PipelineSettings s = d.settings();
        return poll(d, release, subject, () -> s.healthCheck().check(s.app(), release));
    }

    /** Polls {@code check} until healthy or the verify timeout (a wait on the system timer, not a timing). */
    private static Health poll(Deployment d, Release release, String subject, Supplier<Health> check) {
        PipelineSettings s = d.settings();
        long deadline = System.nanoTime() + s.verifyTimeout().toNanos();
        Health last;
        while (true) {
            try {
                last = check.get();
            } catch (RuntimeException e) {
                last = Health.unhealthy("health check threw: " + PipelineEngine.message(e));
            }
            if (last.healthy() || System.nanoTime() >= deadline) {
                return last;
            }
            d.events.emit(new DeploymentEvent.StepProgress(s.app(), d.events.now(), StepKind.VERIFY,
                    subject, "not healthy yet: " + last.detail(), -1, -1));
            try {
                Thread.sleep(Math.max(1, Math.min(s.verifyInterval().toMillis(),
                        (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.unhealthy("interrupted while verifying " + release + "; last: " + last.detail());
            }
        }
    }

    static String join(Health a, Health b) {
        return a.detail().equals(b.detail()) ? a.detail() : a.detail() + "; " + b.detail();
    }
}
