package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * CREATE [OR REPLACE] of an object that is not a table, index, view, trigger, policy, rule or statistics: SEQUENCE,
 * TYPE, DOMAIN, SCHEMA, EXTENSION, FUNCTION, FOREIGN TABLE, ROLE, DATABASE...
 *
 * @param what         the kind's first word ("SEQUENCE", "FUNCTION", "FOREIGN"...)
 * @param foreignTable the foreign table created, or null
 * @param created      the object this migration now knows it created (not for OR REPLACE), or null
 * @param orReplace    OR REPLACE
 */
public record CreateObject(String what, Name foreignTable, Name created, boolean orReplace) implements Op {
}
