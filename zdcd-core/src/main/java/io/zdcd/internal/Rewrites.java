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
import java.util.Set;

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
        if (why.isEmpty()) {
            why.addAll(dependents(runner, pending, out, shipped.keySet()));
        }
        return why.isEmpty() ? new Rewrites(out, "")
                : new Rewrites(Map.of(), "; expand/contract is not possible for " + String.join("; ", why));
    }

    /**
     * Why the rewrites {@code out} cannot ship with this push: a later migration of it, not rewritten, that the runner
     * would apply only after one of them (Django applies a migration's unapplied dependencies first). A rewrite with
     * a contract records its migration as applied only when the contract ran, after release, so the runner would run
     * the original SQL of the rewritten migration before that later one. The push is then deferred whole, as when a
     * migration has no recipe: its release needs every one of its migrations, so none is held back for the next push.
     * A rewrite whose expand an earlier deployment shipped ({@code shipped}) is not judged here (it cannot be undone;
     * the runner refuses such a later migration when it comes to it).
     */
    private static List<String> dependents(MigrationRunner runner, List<PendingMigration> pending,
                                           Map<String, Rewrite> out, Set<String> shipped) {
        List<String> why = new ArrayList<>();
        List<String> unrecorded = new ArrayList<>(); // rewritten migrations not recorded before the later ones run
        for (PendingMigration m : pending) {
            Rewrite r = out.get(m.name());
            if (r != null) {
                if (!r.contract().isEmpty() && !shipped.contains(m.name())) {
                    unrecorded.add(m.name());
                }
                continue;
            }
            if (unrecorded.isEmpty()) {
                continue;
            }
            List<String> first;
            try {
                first = runner.appliedBefore(m);
            } catch (RuntimeException e) {
                why.add(String.join(", ", unrecorded) + ": cannot tell whether " + m.name() + ", later in this push, "
                        + "depends on it: " + PipelineEngine.message(e));
                continue;
            }
            first.stream().filter(unrecorded::contains).findFirst().ifPresent(u -> why.add(u + ": " + m.name()
                    + ", later in this push, depends on it, and " + u + " is recorded as applied only once its "
                    + "contract ran after release (the runner would run its original SQL first); push without "
                    + m.name() + " to ship the rewrite now, and " + m.name() + " in the next push"));
        }
        return why;
    }
}
