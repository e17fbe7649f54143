package io.zdcd.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline's memory: the deploy lock and a record of every deployment and each of its steps, written before and
 * after each step runs, so that a crashed deployment can be found and recovered ({@code DeploymentPipeline#recover()}).
 *
 * <p>Implementations: {@link #inMemory()} (tests, one process) and {@link io.zdcd.jdbc.JdbcDeploymentJournal}
 * (PostgreSQL tables in a schema of their own). A persistent journal is best kept outside the database that backups
 * restore; when it lives there, the pipeline writes back, right after its own restore, the entries that restore
 * removed, so the record still tells the whole story.
 */
public interface DeploymentJournal {

    /**
     * Takes the app's deploy lock, failing fast.
     *
     * @param app    the app whose lock to take
     * @param holder who asks (user@host, CI job...), shown to whoever is refused
     * @return the lock, held until {@link DeployLock#close()}
     * @throws DeploymentLockedException when another holder has it, naming that holder
     */
    DeployLock lock(String app, String holder);

    /**
     * Who holds the app's deploy lock and is alive, in one line ({@code alice@ci-1 since ..., last heartbeat ...}),
     * or empty when no live process holds it (none, or its holder crashed). Takes nothing; {@code recover --plan}
     * asks it so that it calls a running deployment live, not crashed. Default: empty.
     *
     * @param app the app whose lock to look at
     * @return the live holder in one line, or empty
     */
    default Optional<String> liveHolder(String app) {
        return Optional.empty();
    }

    /**
     * This journal with its writes ({@link #begin}, {@link #append}, {@link #end}) fenced by {@code lock}, taken
     * from it: once another process took the lock over, a write is refused with {@link DeployLockLostException}
     * (checked in the write's own transaction where the journal can), so a superseded holder cannot add to the
     * story the new holder acts on. The pipeline writes through such a view while it holds the lock. Default: this
     * journal (a lock that cannot be taken over, such as {@link #inMemory()}'s).
     *
     * @param lock the lock taken from this journal
     * @return a view of this journal whose writes are fenced by {@code lock}
     */
    default DeploymentJournal fencedBy(DeployLock lock) {
        return this;
    }

    /**
     * Starts the record of a deployment and returns it (with its id and no entries).
     *
     * @param app    the app deployed
     * @param build  the build deployed
     * @param mode   how it is deployed
     * @param holder who deploys (the lock's holder)
     * @param at     when it started
     * @return the new record
     */
    DeploymentRecord begin(String app, Build build, DeploymentMode mode, String holder, Instant at);

    /**
     * Appends one entry to a deployment's record; durable when this returns.
     *
     * @param deploymentId the id of the record, from {@link #begin}
     * @param entry        the entry to append
     */
    void append(String deploymentId, JournalEntry entry);

    /**
     * Ends a deployment's record: it is no longer unfinished.
     *
     * @param deploymentId the id of the record, from {@link #begin}
     * @param succeeded    whether the build ended up deployed
     * @param summary      one line saying how it ended
     * @param at           when it ended
     */
    void end(String deploymentId, boolean succeeded, String summary, Instant at);

    /**
     * The app's latest deployment that has not ended, with its entries.
     *
     * @param app the app
     * @return the record, or empty when every deployment of the app ended
     */
    Optional<DeploymentRecord> unfinished(String app);

    /**
     * The app's latest deployment that ended with its build deployed.
     *
     * @param app the app
     * @return the record, or empty when none succeeded
     */
    Optional<DeploymentRecord> lastSucceeded(String app);

    /**
     * The app's latest deployments, newest first, at most {@code limit}.
     *
     * @param app   the app
     * @param limit the most records to return
     * @return the records, newest first; empty when there are none
     */
    List<DeploymentRecord> recent(String app, int limit);

    /**
     * A journal kept in this object's memory: lost with the process; for tests and one-shot tools.
     *
     * @return a new, empty journal
     */
    static DeploymentJournal inMemory() {
        return new io.zdcd.internal.InMemoryJournal();
    }
}
