package io.zdcd.spi;

import java.time.Instant;
import java.util.List;

/**
 * Builds deferred to the nightly deployment, per app, oldest first, each kept whole (version, source URL,
 * description, creation time) so that the nightly build can release it without being told more. While any build is queued, later pushes queue
 * behind it (they contain its migrations), and the nightly build deploys the newest one.
 *
 * <p>Implementations: {@link #inMemory()} and {@link io.zdcd.jdbc.JdbcBuildQueue}.
 */
public interface BuildQueue {

    /**
     * Queues a build; queuing a version that is already queued does nothing.
     *
     * @param app    the app the build is for
     * @param build  the build
     * @param reason why it is queued (one line, may be empty)
     * @param at     when it was queued
     */
    void enqueue(String app, Build build, String reason, Instant at);

    /**
     * This queue with its changes fenced by the deploy lock {@code lock}, as {@link DeploymentJournal#fencedBy}:
     * refused with {@link DeployLockLostException} once another process took the lock over. Default: this queue.
     *
     * @param lock the deploy lock held
     * @return a view of this queue whose changes are fenced by {@code lock}
     */
    default BuildQueue fencedBy(DeployLock lock) {
        return this;
    }

    /**
     * The app's queued builds, oldest first (empty when none).
     *
     * @param app the app
     * @return the queued builds, oldest first
     */
    List<QueuedBuild> queued(String app);

    /**
     * Removes {@code deployed} and every build queued before it (they shipped with it).
     *
     * @param app      the app
     * @param deployed the build just deployed
     */
    void dequeue(String app, Build deployed);

    /**
     * Removes one build from the queue (a person decided it must not ship with the nightly build: it failed, or
     * a later build replaces it); the builds queued before and after it stay.
     *
     * @param app     the app
     * @param version the version of the build to remove
     * @return whether the version was queued
     * @throws UnsupportedOperationException when the queue cannot drop builds (the default)
     */
    default boolean drop(String app, String version) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot drop queued builds");
    }

    /**
     * A queue kept in this object's memory: lost with the process; for tests and one-shot tools.
     *
     * @return a new, empty queue
     */
    static BuildQueue inMemory() {
        return new io.zdcd.internal.InMemoryBuildQueue();
    }
}
