package io.zdcd.analyzer.internal.effects;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.model.Op;
import java.util.List;

/**
 * The one place where a record changes the world: the schema and context ({@code j.ctx}) and the statement's locks,
 * tables and rewrite/scan flags ({@link Judgement#lock}, {@code j.rewrite}, {@code j.scan}). Rules never do that; they
 * only read and write findings. Each family's records are applied by its own class, listed here.
 */
public final class Effects {
    private static final List<FamilyEffects> FAMILIES = List.of(
            MaintenanceEffects::apply,
            DropEffects::apply,
            CreateEffects::apply,
            CreateTableEffects::apply,
            CommandEffects::apply,
            AlterEffects::apply,
            SessionEffects::apply,
            DataEffects::apply,
            ColumnEffects::apply,
            AlterColumnEffects::apply,
            ConstraintEffects::apply,
            TableEffects::apply,
            PartitionEffects::apply);

    private Effects() {
    }

    /**
     * Applies a record's effects; a record no family knows has none.
     *
     * @param op the record
     * @param j  the statement's judgement
     */
    public static void apply(Op op, Judgement j) {
        for (FamilyEffects f : FAMILIES) {
            if (f.apply(op, j)) {
                return;
            }
        }
    }
}
