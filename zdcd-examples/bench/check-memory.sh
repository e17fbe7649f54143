#!/usr/bin/env bash
# Measures the peak memory of `zdcd check` on a generated file of a million statements (44 MB; 50 MiB with scripts/check-memory-50mb.sh), in a 512 MB heap:
#
#   zdcd-examples/bench/check-memory.sh [STATEMENTS] [FORMAT] [JAR]   # default 1000000 text zdcd-examples/target/zdcd.jar
#
# XMX=-Xmx8g overrides the heap; TABLE=name overrides the tables' name prefix (a longer one makes a larger file of the
# same statements: scripts/check-memory-50mb.sh). Prints the file's size, the exit code (1: the mix has UNSAFE statements on purpose; 2 or an OutOfMemoryError is a
# failure), the report's size and GNU time's "Maximum resident set size" and wall time. Needs /usr/bin/time (Debian
# package `time`).
set -euo pipefail
cd "$(dirname "$0")/../.."
statements=${1:-1000000}
format=${2:-text}
jar=${3:-zdcd-examples/target/zdcd.jar}
[ -f "$jar" ] || mvn -B -q -DskipTests package
dir=$(mktemp -d /tmp/zdcd-check-memory.XXXXXX)
trap 'rm -rf "$dir"' EXIT
file="$dir/big.sql"

# Blocks of 10 statements (about 50 bytes each) on 7 existing tables: BEGIN, column changes, indexes, a bounded and
# an unbounded UPDATE, a new table, COMMIT.
awk -v blocks=$(( (statements + 9) / 10 )) -v table="${TABLE:-shop_order_line}" 'BEGIN {
  for (i = 0; i < blocks; i++) {
    t = table (i % 7)
    print "BEGIN;"
    print "ALTER TABLE " t " ADD COLUMN note_c" i " integer;"
    print "ALTER TABLE " t " ALTER COLUMN default_d" i " SET DEFAULT 0;"
    print "CREATE INDEX idx_note_c" i " ON " t " (note_c" i ");"
    print "UPDATE " t " SET note_c" i " = 1 WHERE id = " i ";"
    print "UPDATE " t " SET note_c" i " = 2;"
    print "ALTER TABLE " t " DROP COLUMN legacy_e" i ";"
    print "CREATE TABLE new_table_n" i " (id bigint PRIMARY KEY);"
    print "SET lock_timeout = '\''2s'\'';"
    print "COMMIT;"
  }
}' >"$file"
echo "generated $(grep -c ';$' "$file") statements, $(stat -c %s "$file") bytes ($(du -m "$file" | cut -f1) MiB): $file"
set +e
/usr/bin/time -v java ${XMX:--Xmx512m} -jar "$jar" check --format "$format" "$file" >"$dir/report" 2>"$dir/time"
code=$?
set -e
echo "exit code $code; report $(du -m "$dir/report" | cut -f1) MB, $(wc -l <"$dir/report") lines"
grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$dir/time"
grep -E "zdcd check:|OutOfMemory" "$dir/time" | head -3 || true
