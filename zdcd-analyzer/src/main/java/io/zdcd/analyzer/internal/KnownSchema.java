package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.LiveSchemaException;
import io.zdcd.classify.Migration;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

/**
 * The schema a {@code SqlMigrationClassifier} knows before a classification: its {@code schema(...)} text, and with a
 * live schema, the database's catalog as it is at that moment. Immutable.
 */
public final class KnownSchema {
    /** Where a live schema is read from: a new connection per read, closed after it. */
    @FunctionalInterface
    public interface LiveSource {
        /** A new connection to the database whose catalog to read. */
        Connection connect() throws SQLException;
    }

    private final PgVersion version;
    private final String schemaSql;
    private final Schema base;
    private final LiveSource live;
    private final String liveName;
    private final Duration liveTimeout;

    /**
     * Reads {@code schemaSql} like a migration: what it creates is known and counts as existing.
     *
     * @param live        where to read a live schema at each classification, or null for none
     * @param liveName    the live database as messages name it (null without {@code live})
     * @param liveTimeout the statement_timeout of the catalog queries
     */
    public KnownSchema(PgVersion version, String schemaSql, LiveSource live, String liveName, Duration liveTimeout) {
        this.version = version;
        this.schemaSql = schemaSql;
        this.live = live;
        this.liveName = liveName;
        this.liveTimeout = liveTimeout;
        Schema schema = new Schema();
        if (!schemaSql.isEmpty()) {
            new MigrationAnalyzer(version, Set.of(), false, false).analyze(Migration.of("<schema>", schemaSql), schema);
        }
        this.base = schema;
    }

    /**
     * The known schema for one classification: the schema text, and with a live schema, the database's catalog as
     * it is now (read first; the schema text adds to it). A new object each time, for the classification to change.
     *
     * @throws LiveSchemaException when the live schema cannot be read
     */
    public Schema now() {
        if (live == null) {
            return base.copy();
        }
        LiveSchema.Catalog catalog;
        try (Connection c = live.connect()) {
            catalog = LiveSchema.read(c, liveTimeout);
        } catch (SQLException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new LiveSchemaException("cannot read the live schema of " + liveName + ": " + why, e);
        }
        Schema schema = new Schema();
        MigrationAnalyzer reader = new MigrationAnalyzer(version, Set.of(), false, false);
        reader.analyze(Migration.of("<live schema>", catalog.ddl()), schema);
        if (!schemaSql.isEmpty()) {
            reader.analyze(Migration.of("<schema>", schemaSql), schema);
        }
        schema.putRowEstimates(catalog.rowEstimates());
        return schema;
    }

    /** {@code , schema of N chars, live schema of DB} for the classifier's toString: empty without either. */
    public String describe() {
        return (schemaSql.isEmpty() ? "" : ", schema of " + schemaSql.length() + " chars")
                + (live == null ? "" : ", live schema of " + liveName);
    }
}
