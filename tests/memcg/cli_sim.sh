#!/usr/bin/env bash
# swtlb-sim --workload memcg: the 64-CPU scenario gives one table line and
# one CSV row per memcg scheme (root memory.peak vs the true peak, the
# stock's bound 64 x 7 x 64 = 28672 pages, and the row's workload cells);
# bad options exit 2 with one line and no rows.
# usage: cli_sim.sh SWTLB_SIM
set -u
sim=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
"$sim" --workload memcg --scenario hierarchy64 --ops 20000 >"$tmp/out" 2>"$tmp/err" ||
  { echo "FAIL: hierarchy64: $(cat "$tmp/err")"; fail=1; }
for s in racy-max global-atomic lazy-peak; do
  grep -Eq "^$s +[0-9]+ +[0-9]+ +\+[0-9.]+% +over \+[0-9]+ of bound 28672;" "$tmp/err" ||
    { echo "FAIL: no $s line with bound 28672"; cat "$tmp/err"; fail=1; }
  grep -q ",memcg,$s,virtual,64,0-63,.*,depth=2;fanout=4;leaves_per_cpu=4;" "$tmp/out" ||
    { echo "FAIL: no $s CSV row"; cat "$tmp/out"; fail=1; }
done
grep -Eq '^none +- +[0-9]+ +- ' "$tmp/err" || { echo "FAIL: none line"; fail=1; }
for args in "--batch 128" "--cgroup v3" "--schemes escrow" "--scenario nope" \
            "--direct-pct 60 --remote-pct 50" "--sizes 0k" "--sizes 4m" "--frob"; do
  "$sim" --workload memcg $args >"$tmp/out" 2>"$tmp/err"; st=$?
  if [ "$st" -ne 2 ] || [ -s "$tmp/out" ] || [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
    echo "FAIL: $args -> status $st: $(cat "$tmp/err")"; fail=1
  fi
done
[ "$fail" -eq 0 ] && echo ok
exit "$fail"
