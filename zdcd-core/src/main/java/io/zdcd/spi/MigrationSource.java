package io.zdcd.spi;

import java.util.List;

/**
 * Knows which migrations a build would apply to the target database, in the order they apply, with their SQL:
 * a folder of SQL files ({@link io.zdcd.jdbc.SqlMigrationSource}) or a Django project
 * ({@link io.zdcd.django.DjangoMigrationSource}).
 */
@FunctionalInterface
public interface MigrationSource {

    /**
     * The migrations of {@code build} not yet applied to the target database, in apply order (empty when none).
     * Has no side effect.
     *
     * @param build the build about to be deployed
     * @return the pending migrations, in apply order
     */
    List<PendingMigration> pending(Build build);

    /**
     * A source that never has a pending migration (for code-only apps).
     *
     * @return a source whose {@link #pending} is always empty
     */
    static MigrationSource none() {
        return build -> List.of();
    }
}
