#!/usr/bin/env bash
# swtlb-bench --workload memcg: one short run per scheme writes rows with
# workload memcg, its parameters, and with --truth a true peak no larger
# than memory.peak (the stock only adds pages); bad parameters exit 2.
# usage: cli_bench.sh SWTLB_BENCH
set -u
bench=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
"$bench" --workload memcg --schemes racy-max,global-atomic --threads 1 \
  --layouts compact --sizes 4k --param free=stock --param batch=16 \
  --reps 1 --min-time 0.05 --truth --out "$tmp/r.csv" 2>"$tmp/err" ||
  { echo "FAIL: run: $(tail -1 "$tmp/err")"; fail=1; }
header=$(head -1 "$tmp/r.csv")
col() { tr ',' '\n' <<<"$header" | grep -nx "$1" | cut -d: -f1; }
rows=$(grep -c ',memcg,' "$tmp/r.csv")
[ "$rows" -eq 2 ] || { echo "FAIL: $rows memcg rows"; fail=1; }
grep -q 'batch=16;cgroup=v2;free=stock' "$tmp/r.csv" || { echo "FAIL: params cell"; fail=1; }
rep=$(col hiwater_reported) tru=$(col hiwater_truth)
while IFS=, read -r -a f; do
  r=${f[$((rep - 1))]} t=${f[$((tru - 1))]}
  if [ -z "$r" ] || [ -z "$t" ] || [ "$t" -gt "$r" ]; then
    echo "FAIL: reported '$r' truth '$t'"; fail=1
  fi
done < <(tail -n +2 "$tmp/r.csv")
for p in depth=9 fanout=0 batch=128 cgroup=v3 free=later; do
  "$bench" --workload memcg --param "$p" --dry-run >"$tmp/o" 2>"$tmp/e"; st=$?
  [ "$st" -eq 2 ] && [ "$(wc -l <"$tmp/e")" -eq 1 ] ||
    { echo "FAIL: --param $p -> $st: $(cat "$tmp/e")"; fail=1; }
done
[ "$fail" -eq 0 ] && echo ok
exit "$fail"
