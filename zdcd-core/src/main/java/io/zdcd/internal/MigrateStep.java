package io.zdcd.internal;

import io.zdcd.classify.Verdict;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.Rewrite;
import io.zdcd.spi.StepKind;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** MIGRATE: one step per pending migration, or per expand part of one rewritten by expand/contract. */
final class MigrateStep implements Step {
    @Override
    public Optional<DeploymentOutcome> run(Deployment d) {
        Classified c = d.classified;
        for (PendingMigration m : c.pending()) {
            Rewrite r = c.rewrites().byMigration().get(m.name());
            if (r == null) {
                MigrationApply.apply(d, StepKind.MIGRATE, m, c.verdictOf(m), Map.of(), null);
                continue;
            }
            for (int i = 0; i < r.expand().size(); i++) {
                boolean last = i == r.expand().size() - 1 && r.contract().isEmpty();
                MigrationApply.apply(d, StepKind.MIGRATE, r.expand().get(i), Verdict.SAFE.name(),
                        ShippedRewrites.expandAttributes(m, r, i), last ? m : null);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<StepKind> planned(Classified c) {
        return Collections.nCopies(c.pending().stream().mapToInt(m -> c.rewrites().expandOf(m).size()).sum(),
                StepKind.MIGRATE);
    }
}
