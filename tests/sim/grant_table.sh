#!/usr/bin/env bash
# scripts/model grant's table (scripts/lib/grant_table.py) from a sample of
# a real grant.csv: mkelley at 64 CPUs, none and escrow, escrow-grant and
# escrow-tier at --grant 0 and 2048 (the figures docs/schemes.md shows for
# that run), then hostile rows: a CPUs field with a pipe, a backquote and
# a terminal escape (printed as '?'), stats and maps that are not numbers,
# a row without warm_stats, an infinite mark and a nan transfer count.
set -euo pipefail
script=$1 csv=$2 want=$3
diff -u "$want" <(python3 "$script" "$csv") || {
  echo "FAIL: grant table differs"
  exit 1
}
