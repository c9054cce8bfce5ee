#!/usr/bin/env bash
# tests/reports/cli_flame.sh SOURCE_DIR WORK_DIR
# scripts/flamegraph end to end: a frame-pointer build of swtlb-bench, one
# short run per scheme under perf record -g, folded stacks and an SVG that
# names the pool's map and release (unmap) functions; then scripts/annotate
# on that build. Exit 0 pass, 1 fail, 77 skip (no perf or flamegraph.pl).
set -u
src=$1 work=$2
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

command -v perf >/dev/null || { echo "SKIP: perf not installed"; exit 77; }
[ -r /usr/share/perl5/Devel/NYTProf/flamegraph.pl ] ||
  { echo "SKIP: flamegraph.pl not installed (libdevel-nytprof-perl)"; exit 77; }
perf record -q -e cpu-clock -o /dev/null -- true 2>/dev/null ||
  { echo "SKIP: perf record is not permitted here"; exit 77; }

mkdir -p "$work" && rm -rf "$work/out"
"$src/scripts/flamegraph" --build "$work/fp-build" --schemes global-atomic,area-hiwater \
  --threads 2 --min-time 0.5 --out "$work/out" 2>"$work/stderr"
rc=$?
cat "$work/stderr"
[ "$rc" -eq 0 ] || fail "scripts/flamegraph exit $rc"
grep -Eq '^flamegraph: sampling (hardware cycles|cpu-clock)' "$work/stderr" ||
  fail "it does not say which event it sampled"
grep -q -- '-fno-omit-frame-pointer' "$work/fp-build/CMakeCache.txt" ||
  grep -q 'SWTLB_FRAME_POINTERS:BOOL=ON' "$work/fp-build/CMakeCache.txt" ||
  fail "the build is not a frame-pointer build"
for s in global-atomic area-hiwater; do
  svg=$work/out/flame-$s.svg
  [ -s "$svg" ] || { fail "no $svg"; continue; }
  head -c 400 "$svg" | grep -q '<svg' || fail "$svg has no svg root element"
  grep -q '</svg>' "$svg" || fail "$svg is cut short"
  # The pool's map path and its release path (unmap), by their symbols.
  grep -Eq 'swtlb_map(_[a-z_]+)?[ ;(<]' "$svg" || fail "$svg does not name swtlb_map"
  # Unmap: dma_unmap_phys() (dma_unmap_*) and __swiotlb_tbl_unmap_single()
  # (tbl_unmap_*), or the shortcut's swtlb_unmap_*.
  grep -Eq '(swtlb_unmap|tbl_unmap|dma_unmap)(_[a-z_]+)?[ ;(<.]' "$svg" || fail "$svg does not name the unmap"
  grep -q "swtlb-bench $s" "$svg" || fail "$svg title lacks the scheme"
  [ -s "$work/out/$s.folded" ] || fail "no folded stacks for $s"
done
# A value swtlb-bench refuses: one line from its own check, exit 2, no
# perf record and no output folder (it used to blame perf_event_paranoid).
for bad in "--threads 0" "--schemes nope" "--layout nope"; do
  # shellcheck disable=SC2086
  "$src/scripts/flamegraph" --bench "$work/fp-build/bin/swtlb-bench" $bad \
    --out "$work/bad-out" >/dev/null 2>"$work/bad.err"
  rc=$?
  [ "$rc" -eq 2 ] || fail "flamegraph $bad: exit $rc (want 2)"
  [ "$(wc -l <"$work/bad.err")" -eq 1 ] && grep -q '^flamegraph: swtlb-bench: ' "$work/bad.err" ||
    fail "flamegraph $bad: stderr '$(cat "$work/bad.err")'"
  [ -e "$work/bad-out" ] && fail "flamegraph $bad made its output folder"
done
# Each scheme runs the map compiled with its own hooks inline (no frame of
# their own any more): global-atomic's graph names that map.
grep -q 'swtlb_map_global_atomic_dyno' "$work/out/global-atomic.folded" ||
  fail "global-atomic's graph lacks swtlb_map_global_atomic_*"
grep -q 'swtlb_map_area_hiwater_dyno' "$work/out/area-hiwater.folded" ||
  fail "area-hiwater's graph lacks swtlb_map_area_hiwater_*"

"$src/scripts/annotate" --bench "$work/fp-build/bin/swtlb-bench" --scheme global-atomic \
  --threads 2 --min-time 0.5 --threshold 2 >"$work/annotate.txt" 2>"$work/stderr"
rc=$?
cat "$work/annotate.txt"
[ "$rc" -eq 0 ] || { cat "$work/stderr"; fail "scripts/annotate exit $rc"; }
grep -Eq '^perf annotate of [A-Za-z_][A-Za-z0-9_.]*: [0-9.]+% of all samples' "$work/annotate.txt" ||
  fail "annotate header"
# The function chosen is one of the pool's or the schemes' own.
sym=$(sed -n 's/^perf annotate of \([^:]*\):.*/\1/p' "$work/annotate.txt")
nm --defined-only "$work/fp-build/lib/libswtlb_core.a" | awk '{ print $3 }' | grep -qx "$sym" ||
  fail "annotated $sym is not a pool/counter function"
grep -Eq '^ *[0-9]+\.[0-9]{2} \| ' "$work/annotate.txt" || fail "no percent lines"
# Trimmed: at least one line at or above the 2% threshold.
awk -F'|' '/^ *[0-9]+\.[0-9]+ \|/ && $1 + 0 >= 2 { ok = 1 } END { exit !ok }' "$work/annotate.txt" ||
  fail "no instruction at or above the threshold"

[ "$fails" -eq 0 ] || { echo "$fails check(s) failed" >&2; exit 1; }
echo "cli_flame: all checks passed"
