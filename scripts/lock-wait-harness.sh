#!/bin/sh
# The lock-wait harness of the README ("How long traffic waits behind a migration"): live reads and writes on a
# 100,000-row table while a transaction holds ACCESS SHARE on it and ADD COLUMN is applied by `zdcd migrate` (defaults),
# naively (no lock_timeout), or not at all; several runs, median and worst of each mode's worst wait.
#   scripts/lock-wait-harness.sh [--runs 5] [--hold-ms 3000] [--readers 4] [--writers 2] [--database-url URL]
# Builds zdcd-examples/target/zdcd.jar first unless ZDCD_JAR names a built one. Report `uptime` with the figures.
set -eu
cd "$(dirname "$0")/.."
JAR="${ZDCD_JAR:-zdcd-examples/target/zdcd.jar}"
if [ -z "${ZDCD_JAR:-}" ]; then
  mvn -B -q -pl zdcd-examples -am package -DskipTests
fi
uptime
exec java -cp "$JAR" io.zdcd.examples.demo.internal.LockWaitHarness "$@"
