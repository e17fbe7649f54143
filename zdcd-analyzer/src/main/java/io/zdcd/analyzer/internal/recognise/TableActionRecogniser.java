package io.zdcd.analyzer.internal.recognise;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;

import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.SqlText;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.model.Inheritance;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.OwnerTo;
import io.zdcd.analyzer.internal.model.RewriteTable;
import io.zdcd.analyzer.internal.model.RowSecurity;
import io.zdcd.analyzer.internal.model.SetSchema;
import io.zdcd.analyzer.internal.model.TableLocked;
import io.zdcd.analyzer.internal.model.TableSettings;
import io.zdcd.analyzer.internal.model.TriggerToggle;
import io.zdcd.analyzer.internal.model.Unrecognised;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** ALTER TABLE's table-wide actions: SET / RESET, ENABLE / DISABLE, CLUSTER ON, OWNER TO, REPLICA, INHERIT. */
final class TableActionRecogniser {
    private TableActionRecogniser() {
    }

    private static final Set<String> SUE_PARAMETERS = Set.of("fillfactor", "parallel_workers",
            "autovacuum_enabled", "toast_tuple_target", "vacuum_index_cleanup", "vacuum_truncate",
            "log_autovacuum_min_duration", "user_catalog_table", "n_distinct", "n_distinct_inherited");

    static AlterTableRecogniser.Action set(Tokens t, int p, int e, Name table, boolean isNew) {
        if (t.is(p, "TABLESPACE") || t.is(p, "LOGGED") || t.is(p, "UNLOGGED") || t.is(p, "ACCESS", "METHOD")) {
            String what = t.is(p, "ACCESS") ? "SET ACCESS METHOD" : "SET " + t.upper(p);
            return action(what, new RewriteTable(table, isNew, what));
        }
        if (t.isOp(p, "(")) {
            boolean allSue = true;
            for (int k = p + 1; k < t.closing(p); k++) {
                if (t.isWord(k) && (k == p + 1 || t.isOp(k - 1, ","))) {
                    String name = t.ident(k);
                    if (t.isOp(k + 1, ".")) {
                        name = name + "." + t.ident(k + 2);
                    }
                    if (!SUE_PARAMETERS.contains(name) && !name.startsWith("autovacuum_")
                            && !name.startsWith("toast.")) {
                        allSue = false;
                    }
                }
            }
            return action("SET (...)", new TableSettings(table, TableSettings.Setting.PARAMETERS, allSue, ""));
        }
        if (t.is(p, "WITHOUT")) {
            return action("SET WITHOUT " + t.upper(p + 1), new TableSettings(table, TableSettings.Setting.WITHOUT,
                    false, t.upper(p + 1)));
        }
        if (t.is(p, "SCHEMA")) {
            return action("SET SCHEMA", new SetSchema(table, isNew, t.ident(p + 1)));
        }
        return unrecognised("SET", table, "SET " + SqlText.abbreviate(t.text(p, e - 1)));
    }

    static AlterTableRecogniser.Action settings(TableSettings.Setting setting, String kind, Name table) {
        return action(kind, new TableSettings(table, setting, false, ""));
    }

    static AlterTableRecogniser.Action owner(Name table, boolean isNew) {
        return action("OWNER TO", new OwnerTo(table, isNew, table.display()));
    }

    static AlterTableRecogniser.Action enableDisable(Tokens t, int a, int e, Name table, boolean isNew) {
        String text = t.text(a, e - 1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (text.contains("ROW LEVEL SECURITY")) {
            return action(text.replace(" " + table.display().toUpperCase(Locale.ROOT), ""),
                    new RowSecurity(table, isNew, text, t.upper(a)));
        }
        if (text.contains("TRIGGER")) {
            return action(t.upper(a) + " TRIGGER", new TriggerToggle(table, isNew, text, t.is(a, "DISABLE"), false));
        }
        if (text.contains("RULE")) {
            return action(t.upper(a) + " RULE", new TriggerToggle(table, isNew, text, t.is(a, "DISABLE"), true));
        }
        return unrecognised(t.upper(a), table, SqlText.abbreviate(text));
    }

    static AlterTableRecogniser.Action inheritance(Tokens t, int a, Name table, boolean isNew) {
        return action(t.is(a, "NO") ? "NO INHERIT" : t.is(a, "NOT") ? "NOT OF" : t.upper(a), new Inheritance(table,
                isNew, t.is(a, "INHERIT") ? Name.parse(t, a + 1) : null,
                t.is(a, "NO", "INHERIT") ? Name.parse(t, a + 2) : null));
    }

    /** An action zdcd does not recognise: the table is locked, the action reported as written. */
    static AlterTableRecogniser.Action unrecognised(String kind, Name table, String shown) {
        return new AlterTableRecogniser.Action(kind, List.of(new TableLocked(table, ACCESS_EXCLUSIVE),
                new Unrecognised("zdcd does not recognise the ALTER TABLE action '" + shown + "'; treated as UNSAFE")));
    }

    private static AlterTableRecogniser.Action action(String kind, Op op) {
        return new AlterTableRecogniser.Action(kind, List.of(op));
    }
}
