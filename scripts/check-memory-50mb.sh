#!/usr/bin/env bash
# The issue's memory figure: `zdcd check` of a 50 MB file of a million statements in a 512 MB heap, peak RSS.
#
#   scripts/check-memory-50mb.sh [FORMAT] [JAR]   # default: json zdcd-examples/target/zdcd.jar
#
# The same mix as zdcd-examples/bench/check-memory.sh (which makes 44 MB of it) with longer table names, so that the
# million statements weigh 50 MiB (52.6 MB). Runs `/usr/bin/time -v java -Xmx512m -jar JAR check --format FORMAT FILE`
# and prints the file's size, the exit code (1: the mix has UNSAFE statements on purpose), GNU time's "Maximum
# resident set size" (KiB) and wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
TABLE=shop_order_line_item_extras exec zdcd-examples/bench/check-memory.sh 1000000 "${1:-json}" \
    "${2:-zdcd-examples/target/zdcd.jar}"
