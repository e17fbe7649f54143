package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.classify.Migration;
import java.util.Objects;

/**
 * zdcd's own access to what a {@link SqlMigrationClassifier} knows, without widening its public API: the schema it
 * knows after a migration (the fixer reads a table's primary key there). Registered by the classifier class itself.
 */
public final class ClassifierAccess {
    /** What the classifier grants. */
    public interface Schemas {
        /** The schema {@code classifier} knows (schema text, live schema) after {@code migration}'s statements. */
        Schema schemaAfter(SqlMigrationClassifier classifier, Migration migration);
    }

    private static volatile Schemas schemas;

    private ClassifierAccess() {
    }

    /** Called once, by {@link SqlMigrationClassifier}'s static initialiser; later calls are ignored. */
    public static synchronized void register(Schemas access) {
        if (schemas == null) {
            schemas = Objects.requireNonNull(access, "access");
        }
    }

    /** As {@link Schemas#schemaAfter}. */
    public static Schema schemaAfter(SqlMigrationClassifier classifier, Migration migration) {
        Objects.requireNonNull(classifier, "classifier"); // an instance: its class, which registers, is initialised
        return schemas.schemaAfter(classifier, migration);
    }
}
