#!/usr/bin/env bash
# swtlb-sim --workload memcg: the 64-CPU scenario prints one row per memcg
# scheme with the stock's bound 64 x 7 x 64 = 28672; bad options exit 2
# with one line.
# usage: cli_sim.sh SWTLB_SIM
set -u
sim=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
"$sim" --workload memcg --scenario hierarchy64 --ops 20000 >"$tmp/out" 2>"$tmp/err" ||
  { echo "FAIL: hierarchy64: $(cat "$tmp/err")"; fail=1; }
for s in racy-max global-atomic lazy-peak; do
  grep -Eq "^$s +[0-9]+ +[0-9]+ +[0-9]+ .* 28672 " "$tmp/out" ||
    { echo "FAIL: no $s row with bound 28672"; cat "$tmp/out"; fail=1; }
done
grep -q '^none .*(no memory.peak)' "$tmp/out" || { echo "FAIL: none row"; fail=1; }
for args in "--batch 128" "--cgroup v3" "--schemes escrow" "--scenario nope" \
            "--direct-pct 60 --remote-pct 50" "--sizes 0k" "--frob"; do
  "$sim" --workload memcg $args >"$tmp/out" 2>"$tmp/err"; st=$?
  if [ "$st" -ne 2 ] || [ -s "$tmp/out" ] || [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
    echo "FAIL: $args -> status $st: $(cat "$tmp/err")"; fail=1
  fi
done
[ "$fail" -eq 0 ] && echo ok
exit "$fail"
