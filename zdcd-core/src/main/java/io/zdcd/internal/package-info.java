/**
 * Implementation details of zdcd-core. Private API: no compatibility guarantees; use the public types of
 * {@code io.zdcd.spi}, {@code io.zdcd.pipeline}, {@code io.zdcd.recovery}, {@code io.zdcd.jdbc} and {@code io.zdcd.django}.
 */
package io.zdcd.internal;
