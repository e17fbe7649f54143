#!/usr/bin/env bash
# Runs the differential suite (DifferentialTest: classifier prediction vs. LockTracer observation, every rule-corpus
# case and every Django sqlmigrate file) on the embedded PostgreSQL 13, 14, 15, 16, 17 and 18, records what each
# version did in zdcd-analyzer/docs/observations/pg<N>.tsv and regenerates zdcd-analyzer/docs/lock-matrix.md.
# Usage (from anywhere):   zdcd-analyzer/docs/differential-all-versions.sh [VERSION...]
# Exit status: 0 when every version passed, 1 otherwise. Prints one summary line per version.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
versions=("$@")
[ ${#versions[@]} -eq 0 ] && versions=(13 14 15 16 17 18)
status=0
cd "$root"
for v in "${versions[@]}"; do
  log=$(mktemp "/tmp/zdcd-differential-pg$v.XXXXXX.log")
  if mvn -B verify -pl zdcd-analyzer -am -Dtest=DifferentialTest -Dsurefire.failIfNoSpecifiedTests=false \
      -Dzdcd.test.postgres.version="$v" -Dzdcd.trace.observations="$root/zdcd-analyzer/docs/observations" \
      >"$log" 2>&1; then
    result=passed
  else
    result=FAILED; status=1
  fi
  summary=$(grep -h '^differential: ' "$log" | tail -1)
  echo "PostgreSQL $v: $result: ${summary:-no summary (see $log)}"
  grep -h '^differential mismatch: ' "$log" | sed 's/^/  /'
done
echo "page: zdcd-analyzer/docs/lock-matrix.md"
exit $status
