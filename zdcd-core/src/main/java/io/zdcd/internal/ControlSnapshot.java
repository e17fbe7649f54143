package io.zdcd.internal;

import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.JournalEntry;
import io.zdcd.spi.QueuedBuild;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal record of a deployment and the app's queue, read right before a database restore and written back
 * right after it. When the journal and the queue live in the restored database (no separate control database), the
 * restore takes them back to the time of the backup; writing back what it removed keeps the journal's whole story
 * (backup, migrations, release, verify, rollback...) and the queue as it was. When they live elsewhere, the restore
 * did not touch them and nothing is written.
 */
final class ControlSnapshot {
    private static final Logger log = LoggerFactory.getLogger(ControlSnapshot.class);

    private final PipelineSettings s;
    private final Optional<DeploymentRecord> record;
    private final List<QueuedBuild> queue;

    private ControlSnapshot(PipelineSettings s, Optional<DeploymentRecord> record, List<QueuedBuild> queue) {
        this.s = s;
        this.record = record;
        this.queue = queue;
    }

    /** Reads the deployment's record (when known) and the app's queue. */
    static ControlSnapshot take(PipelineSettings s, Optional<String> deploymentId) {
        Optional<DeploymentRecord> record = deploymentId.flatMap(id -> find(s, id));
        return new ControlSnapshot(s, record, s.queue().queued(s.app()));
    }

    private static Optional<DeploymentRecord> find(PipelineSettings s, String id) {
        Optional<DeploymentRecord> unfinished = s.journal().unfinished(s.app()).filter(r -> r.id().equals(id));
        return unfinished.isPresent() ? unfinished
                : s.journal().recent(s.app(), 20).stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * Writes back what the restore removed: the record's entries after the backup, and the queue as it was.
     *
     * @return what was written back, for the step's detail (empty when the restore left both untouched)
     */
    String writeBack() {
        StringBuilder done = new StringBuilder();
        record.ifPresent(before -> {
            Optional<DeploymentRecord> after = find(s, before.id());
            if (after.isEmpty()) {
                log.warn("deployment #{} is no longer in the journal after the restore: its {} entries are kept "
                        + "only in this log", before.id(), before.entries().size());
                before.entries().forEach(e -> log.warn("  {}", e));
                return;
            }
            List<JournalEntry> was = before.entries();
            List<JournalEntry> now = after.get().entries();
            if (now.size() >= was.size()) {
                return;
            }
            for (int i = 0; i < now.size(); i++) {
                if (!same(was.get(i), now.get(i))) {
                    log.warn("the journal of deployment #{} differs from what it was before the restore at entry "
                            + "{} ({} vs {}); nothing written back", before.id(), i, was.get(i), now.get(i));
                    return;
                }
            }
            for (JournalEntry e : was.subList(now.size(), was.size())) {
                s.journal().append(before.id(), e);
            }
            done.append("wrote back ").append(Counts.of(was.size() - now.size(), "journal entry", "journal entries"));
        });
        List<QueuedBuild> now = s.queue().queued(s.app());
        if (!versions(now).equals(versions(queue))) {
            if (!now.isEmpty()) {
                s.queue().dequeue(s.app(), now.get(now.size() - 1).build());
            }
            for (QueuedBuild q : queue) {
                s.queue().enqueue(s.app(), q.build(), q.reason(), q.queuedAt());
            }
            done.append(done.length() == 0 ? "" : " and ").append("wrote back the queue (")
                    .append(Counts.of(queue.size(), "build")).append(')');
        }
        return done.toString();
    }

    private static boolean same(JournalEntry a, JournalEntry b) {
        return a.step() == b.step() && a.phase() == b.phase() && a.subject().equals(b.subject());
    }

    private static List<String> versions(List<QueuedBuild> q) {
        return q.stream().map(b -> b.build().version()).toList();
    }
}
