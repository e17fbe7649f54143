package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Tokens;

/**
 * ALTER TABLE ... ATTACH | DETACH PARTITION: a bridge to the old {@code PartitionRules}, which judges it from the
 * tokens until the partition family moves (its effects write the findings).
 *
 * @param tokens    the statement's tokens
 * @param from      the first token after ATTACH PARTITION / DETACH PARTITION
 * @param end       the action's end (exclusive)
 * @param parent    the partitioned table
 * @param parentNew the parent was created in this migration
 * @param attach    ATTACH (else DETACH)
 */
public record PartitionAction(Tokens tokens, int from, int end, Name parent, boolean parentNew, boolean attach)
        implements Op {
}
