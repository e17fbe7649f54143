package io.zdcd.spi;

/** How a deployment was started. */
public enum DeploymentMode {
    /** A push: preflight check, deferred to the nightly build when any pending migration is UNSAFE. */
    CONTINUOUS,
    /** The nightly build: no preflight check; a maintenance window when any pending migration is UNSAFE. */
    NIGHTLY
}
