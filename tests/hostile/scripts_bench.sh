#!/usr/bin/env bash
# tests/hostile/scripts_bench.sh SOURCE_DIR BUILD_DIR
# ./scripts/bench as a newcomer meets it, with this build's tools and a
# tiny suite: it ends with the text report and the paths; stopped with
# SIGINT, it prints a resume command that works when pasted elsewhere
# (a run folder with a blank in its name, an argument with a comma).
set -u
src=$1 build=$2
tmp=$(mktemp -d /tmp/swtlb-scripts-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export SWTLB_BENCH_BUILD=$build SWTLB_BENCH_NO_BUILD=1
run="$tmp/my run"
mkdir "$run"
# shellcheck disable=SC2054 # commas are swtlb-bench list syntax
flags=(--schemes none,global-atomic --layouts compact --bounce off
  --area-layout packed --threads 1 --reps 4 --min-time 0.3)

set -m # the run gets SIGINT like a terminal's Ctrl-C
SWTLB_RUN_DIR=$run "$src/scripts/bench" "${flags[@]}" >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 1 300); do
  [ -f "$run/results.csv" ] && [ "$(wc -l <"$run/results.csv")" -ge 3 ] && break
  sleep 0.05
done
kill -INT -- -"$pid"
wait "$pid"
rc=$?
set +m
[ "$rc" -ne 0 ] || fail "scripts/bench exit 0 after SIGINT"
hint=$(sed -n 's/.*continue with: //p' "$tmp/err")
[ -n "$hint" ] || fail "no resume hint: $(tail -3 "$tmp/err")"
# Pasted from another folder: finishes the run, prints the report.
(cd / && bash -c "$hint") >"$tmp/out2" 2>"$tmp/err2" ||
  fail "the pasted hint failed: $hint: $(tail -2 "$tmp/err2")"
rows=$(($(wc -l <"$run/results.csv") - 1))
# 2 schemes x 4 reps, the harness: 4 reps, then memcg's share.
n_swiotlb=$(grep -c ',swiotlb,' "$run/results.csv")
n_harness=$(grep -c ',harness,' "$run/results.csv")
[ "$n_swiotlb" -eq 8 ] || fail "want 8 swiotlb rows after resuming, got $n_swiotlb"
[ "$n_harness" -eq 4 ] || fail "want 4 harness rows after resuming, got $n_harness"
"$build/bin/swtlb-report" "$run/results.csv" >/dev/null || fail "report refuses the resumed file (duplicates?)"
grep -q "^swtlb-report: $rows rows" "$tmp/out2" || fail "no text report at the end: $(head -3 "$tmp/out2")"
grep -q "^results: *$run/results.csv" "$tmp/out2" || fail "no results path after the report"
grep -q 'cannot reach' "$tmp/out2" && fail "4 reps a side said to be unable to reach p<0.05"
echo "ok: scripts_bench"
