package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.Rewrite;
import io.zdcd.spi.StepKind;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * CONTRACT: the rewritten migrations' contract parts, once the release is verified; the last part records the
 * rewritten migration as applied. A failure is not rolled back: the release stays (see {@link Endings}).
 */
final class ContractStep implements Step {
    @Override
    public Optional<DeploymentOutcome> run(Deployment d) {
        Classified c = d.classified;
        for (PendingMigration m : c.pending()) {
            Rewrite r = c.rewrites().byMigration().get(m.name());
            for (int i = 0; r != null && i < r.contract().size(); i++) {
                MigrationApply.apply(d, StepKind.CONTRACT, r.contract().get(i), StepKind.CONTRACT.name(),
                        ShippedRewrites.contractAttributes(m, r), i == r.contract().size() - 1 ? m : null);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<StepKind> planned(Classified c) {
        return Collections.nCopies(c.rewrites().contractParts().size(), StepKind.CONTRACT);
    }
}
