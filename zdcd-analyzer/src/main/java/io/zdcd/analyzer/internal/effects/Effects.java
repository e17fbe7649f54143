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
    /** In this order: the first family that takes a record applies it. */
    private static final List<FamilyEffects> FAMILIES = List.of(Family.values());

    /** The families, one constant each: a switch, not method references (no lambda to link when a check starts). */
    private enum Family implements FamilyEffects {
        MAINTENANCE, DROP, CREATE, CREATE_TABLE, COMMAND, ALTER, SESSION, DATA, COLUMN, ALTER_COLUMN,
        CONSTRAINT, TABLE, PARTITION;

        @Override
        public boolean apply(Op op, Judgement j) {
            return switch (this) {
                case MAINTENANCE -> MaintenanceEffects.apply(op, j);
                case DROP -> DropEffects.apply(op, j);
                case CREATE -> CreateEffects.apply(op, j);
                case CREATE_TABLE -> CreateTableEffects.apply(op, j);
                case COMMAND -> CommandEffects.apply(op, j);
                case ALTER -> AlterEffects.apply(op, j);
                case SESSION -> SessionEffects.apply(op, j);
                case DATA -> DataEffects.apply(op, j);
                case COLUMN -> ColumnEffects.apply(op, j);
                case ALTER_COLUMN -> AlterColumnEffects.apply(op, j);
                case CONSTRAINT -> ConstraintEffects.apply(op, j);
                case TABLE -> TableEffects.apply(op, j);
                case PARTITION -> PartitionEffects.apply(op, j);
            };
        }
    }

    /**
     * The family that applied a record class last: families take their records by type alone, so a record's class
     * goes to the same family every time, without asking the families before it (a call each, on every record).
     */
    private static final ClassValue<FamilyEffects[]> FAMILY_OF = new ClassValue<>() {
        @Override
        protected FamilyEffects[] computeValue(Class<?> type) {
            return new FamilyEffects[1];
        }
    };

    private Effects() {
    }

    /**
     * Applies a record's effects; a record no family knows has none.
     *
     * @param op the record
     * @param j  the statement's judgement
     */
    public static void apply(Op op, Judgement j) {
        FamilyEffects[] known = FAMILY_OF.get(op.getClass());
        FamilyEffects last = known[0];
        if (last != null && last.apply(op, j)) {
            return;
        }
        for (FamilyEffects f : FAMILIES) {
            if (f.apply(op, j)) {
                known[0] = f; // a benign race: another thread would find the same family
                return;
            }
        }
    }
}
