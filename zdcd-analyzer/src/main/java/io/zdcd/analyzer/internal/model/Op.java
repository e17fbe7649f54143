package io.zdcd.analyzer.internal.model;

/**
 * What a statement (or one action of it) does, as facts read from its tokens: the output of a recogniser
 * ({@code internal.recognise}), the input of the effects ({@code internal.effects}) and of the rules
 * ({@code internal.rules}). Implementations are immutable records that carry facts, never messages.
 */
public interface Op {
}
