package io.zdcd.internal;

import io.zdcd.classify.Classification;
import io.zdcd.classify.Verdict;
import io.zdcd.spi.Build;
import io.zdcd.spi.PendingMigration;
import java.util.List;

/**
 * What a deployment's classification found: the build's pending migrations, the verdicts on them and the
 * expand/contract rewrites of the UNSAFE ones.
 */
record Classified(List<PendingMigration> pending, List<Classification> verdicts, Rewrites rewrites) {
    /**
     * Lists, classifies and rewrites the pending migrations of {@code build}.
     *
     * @throws Deployment.Failure when they cannot be listed, classified or rewritten
     */
    static Classified of(PipelineSettings s, Build build) {
        List<PendingMigration> pending;
        List<Classification> verdicts;
        try {
            pending = s.migrations().pending(build);
            verdicts = Verdicts.classify(s, pending);
        } catch (RuntimeException e) {
            throw new Deployment.Failure("cannot list or classify the pending migrations: "
                    + PipelineEngine.message(e));
        }
        List<Classification> unsafe = verdicts.stream().filter(c -> !c.isSafe()).toList();
        try {
            return new Classified(pending, verdicts, Rewrites.of(s, pending, unsafe));
        } catch (RuntimeException e) {
            throw new Deployment.Failure("cannot rewrite the UNSAFE migrations: " + PipelineEngine.message(e));
        }
    }

    /** The UNSAFE migrations that go out as they are: none when they are rewritten by expand/contract. */
    List<Classification> unsafe() {
        return rewrites.isEmpty() ? verdicts.stream().filter(c -> !c.isSafe()).toList() : List.of();
    }

    /** The verdict MIGRATE journals for {@code m} (UNSAFE when it has none). */
    String verdictOf(PendingMigration m) {
        return verdicts.stream().filter(c -> c.migration().equals(m.name())).map(c -> c.verdict().name())
                .reduce((a, b) -> b).orElse(Verdict.UNSAFE.name());
    }
}
