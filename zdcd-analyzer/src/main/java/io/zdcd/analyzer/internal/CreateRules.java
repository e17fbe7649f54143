package io.zdcd.analyzer.internal;

import static io.zdcd.classify.LockMode.ACCESS_SHARE;

import io.zdcd.analyzer.internal.recognise.Sources;
import java.util.List;

/** What is left of the CREATE rules (moved to recognise -> effects -> rules): the source reader DataRules uses. */
final class CreateRules {
    private CreateRules() {
    }

    /** Records AccessShareLock on the relations named after FROM / JOIN from token {@code p} on; returns them. */
    static List<Name> readsSources(Tokens t, int p, Judgement j) {
        List<Name> sources = Sources.read(t, p);
        sources.forEach(n -> j.lock(n, ACCESS_SHARE));
        return sources;
    }
}
