package io.zdcd.internal;

import io.zdcd.classify.Classification;
import io.zdcd.spi.MigrationRunner;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.Rewrite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The expand/contract rewrites of a push's UNSAFE pending migrations: all of them, or none with why (as a suffix
 * of the deferral reason). Empty without {@code expandContract} or without an UNSAFE migration.
 */
record Rewrites(Map<String, Rewrite> byMigration, String why) {
    static final Rewrites NONE = new Rewrites(Map.of(), "");

    boolean isEmpty() {
        return byMigration.isEmpty();
    }

    /** What the MIGRATE steps apply for {@code m}: its expand parts, or {@code m} itself. */
    List<PendingMigration> expandOf(PendingMigration m) {
        Rewrite r = byMigration.get(m.name());
        return r == null ? List.of(m) : r.expand();
    }

    List<PendingMigration> contractParts() {
        return byMigration.values().stream().flatMap(r -> r.contract().stream()).toList();
    }

    String summary() {
        int n = byMigration.size();
        return Counts.of(n, "UNSAFE migration") + " rewritten by expand/contract (" + String.join("; ",
                byMigration.values().stream().map(ShippedRewrites::describe).toList()) + ")";
    }

    /** The rewrites of {@code unsafe} (verdicts on {@code pending}) by the pipeline's rewriter. */
    static Rewrites of(PipelineSettings s, List<PendingMigration> pending, List<Classification> unsafe) {
        // a rewrite whose expand an earlier deployment shipped is finished as journaled, expand/contract on or off
        Map<String, Rewrite> shipped = unsafe.isEmpty() ? Map.of() : ShippedRewrites.find(s.journal(), s.app(),
                pending.stream().filter(p -> unsafe.stream().anyMatch(c -> c.migration().equals(p.name()))).toList());
        if (unsafe.isEmpty() || s.rewriter().isEmpty() && shipped.size() < unsafe.size()) {
            return NONE;
        }
        MigrationRunner runner = s.runner().orElseThrow(() -> new IllegalStateException("no runner configured"));
        try {
            runner.isApplied(unsafe.get(0).migration());
        } catch (UnsupportedOperationException e) {
            return new Rewrites(Map.of(), "; expand/contract is not possible: " + PipelineEngine.message(e));
        }
        Map<String, Rewrite> out = new LinkedHashMap<>();
        List<String> why = new ArrayList<>();
        for (Classification c : unsafe) {
            Optional<PendingMigration> m = pending.stream().filter(p -> p.name().equals(c.migration())).findFirst();
            if (m.isEmpty()) {
                why.add(c.migration() + ": not a pending migration");
                continue;
            }
            Rewrite r = shipped.get(c.migration());
            try {
                r = r != null ? r : s.rewriter().orElseThrow().rewrite(m.get());
            } catch (RuntimeException e) {
                why.add(c.migration() + ": the rewriter failed: " + PipelineEngine.message(e));
                continue;
            }
            if (!r.isPossible()) {
                why.add(c.migration() + ": " + r.noRecipe());
                continue;
            }
            // Fail closed: every expand part must be SAFE by this pipeline's own classifier too.
            Optional<Classification> notSafe = Verdicts.classify(s, r.expand()).stream().filter(x -> !x.isSafe())
                    .findFirst();
            if (notSafe.isPresent()) {
                why.add(c.migration() + ": its expand part " + notSafe.get().migration() + " is not SAFE ("
                        + Verdicts.rules(notSafe.get()) + ")");
                continue;
            }
            out.put(c.migration(), r);
        }
        return why.isEmpty() ? new Rewrites(out, "")
                : new Rewrites(Map.of(), "; expand/contract is not possible for " + String.join("; ", why));
    }
}
