#!/usr/bin/env bash
# One kernel-made vector (tests/data/vectors), byte for byte, under every scheme of the registry, both
# kernel configurations and both area layouts; then --report-hiwater against
# the trace's `# oracle:` line for the two schemes whose figure it gives.
# Also under the pool variants --lock pv, --hooks-indirect, --mem-offset.
# usage: run_vector.sh SWTLB_REPLAY VECTOR_DIR NAME
set -u
replay=$1 dir=$2 name=$3
trace=$dir/$name.trace expected=$dir/$name.expected
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0 runs=0

[ -r "$trace" ] && [ -r "$expected" ] || { echo "missing $trace or $expected"; exit 1; }
schemes=$("$replay" --list-schemes) || { echo "--list-schemes failed"; exit 1; }
[ -n "$schemes" ] || { echo "no schemes registered"; exit 1; }

for scheme in $schemes; do
  for kconfig in dynamic-off dynamic-on; do
    for layout in packed padded; do
      runs=$((runs + 1))
      if ! "$replay" --scheme "$scheme" --kconfig "$kconfig" \
           --area-layout "$layout" "$trace" >"$tmp/out" 2>"$tmp/err"; then
        echo "FAIL $name $scheme $kconfig $layout: exit status $?: $(cat "$tmp/err")"
        fails=$((fails + 1))
      elif ! cmp -s "$tmp/out" "$expected"; then
        echo "FAIL $name $scheme $kconfig $layout: output differs:"
        diff "$expected" "$tmp/out" | head -5
        fails=$((fails + 1))
      fi
    done
  done
done

# Variants of the pool that must not change a byte: the paravirt unlock,
# hooks called through the ops table, io_tlb_mem off its line start.
for scheme in $schemes; do
  for variant in "--lock pv" "--hooks-indirect" "--mem-offset 24" "--mem-offset 56"; do
    runs=$((runs + 1))
    # shellcheck disable=SC2086
    if ! "$replay" --scheme "$scheme" $variant --kconfig dynamic-on "$trace" >"$tmp/out" 2>"$tmp/err"; then
      echo "FAIL $name $scheme $variant: exit status $?: $(cat "$tmp/err")"
      fails=$((fails + 1))
    elif ! cmp -s "$tmp/out" "$expected"; then
      echo "FAIL $name $scheme $variant: output differs:"
      diff "$expected" "$tmp/out" | head -5
      fails=$((fails + 1))
    fi
  done
done

oracle=$(grep -m1 '^# oracle:' "$trace")
exact=$(sed -n 's/.*hiwater_exact=\([0-9]*\).*/\1/p' <<<"$oracle")
areasum=$(sed -n 's/.*area_hiwater_sum=\([0-9]*\).*/\1/p' <<<"$oracle")
if [ -z "$exact" ] || [ -z "$areasum" ]; then
  echo "FAIL $name: no '# oracle: hiwater_exact=N area_hiwater_sum=M' line"
  fails=$((fails + 1))
else
  for pair in "global-atomic:$exact" "area-hiwater:$areasum"; do
    scheme=${pair%%:*} want=${pair#*:}
    for kconfig in dynamic-off dynamic-on; do
      runs=$((runs + 1))
      got=$("$replay" --scheme "$scheme" --kconfig "$kconfig" \
             --report-hiwater "$trace" | tail -n 1)
      if [ "$got" != "hiwater $want" ]; then
        echo "FAIL $name $scheme $kconfig --report-hiwater: got '$got', oracle says 'hiwater $want'"
        fails=$((fails + 1))
      fi
    done
  done
  # A scheme without a high-water mark prints no hiwater line.
  runs=$((runs + 1))
  last=$("$replay" --scheme none --report-hiwater "$trace" | tail -n 1)
  case $last in
    used\ *) ;;
    *) echo "FAIL $name none --report-hiwater: last line '$last'"; fails=$((fails + 1)) ;;
  esac
fi

echo "$name: $runs runs, $fails failed"
[ "$fails" -eq 0 ]
