/**
 * The migration classifier's API: {@link io.zdcd.classify.MigrationClassifier} judges every statement of a
 * PostgreSQL migration {@link io.zdcd.classify.Verdict#SAFE SAFE} or {@link io.zdcd.classify.Verdict#UNSAFE UNSAFE}
 * for a zero-downtime deploy. The implementation lives in {@code zdcd-analyzer}.
 */
package io.zdcd.classify;
