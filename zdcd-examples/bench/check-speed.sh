#!/bin/sh
# Moved: scripts/check-speed.sh (zdcd against squawk, README "Speed"). STATEMENTS as before: the first argument.
exec "$(dirname "$0")/../../scripts/check-speed.sh" ${1:+--statements "$1"}
