package io.zdcd.analyzer.internal.model;

/**
 * ALTER DATABASE, ROLE, USER, GROUP or SYSTEM.
 *
 * @param what   DATABASE, ROLE, USER, GROUP or SYSTEM
 * @param rename RENAME TO
 */
public record AlterRoleOrDatabase(String what, boolean rename) implements Op {
}
