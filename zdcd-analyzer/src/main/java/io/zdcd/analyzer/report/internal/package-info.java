/**
 * The report renderers behind {@link io.zdcd.analyzer.report.Reports}. Private API: no compatibility guarantees.
 */
package io.zdcd.analyzer.report.internal;
