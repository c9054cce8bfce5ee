#!/usr/bin/env bash
# scripts/model validate, round by round (scripts/lib/rounds.py) on a
# fixed results file: four rounds, round 2 in the host's slow phase with
# a hand-off of 140 ns, round 1 without a measured hand-off, rounds 0 and 3
# with the same pairs (one latency file for both), and rows validate must
# leave out (another workload, bounce on, a scheme name with a pipe and
# backquotes). split: which rounds share a latency and what each latency
# file holds, read by the real swtlb-sim --lat-from (half the hand-off:
# 13 and 70 ns). table: against rounds.md, from fake projections
# (rounds-model-*.csv, what swtlb-sim --model-out writes at 13 and 70 ns).
# No timing: every figure comes from the fixture.
set -euo pipefail
script=$1 sim=$2 data=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "FAIL: $*"
  exit 1
}

map=$(python3 "$script" split "$data/rounds.csv" "$tmp")
[[ $map == $'0\t0\n1\t-\n2\t1\n3\t0' ]] || fail "split map: $map"
[[ $(ls "$tmp") == $'round-lat-0.csv\nround-lat-1.csv' ]] ||
  fail "latency files: $(ls "$tmp")"
for k in 0 1; do
  want=$([[ $k == 0 ]] && echo 0 || echo 2)
  # Only the round's validated rows, each with the round's pairs.
  python3 - "$tmp/round-lat-$k.csv" "$want" <<'PY' || fail "round-lat-$k.csv"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert rows and all(r["rep"] == sys.argv[2] and r["workload"] == "swiotlb"
                    and r["bounce"] == "0" and r["threads"] == "2"
                    for r in rows), rows
assert len({r["handoff_pairs"] for r in rows}) == 1, rows
PY
done
for k in 0:13.0 1:70.0; do
  "$sim" --model --lat-from "$tmp/round-lat-${k%%:*}.csv" --cpus 1 --ios 1 \
    --schemes none --topology 'synthetic:pack:1 core:1 pu:1' \
    2>"$tmp/err" >/dev/null || fail "swtlb-sim refused: $(head -1 "$tmp/err")"
  grep -q "^  cache *${k#*:}  file: " "$tmp/err" ||
    fail "round-lat-${k%%:*}: $(grep cache "$tmp/err")"
done

cd "$data"
diff -u rounds.md <(python3 "$script" table rounds.csv rounds.map \
  rounds-model-13.csv none,global-atomic,area-hiwater,escrow) ||
  fail "per-round table differs"
