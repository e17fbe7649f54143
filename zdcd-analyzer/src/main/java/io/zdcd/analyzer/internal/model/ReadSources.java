package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * A read-only WITH query: it reads its sources under AccessShareLock.
 *
 * @param sources the relations, in order
 */
public record ReadSources(List<Name> sources) implements Op {
    public ReadSources {
        sources = List.copyOf(sources);
    }
}
