package io.zdcd.analyzer.fix;

import io.zdcd.classify.Phase;
import java.util.Objects;

/**
 * One file of a fix: a migration a team commits and runs in name order.
 *
 * @param name               the file name, for example {@code 0042_add_index_001_expand.sql}: name order is apply
 *                           order, and the name says {@code expand} or {@code contract}
 * @param phase              {@link Phase#EXPAND} (safe now, before the new code) or {@link Phase#CONTRACT} (once the
 *                           new code is live)
 * @param sql                the SQL text, with comments saying why each statement is there
 * @param outsideTransaction whether the file must run outside a transaction block (autocommit), as
 *                           {@code CREATE INDEX CONCURRENTLY} must; otherwise it runs as one transaction
 */
public record FixFile(String name, Phase phase, String sql, boolean outsideTransaction) {
    /**
     * One file of a fix; {@code name}, {@code phase} and {@code sql} must not be null. IAE when {@code phase} is
     * {@link Phase#MAINTENANCE}.
     *
     * @param name               the file name; name order is apply order
     * @param phase              {@link Phase#EXPAND} or {@link Phase#CONTRACT}
     * @param sql                the SQL text of the file
     * @param outsideTransaction whether the file must run outside a transaction block (autocommit)
     */
    public FixFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(sql, "sql");
        if (phase == Phase.MAINTENANCE) {
            throw new IllegalArgumentException("a fix file is expand or contract, not maintenance");
        }
    }

    @Override
    public String toString() {
        return "FixFile[" + name + ", " + phase.label() + (outsideTransaction ? ", outside a transaction" : "") + "]";
    }
}
