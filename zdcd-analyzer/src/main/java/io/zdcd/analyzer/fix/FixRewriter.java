package io.zdcd.analyzer.fix;

import io.zdcd.classify.Migration;
import io.zdcd.spi.MigrationRewriter;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.Rewrite;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A {@link MigrationFixer} as the deployment pipeline's {@link MigrationRewriter}, for
 * {@code DeploymentPipeline.builder().expandContract(FixRewriter.of(fixer))} ({@code zdcd deploy --fix}): a plain SQL
 * migration whose every UNSAFE statement has a proven recipe becomes the fix's expand files (each one part, applied
 * before the release) and contract files (applied after the release is verified), named as {@code zdcd fix} names
 * them; a migration with any statement left without a recipe is {@link Rewrite#impossible impossible}, with the
 * fixer's reasons. Immutable and thread-safe.
 *
 * <pre>{@code
 * FixRewriter.of(MigrationFixer.builder().liveSchema(db).build())
 *         .rewrite(new PendingMigration("V5__idx.sql", "CREATE INDEX orders_note ON orders (note);"));
 * // Rewrite[V5__idx.sql: expand V5__idx_001_expand.sql; contract none]
 * }</pre>
 */
public final class FixRewriter implements MigrationRewriter {
    private final MigrationFixer fixer;

    private FixRewriter(MigrationFixer fixer) {
        this.fixer = fixer;
    }

    /**
     * The rewriter over this fixer (its PostgreSQL version and known schema).
     *
     * @param fixer the fixer whose recipes rewrite each pending migration; not null
     * @return a rewriter that turns each plain SQL migration into the fixer's expand and contract files
     */
    public static FixRewriter of(MigrationFixer fixer) {
        return new FixRewriter(Objects.requireNonNull(fixer, "fixer"));
    }

    @Override
    public Rewrite rewrite(PendingMigration migration) {
        Objects.requireNonNull(migration, "migration");
        FixResult fix;
        try {
            fix = fixer.fix(Migration.of(migration.name(), migration.sql()));
        } catch (RuntimeException e) {
            return Rewrite.impossible(migration.name(), "zdcd fix could not read it: " + e.getMessage());
        }
        if (!fix.isComplete()) {
            return Rewrite.impossible(migration.name(), fix.unfixed().stream().map(StatementFix::toString)
                    .collect(Collectors.joining("; ")));
        }
        if (fix.files().isEmpty()) {
            return Rewrite.impossible(migration.name(), "zdcd fix wrote no file for it");
        }
        // a Django migration's parts keep its app (orders/0004_x_001_expand.sql): two apps' 0004_x stay apart
        String app = migration.name().substring(0, migration.name().lastIndexOf('/') + 1);
        return Rewrite.of(migration.name(), parts(app, fix.expandFiles()), parts(app, fix.contractFiles()));
    }

    private static List<PendingMigration> parts(String prefix, List<FixFile> files) {
        return files.stream().map(f -> new PendingMigration(prefix + f.name(), f.sql())).toList();
    }

    @Override
    public String toString() {
        return "FixRewriter[" + fixer + "]";
    }
}
