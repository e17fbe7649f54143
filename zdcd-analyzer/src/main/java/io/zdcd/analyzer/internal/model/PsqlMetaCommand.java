package io.zdcd.analyzer.internal.model;

/**
 * A psql meta-command (a line starting with a backslash).
 *
 * @param command  its name without the backslash, as written
 * @param harmless it runs in the client only (\set, \echo, \timing, \d...)
 */
public record PsqlMetaCommand(String command, boolean harmless) implements Op {
}
