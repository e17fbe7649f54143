/**
 * {@code zdcd fix}: turns the UNSAFE statements of a plain SQL migration into a safe expand/contract sequence of
 * files, proven SAFE by zdcd's own classifier. Entry point: {@link io.zdcd.analyzer.fix.MigrationFixer}.
 */
package io.zdcd.analyzer.fix;
