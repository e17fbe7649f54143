package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.BatchLoop;

/**
 * DO, CALL or EXECUTE: code zdcd cannot see into, unless a DO block is a batching loop or wraps one statement.
 *
 * @param command DO, CALL or EXECUTE
 * @param loop    the batching loop of a DO block zdcd recognises, or null
 * @param wrapped the one statement a DO block wraps, or null
 */
public record Procedural(String command, BatchLoop.Loop loop, String wrapped) implements Op {
    /**
     * Whether zdcd cannot see what the code does.
     *
     * @return true when neither a batching loop nor a wrapped statement
     */
    public boolean opaque() {
        return loop == null && wrapped == null;
    }
}
