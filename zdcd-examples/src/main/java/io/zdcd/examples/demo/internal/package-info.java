/**
 * Implementation of the demo: the embedded server, the data fill, progress and the naive deploy it compares with.
 * Private API: no compatibility guarantees.
 */
package io.zdcd.examples.demo.internal;
