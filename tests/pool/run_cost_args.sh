#!/usr/bin/env bash
# tests/pool/run_cost_args.sh POOL-COST: swtlb-pool-cost's argument checks.
# Each bad value exits 2 with one stderr line naming it and nothing on
# stdout; before the fix, overflowing counts were taken as ULONG_MAX (a run
# that never ends) or wrapped (--runs 4294967297 was 1).
set -u
bin=$1
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for args in "--pairs 99999999999999999999" "--pairs -5" "--pairs 1e6" \
  "--pairs 999" "--pairs 1000000001" "--pairs 1000x" "--runs 4294967297" \
  "--runs 0" "--runs 32" "--runs -1" "--kconfig nope" "--clock nope" \
  "--hooks nope" \
  "--pairs" "extra"; do
  # shellcheck disable=SC2086
  timeout 20 "$bin" $args >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq 2 ] || { echo "FAIL: $args -> exit $rc, want 2"; fails=$((fails + 1)); }
  [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q '^swtlb-pool-cost: bad argument' "$tmp/err" ||
    { echo "FAIL: $args -> stderr '$(cat "$tmp/err")'"; fails=$((fails + 1)); }
  [ -s "$tmp/out" ] && { echo "FAIL: $args -> wrote to stdout"; fails=$((fails + 1)); }
done
# Empty and blank-led values are refused too.
for v in "" " 1000"; do
  timeout 20 "$bin" --pairs "$v" >/dev/null 2>&1
  rc=$?
  [ "$rc" -eq 2 ] || { echo "FAIL: --pairs '$v' -> exit $rc"; fails=$((fails + 1)); }
done
[ "$fails" -eq 0 ] && echo "pool-cost arguments: all refused as expected"
exit $((fails > 0))
