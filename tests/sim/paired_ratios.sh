#!/usr/bin/env bash
# scripts/model validate's measured side (scripts/lib/paired_ratios.py):
# ratios paired within a round, on a bimodal fixture where escrow's run of
# round 1 fell in a slow phase and none's did not. The ratio of medians
# would say 0.61; the median of the rounds' ratios says 1.00. Rows of other
# thread counts, bounce, layouts, workloads, zero rates and a non-numeric
# rep are left out.
set -euo pipefail
script=$1 fixture=$2
got=$(python3 "$script" "$fixture")
want=$(printf '%s\n' \
  $'packed/escrow\t1.000000\t11000000.0\t1.00 0.61 1.00 1.00 1.00' \
  $'padded-over-packed/none\t1.500000\t27000000.0\t1.50 1.50 2.45 2.45 1.50')
if [[ $got != "$want" ]]; then
  echo "FAIL: paired ratios"
  echo "got:"
  echo "$got"
  echo "want:"
  echo "$want"
  exit 1
fi
