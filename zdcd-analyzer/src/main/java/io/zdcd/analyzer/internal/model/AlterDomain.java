package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * ALTER DOMAIN.
 *
 * @param domain   the domain, or null
 * @param action   what it does
 * @param isNew    the domain was created in this migration
 * @param notValid ADD CONSTRAINT ... NOT VALID
 * @param users    the known tables with a column of the domain, sorted (PostgreSQL scans them to check a
 *                 constraint); null when the domain's name is not known
 */
public record AlterDomain(Name domain, Action action, boolean isNew, boolean notValid, List<String> users)
        implements Op {
    public AlterDomain {
        users = users == null ? null : List.copyOf(users);
    }

    /** What an ALTER DOMAIN does. */
    public enum Action {
        /** ADD CONSTRAINT or SET NOT NULL. */
        ADD_CONSTRAINT,
        /** VALIDATE CONSTRAINT. */
        VALIDATE,
        /** RENAME [CONSTRAINT]. */
        RENAME,
        /** SET/DROP DEFAULT, OWNER TO, DROP CONSTRAINT... */
        OTHER
    }
}
