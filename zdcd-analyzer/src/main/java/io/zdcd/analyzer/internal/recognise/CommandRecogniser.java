package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.BatchLoop;
import io.zdcd.analyzer.internal.DoWrapper;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Privileges;
import io.zdcd.analyzer.internal.model.Procedural;
import io.zdcd.analyzer.internal.model.SessionCommand;
import java.util.List;
import java.util.Set;

/** GRANT, REVOKE, DO, CALL, EXECUTE and the commands that take no table lock (NOTIFY, SECURITY LABEL...). */
final class CommandRecogniser {
    private CommandRecogniser() {
    }

    /** Object kinds after GRANT/REVOKE ... ON that are not tables. */
    private static final Set<String> NON_TABLE_PRIVILEGE_OBJECTS = Set.of("SEQUENCE", "DATABASE", "DOMAIN",
            "FOREIGN", "FUNCTION", "PROCEDURE", "ROUTINE", "LANGUAGE", "LARGE", "PARAMETER", "SCHEMA", "TABLESPACE",
            "TYPE", "ALL");

    static List<Op> privileges(Tokens t, int i, Judgement j) {
        j.kind(t.upper(i));
        int on = t.find(i, "ON");
        List<Name> tables = List.of();
        boolean onNewObject = false;
        if (on >= 0) { // else GRANT role TO role
            Name n = Name.parse(t, on + 1 + (t.is(on + 1, "TABLE") ? 1 : 0));
            onNewObject = n != null && !j.ctx.existedBefore(n.key());
            int p = on + 1;
            boolean onTables = true;
            if (t.is(p, "TABLE")) {
                p++;
            } else {
                for (String kind : NON_TABLE_PRIVILEGE_OBJECTS) {
                    onTables &= !t.is(p, kind);
                }
            }
            if (onTables) {
                tables = NameList.read(t, p, t.size()).names();
            }
        }
        return List.of(new Privileges(t.is(i, "GRANT"), tables, onNewObject));
    }

    static List<Op> procedural(Tokens t, int i, Judgement j) {
        String cmd = t.upper(i);
        j.kind(cmd);
        BatchLoop.Loop loop = cmd.equals("DO") ? BatchLoop.parse(t, i) : null;
        String wrapped = cmd.equals("DO") && loop == null ? DoWrapper.inner(t, i) : null;
        return List.of(new Procedural(cmd, loop, wrapped));
    }

    static List<Op> session(Tokens t, int i, Judgement j) {
        j.kind(t.upper(i));
        return List.of(new SessionCommand(t.upper(i)));
    }
}
