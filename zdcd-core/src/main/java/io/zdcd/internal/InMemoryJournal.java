package io.zdcd.internal;

import io.zdcd.spi.Build;
import io.zdcd.spi.DeployLock;
import io.zdcd.spi.DeploymentJournal;
import io.zdcd.spi.DeploymentLockedException;
import io.zdcd.spi.DeploymentMode;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.JournalEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link DeploymentJournal#inMemory()}: a synchronized list of records and a map of lock holders. */
public final class InMemoryJournal implements DeploymentJournal {
    private final List<DeploymentRecord> records = new ArrayList<>();
    private final Map<String, Holder> locks = new HashMap<>();

    private record Holder(String holder, Instant since) { }

    @Override
    public synchronized DeployLock lock(String app, String holder) {
        Holder current = locks.get(app);
        if (current != null) {
            throw new DeploymentLockedException(app, current.holder(), Optional.of(current.since()),
                    "a deployment is running");
        }
        Holder mine = new Holder(holder, Instant.now());
        locks.put(app, mine);
        return new DeployLock() {
            @Override
            public String holder() {
                return holder;
            }

            @Override
            public void close() {
                synchronized (InMemoryJournal.this) {
                    locks.remove(app, mine);
                }
            }
        };
    }

    @Override
    public synchronized Optional<String> liveHolder(String app) {
        return Optional.ofNullable(locks.get(app)).map(h -> h.holder() + " since " + h.since());
    }

    @Override
    public synchronized DeploymentRecord begin(String app, Build build, DeploymentMode mode, String holder,
                                               Instant at) {
        DeploymentRecord r = new DeploymentRecord(String.valueOf(records.size() + 1), app, build, mode, holder, at,
                Optional.empty(), false, "", List.of());
        records.add(r);
        return r;
    }

    @Override
    public synchronized void append(String deploymentId, JournalEntry entry) {
        DeploymentRecord r = get(deploymentId);
        List<JournalEntry> entries = new ArrayList<>(r.entries());
        entries.add(entry);
        replace(new DeploymentRecord(r.id(), r.app(), r.build(), r.mode(), r.holder(), r.startedAt(), r.endedAt(),
                r.succeeded(), r.summary(), entries));
    }

    @Override
    public synchronized void end(String deploymentId, boolean succeeded, String summary, Instant at) {
        DeploymentRecord r = get(deploymentId);
        replace(new DeploymentRecord(r.id(), r.app(), r.build(), r.mode(), r.holder(), r.startedAt(), Optional.of(at),
                succeeded, summary, r.entries()));
    }

    @Override
    public synchronized Optional<DeploymentRecord> unfinished(String app) {
        return newestFirst(app).stream().filter(DeploymentRecord::isUnfinished).findFirst();
    }

    @Override
    public synchronized Optional<DeploymentRecord> lastSucceeded(String app) {
        return newestFirst(app).stream().filter(DeploymentRecord::succeeded).findFirst();
    }

    @Override
    public synchronized List<DeploymentRecord> recent(String app, int limit) {
        return newestFirst(app).stream().limit(limit).toList();
    }

    private List<DeploymentRecord> newestFirst(String app) {
        List<DeploymentRecord> mine = new ArrayList<>();
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).app().equals(app)) {
                mine.add(records.get(i));
            }
        }
        return mine;
    }

    private DeploymentRecord get(String id) {
        int i = index(id);
        return records.get(i);
    }

    private void replace(DeploymentRecord r) {
        records.set(index(r.id()), r);
    }

    private int index(String id) {
        try {
            int i = Integer.parseInt(id) - 1;
            if (i >= 0 && i < records.size()) {
                return i;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("no deployment #" + id + " in this journal");
    }

    @Override
    public String toString() {
        return "InMemoryJournal[" + records.size() + " deployments]";
    }
}
