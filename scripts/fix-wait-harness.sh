#!/bin/sh
# The `zdcd fix` harness of docs/fix.md: for each recipe, the worst wait of live reads and writes on a table of
# 1,000,000 rows while the original statement runs naively, then while the fix's expand and contract files run
# through `zdcd migrate` with its defaults; failed queries counted.
#   scripts/fix-wait-harness.sh [--rows 1000000] [--readers 4] [--writers 2] [--database-url URL]
# Builds zdcd-examples/target/zdcd.jar first unless ZDCD_JAR names a built one. Report `uptime` with the figures.
set -eu
cd "$(dirname "$0")/.."
JAR="${ZDCD_JAR:-zdcd-examples/target/zdcd.jar}"
if [ -z "${ZDCD_JAR:-}" ]; then
  mvn -B -q -pl zdcd-examples -am package -DskipTests
fi
uptime
exec java -cp "$JAR" io.zdcd.examples.demo.internal.FixWaitHarness "$@"
