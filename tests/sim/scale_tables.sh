#!/usr/bin/env bash
# scripts/model scale's tables (scripts/lib/scale_tables.py) from a sample
# of a real scale.csv: the 512-CPU rows of three schemes, two exports, and
# a row whose scheme name carries a pipe, a backquote and a terminal escape
# (printed as '?'). The expected figures are those docs/sim.md showed for
# the same run before the tables were generated.
set -euo pipefail
script=$1 csv=$2 want=$3
diff -u "$want" <(python3 "$script" "$csv") || {
  echo "FAIL: scale tables differ"
  exit 1
}
