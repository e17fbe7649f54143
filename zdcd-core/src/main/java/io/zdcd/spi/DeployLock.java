package io.zdcd.spi;

/**
 * The app's deploy lock, held until closed. Obtained from {@link DeploymentJournal#lock}.
 */
public interface DeployLock extends AutoCloseable {

    /** Who holds it. */
    String holder();

    /** Releases the lock; closing twice does nothing. Never throws. */
    @Override
    void close();
}
