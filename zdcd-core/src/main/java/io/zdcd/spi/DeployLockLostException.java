package io.zdcd.spi;

import io.zdcd.ZdcdException;

/**
 * The deploy lock was lost while its holder was running (its database session ended, or another process took it
 * over after the holder's lease ran out): the holder must stop before its next side effect and leave the deployment
 * to {@code recover}. Thrown by {@link DeployLock#ensureHeld()}.
 */
public final class DeployLockLostException extends ZdcdException {
    private static final long serialVersionUID = 1L;
    /** The app whose lock was lost. */
    private final String app;

    /**
     * The lock of {@code app} was lost ({@code reason}: how).
     *
     * @param app    the app whose deploy lock was lost
     * @param reason how it was lost, for people, for example {@code the lock was released}; the message reads
     *               {@code lost the deploy lock of <app>: <reason>}
     */
    public DeployLockLostException(String app, String reason) {
        super("lost the deploy lock of " + app + ": " + reason);
        this.app = app;
    }

    /**
     * The app whose lock was lost.
     *
     * @return the app given to the constructor
     */
    public String app() {
        return app;
    }
}
