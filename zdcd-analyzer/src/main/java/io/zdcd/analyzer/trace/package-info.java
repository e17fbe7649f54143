/**
 * The lock tracer: runs migration statements on a real PostgreSQL and observes their locks, rewrites, catalog
 * changes and errors ({@link io.zdcd.analyzer.trace.LockTracer}), and compares that with what the classifier
 * predicted.
 */
package io.zdcd.analyzer.trace;
