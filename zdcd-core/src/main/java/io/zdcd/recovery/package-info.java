/**
 * Recovery from a failed deployment: a {@link io.zdcd.recovery.RecoveryPlan} computed from the journal, readable
 * ({@link io.zdcd.recovery.RecoveryPlan#describe()}) and inspectable before it is executed.
 */
package io.zdcd.recovery;
