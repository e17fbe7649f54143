package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... SET (...) | RESET (...) | SET WITHOUT ... | CLUSTER ON | REPLICA IDENTITY: catalog only.
 *
 * @param table     the table
 * @param setting   which
 * @param lightLock SET (...) of parameters that need only ShareUpdateExclusiveLock
 * @param word      for SET WITHOUT, the word after WITHOUT (CLUSTER, OIDS); else ""
 */
public record TableSettings(Name table, Setting setting, boolean lightLock, String word) implements Op {

    /** The kinds of table settings. */
    public enum Setting {
        /** SET (storage parameters). */
        PARAMETERS,
        /** RESET (storage parameters). */
        RESET,
        /** SET WITHOUT CLUSTER | OIDS. */
        WITHOUT,
        /** CLUSTER ON index. */
        CLUSTER_ON,
        /** REPLICA IDENTITY. */
        REPLICA_IDENTITY
    }
}
