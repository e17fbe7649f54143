package io.zdcd.analyzer.internal.model;

/**
 * A statement (or part of one) the recogniser could not read: reported as rule {@code unrecognised-statement}.
 *
 * @param message the finding's message, as the user reads it
 */
public record Unrecognised(String message) implements Op {
}
