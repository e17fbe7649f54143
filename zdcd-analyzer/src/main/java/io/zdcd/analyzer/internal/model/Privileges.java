package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * GRANT or REVOKE.
 *
 * @param grant         GRANT (else REVOKE)
 * @param tables        the tables of GRANT/REVOKE ... ON [TABLE] t, ...; empty for other objects and roles
 * @param onNewObject   the object after ON was created in this migration
 */
public record Privileges(boolean grant, List<Name> tables, boolean onNewObject) implements Op {
    public Privileges {
        tables = List.copyOf(tables);
    }
}
