package io.zdcd.spi;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a {@link MigrationRewriter} made of one pending migration: its expand parts (each SAFE, applied before the
 * release, in order) and its contract parts (applied after the release is verified, in order), or why it cannot be
 * rewritten. Immutable.
 *
 * <p>{@code toString()} reads like {@code Rewrite[V5__idx.sql: expand V5__idx_001_expand.sql; contract none]} or
 * {@code Rewrite[V5__type.sql: impossible: no recipe for rule alter-column-type: ...]}.
 *
 * @param migration the rewritten migration's name
 * @param expand    the expand parts in apply order (names must be distinct from each other and from the migration)
 * @param contract  the contract parts in apply order; may be empty
 * @param noRecipe  why the migration cannot be rewritten; empty when it can
 */
public record Rewrite(String migration, List<PendingMigration> expand, List<PendingMigration> contract,
                      String noRecipe) {
    /**
     * Copies the lists; a possible rewrite has at least one part and distinct part names.
     *
     * @param migration the rewritten migration's name; not null
     * @param expand    the expand parts in apply order; copied, must not be null; empty when impossible
     * @param contract  the contract parts in apply order; copied, must not be null; empty when impossible
     * @param noRecipe  why the migration cannot be rewritten; not null, empty when it can
     * @throws IllegalArgumentException when a possible rewrite has no part, or two parts share a name, or a part has
     *                                  the migration's name; or when an impossible rewrite has parts
     */
    public Rewrite {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(noRecipe, "noRecipe");
        expand = List.copyOf(expand);
        contract = List.copyOf(contract);
        if (noRecipe.isEmpty()) {
            if (expand.isEmpty() && contract.isEmpty()) {
                throw new IllegalArgumentException("a rewrite of " + migration + " has no part");
            }
            List<String> names = Stream.concat(expand.stream(), contract.stream()).map(PendingMigration::name)
                    .toList();
            if (names.stream().distinct().count() != names.size() || names.contains(migration)) {
                throw new IllegalArgumentException("the parts of the rewrite of " + migration
                        + " must have distinct names other than the migration's: " + names);
            }
        } else if (!expand.isEmpty() || !contract.isEmpty()) {
            throw new IllegalArgumentException("an impossible rewrite has no parts");
        }
    }

    /**
     * A rewrite into these parts.
     *
     * @param migration the rewritten migration's name; not null
     * @param expand    the expand parts (each SAFE, applied before the release), in apply order; not null
     * @param contract  the contract parts (applied after the release is verified), in apply order; not null, may be
     *                  empty
     * @return a possible rewrite ({@link #isPossible()} true)
     * @throws IllegalArgumentException when there is no part at all, or the part names are not distinct from each
     *                                  other and from {@code migration}
     */
    public static Rewrite of(String migration, List<PendingMigration> expand, List<PendingMigration> contract) {
        return new Rewrite(migration, expand, contract, "");
    }

    /**
     * The migration cannot be rewritten, for this reason (one line, for example {@code no recipe for rule X}).
     *
     * @param migration the migration's name; not null
     * @param why       why it cannot be rewritten, in one line; not null, not blank
     * @return an impossible rewrite: no parts, {@link #noRecipe()} is {@code why}
     * @throws IllegalArgumentException when {@code why} is blank
     */
    public static Rewrite impossible(String migration, String why) {
        Objects.requireNonNull(why, "why");
        if (why.isBlank()) {
            throw new IllegalArgumentException("why is blank");
        }
        return new Rewrite(migration, List.of(), List.of(), why);
    }

    /**
     * Whether the migration was rewritten (then {@link #noRecipe()} is empty).
     *
     * @return true when the rewrite has parts; false when {@link #noRecipe()} says why it has none
     */
    public boolean isPossible() {
        return noRecipe.isEmpty();
    }

    /**
     * The expand parts, then the contract parts.
     *
     * @return an unmodifiable list of every part in apply order; empty for an impossible rewrite
     */
    public List<PendingMigration> parts() {
        return Stream.concat(expand.stream(), contract.stream()).toList();
    }

    @Override
    public String toString() {
        if (!isPossible()) {
            return "Rewrite[" + migration + ": impossible: " + noRecipe + "]";
        }
        return "Rewrite[" + migration + ": expand " + names(expand) + "; contract " + names(contract) + "]";
    }

    private static String names(List<PendingMigration> parts) {
        return parts.isEmpty() ? "none" : parts.stream().map(PendingMigration::name).collect(Collectors.joining(", "));
    }
}
