#!/usr/bin/env bash
# One memcg vector: byte for byte (plain, with the invariant checks after
# every operation, and under each scheme exact single-threaded), then --report-peaks against the trace's
# `# oracle:` lines (true peak, watermark, bound, local figures).
# usage: run_vector.sh SWTLB_REPLAY VECTOR_DIR NAME
set -u
replay=$1 dir=$2 name=$3
trace=$dir/$name.trace expected=$dir/$name.expected
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0

[ -r "$trace" ] && [ -r "$expected" ] || { echo "missing $trace or $expected"; exit 1; }
# The default (racy-max, the upstream code) with and without the checks,
# then every scheme whose watermark is exact single-threaded.
for run in "" "--check-invariants" "--scheme racy-max" "--scheme global-atomic" \
           "--scheme lazy-peak --check-invariants" "--hooks-indirect" \
           "--scheme global-atomic --hooks-indirect"; do
  if ! "$replay" --workload memcg $run "$trace" >"$tmp/out" 2>"$tmp/err"; then
    echo "FAIL $name $run: exit status: $(cat "$tmp/err")"; fails=$((fails + 1))
  elif ! cmp -s "$tmp/out" "$expected"; then
    echo "FAIL $name $run: output differs:"; diff "$expected" "$tmp/out" | head -5
    fails=$((fails + 1))
  fi
done

grep '^# oracle: counter ' "$trace" |
  sed 's/^# oracle: counter /peak /; s/ true_peak / true /; s/ true_local_peak / true_local /' >"$tmp/want"
[ -s "$tmp/want" ] || { echo "FAIL $name: no '# oracle: counter' lines"; fails=$((fails + 1)); }
if "$replay" --workload memcg --report-peaks "$trace" >"$tmp/out" 2>"$tmp/err"; then
  grep '^peak ' "$tmp/out" >"$tmp/got"
  head -n "$(wc -l <"$expected")" "$tmp/out" | cmp -s - "$expected" ||
    { echo "FAIL $name --report-peaks: the replay part changed"; fails=$((fails + 1)); }
  cmp -s "$tmp/want" "$tmp/got" ||
    { echo "FAIL $name --report-peaks vs # oracle:"; diff "$tmp/want" "$tmp/got" | head -5; fails=$((fails + 1)); }
else
  echo "FAIL $name --report-peaks: $(cat "$tmp/err")"; fails=$((fails + 1))
fi
echo "$name: $fails failed"
[ "$fails" -eq 0 ]
