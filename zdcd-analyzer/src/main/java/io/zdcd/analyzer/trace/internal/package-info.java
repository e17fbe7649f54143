/**
 * The lock tracer's implementation. Private API: no compatibility guarantees; use {@link io.zdcd.analyzer.trace}.
 */
package io.zdcd.analyzer.trace.internal;
