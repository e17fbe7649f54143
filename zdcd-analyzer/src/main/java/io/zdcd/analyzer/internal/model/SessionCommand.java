package io.zdcd.analyzer.internal.model;

/**
 * A command that takes no table lock and changes no schema: NOTIFY, LISTEN, UNLISTEN, DISCARD, CHECKPOINT,
 * DEALLOCATE, LOAD, SECURITY LABEL, REASSIGN OWNED, IMPORT FOREIGN SCHEMA.
 *
 * @param command its first word
 */
public record SessionCommand(String command) implements Op {
}
