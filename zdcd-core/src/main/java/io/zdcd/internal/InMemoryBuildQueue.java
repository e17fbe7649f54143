package io.zdcd.internal;

import io.zdcd.spi.Build;
import io.zdcd.spi.BuildQueue;
import io.zdcd.spi.QueuedBuild;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link BuildQueue#inMemory()}. */
public final class InMemoryBuildQueue implements BuildQueue {
    private final Map<String, List<QueuedBuild>> queues = new HashMap<>();

    @Override
    public synchronized void enqueue(String app, Build build, String reason, Instant at) {
        List<QueuedBuild> q = queues.computeIfAbsent(app, k -> new ArrayList<>());
        if (q.stream().noneMatch(b -> b.build().version().equals(build.version()))) {
            q.add(new QueuedBuild(build, at, reason));
        }
    }

    @Override
    public synchronized List<QueuedBuild> queued(String app) {
        return List.copyOf(queues.getOrDefault(app, List.of()));
    }

    @Override
    public synchronized void dequeue(String app, Build deployed) {
        List<QueuedBuild> q = queues.getOrDefault(app, new ArrayList<>());
        int last = -1;
        for (int i = 0; i < q.size(); i++) {
            if (q.get(i).build().version().equals(deployed.version())) {
                last = i;
            }
        }
        if (last >= 0) {
            q.subList(0, last + 1).clear();
        }
    }

    @Override
    public synchronized boolean drop(String app, String version) {
        return queues.getOrDefault(app, new ArrayList<>()).removeIf(q -> q.build().version().equals(version));
    }

    @Override
    public synchronized String toString() {
        return "InMemoryBuildQueue" + queues;
    }
}
