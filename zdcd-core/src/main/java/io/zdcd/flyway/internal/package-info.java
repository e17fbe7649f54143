/**
 * Implementation details of the Flyway integration (zdcd-core's {@code io.zdcd.flyway} and zdcd-analyzer's
 * {@code io.zdcd.analyzer.flyway}). Private API: no compatibility guarantees.
 */
package io.zdcd.flyway.internal;
