#!/bin/bash
# tests/linetrace/run_script.sh refusals|run|sanitized SCRIPT FAKE_TREE BIN ANALYSER
# WORK: scripts/linetrace refuses bad input with one line and exit 2
# before any work (refusals); traces the fake tree's drivers under
# valgrind and reports both sides (run; exit 77, skipped, without valgrind
# or, "sanitized", in a sanitizer's build, which valgrind cannot run).
set -u
mode=$1 script=$2 fake=$3 bin=$4 an=$5 work=$6
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$work" && mkdir -p "$work/notree" || fail "cannot make $work"
common=(--bin-dir "$bin" --analyser "$an")

refuses() { # what, args...
  local what=$1
  shift
  "$script" "$@" >"$work/out" 2>"$work/err"
  local rc=$?
  [ "$rc" = 2 ] || fail "$what: exit $rc, want 2: $(cat "$work/err")"
  [ "$(wc -l <"$work/err")" = 1 ] || fail "$what: want one line: $(cat "$work/err")"
  [ ! -s "$work/out" ] || fail "$what: wrote to stdout"
  grep -q '^linetrace: ' "$work/err" || fail "$what: $(cat "$work/err")"
}

if [ "$mode" = refusals ]; then
  refuses "no tree" "${common[@]}"
  refuses "missing tree" --kernel-src "$work/nonexistent" "${common[@]}"
  refuses "not a tree" --kernel-src "$work/notree" "${common[@]}"
  refuses "not seed 003" --kernel-src "$fake" --kernel-src-area-hiwater "$fake" "${common[@]}"
  refuses "bad schemes" --kernel-src "$fake" --schemes none,bogus "${common[@]}"
  refuses "bad areas" --kernel-src "$fake" --areas packed, "${common[@]}"
  refuses "bad ops" --kernel-src "$fake" --ops 0 "${common[@]}"
  refuses "bad latency" --kernel-src "$fake" --latency 25,-1 "${common[@]}"
  refuses "unknown option" --kernel-src "$fake" --bogus 1 "${common[@]}"
  mkdir -p "$work/dir"
  refuses "out is a folder" --kernel-src "$fake" --out "$work/dir" "${common[@]}"
  ln -s "$work/elsewhere" "$work/link"
  refuses "out is a link" --kernel-src "$fake" --out "$work/link" "${common[@]}"
  [ ! -e "$work/elsewhere" ] || fail "--out wrote through a link"
  refuses "keep not empty" --kernel-src "$fake" --keep "$work" "${common[@]}"
  refuses "no drivers" --kernel-src "$fake" --bin-dir "$work/notree" --analyser "$an"
  # Without valgrind on the PATH: a clear message, before any work.
  mkdir -p "$work/path"
  for t in bash env dirname sed grep awk ls cat wc mktemp rm cp mv mkdir nm objdump; do
    p=$(command -v "$t") && ln -s "$p" "$work/path/$t"
  done
  PATH="$work/path" refuses "no valgrind" --kernel-src "$fake" "${common[@]}"
  grep -q 'valgrind is not installed' "$work/err" || fail "no valgrind: $(cat "$work/err")"
  echo PASS
  exit 0
fi

[ "$mode" = sanitized ] && { echo "SKIP: valgrind cannot run a sanitizer build"; exit 77; }
command -v valgrind >/dev/null || { echo "SKIP: valgrind is not installed"; exit 77; }
"$script" --kernel-src "$fake" "${common[@]}" --schemes none,global-atomic \
  --ops 4 --keep "$work/keep" --out "$work/report" 2>"$work/err" ||
  fail "the run failed: $(cat "$work/err")"
for side in kernel port; do
  for s in none global-atomic; do
    grep -q "^== side $side, scheme $s, areas packed, bounce off: 16 ops" "$work/report" ||
      fail "no $side $s report (16 ops: 4 rounds x 2 vcpus x map, unmap)"
  done
done
# On both sides both vcpus' area locks sit on one packed line, shared,
# with a locked op (the fake tree's area has its own layout: no names).
[ "$(grep -c '^  S[0-9]* *areas+0 .*(L*S*M*X)' "$work/report")" = 4 ] ||
  fail "the areas line is not shared with a locked op on both sides"
grep -q '^== port against kernel' "$work/report" || fail "no comparison"
[ "$(grep -c '^  none, packed, off: L=' "$work/report")" = 3 ] || fail "no none rows"
ls "$work/keep"/none-packed-off-port.trace >/dev/null || fail "--keep kept nothing"
echo PASS
