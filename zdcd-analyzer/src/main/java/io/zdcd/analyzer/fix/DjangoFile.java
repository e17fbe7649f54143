package io.zdcd.analyzer.fix;

import io.zdcd.classify.Phase;
import java.util.Objects;

/**
 * One Django migration file of a {@link DjangoFix}.
 *
 * @param name   the file name, for example {@code 0004_order_status.py} (the expand migration, which replaces the
 *               original file) or {@code 0005_order_status_contract.py}
 * @param phase  {@link Phase#EXPAND} or {@link Phase#CONTRACT}
 * @param source the Python text
 * @param atomic whether Django runs the migration in one transaction ({@code atomic = False} when a step must run
 *               outside one, or the steps must commit one by one)
 */
public record DjangoFile(String name, Phase phase, String source, boolean atomic) {
    /**
     * A Django migration file of a fix; {@code name}, {@code phase} and {@code source} must not be null.
     *
     * @param name   the file name, ending in {@code .py}
     * @param phase  {@link Phase#EXPAND} or {@link Phase#CONTRACT}
     * @param source the Python text of the file
     * @param atomic whether Django runs the migration in one transaction
     */
    public DjangoFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return "DjangoFile[" + name + ", " + phase.label() + (atomic ? "" : ", atomic = False") + "]";
    }
}
