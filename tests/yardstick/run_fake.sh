#!/bin/sh
# tests/yardstick/run_fake.sh SCRIPT FAKE_TREE BIN_DIR WORK MAKE_FAKE:
# scripts/yardstick refuses a missing or bad tree with one line and exit 2
# before any work, then runs both sides on the fake tree's harness and
# writes rows, paired ratios and a summary.
set -u
script=$1 fake=$2 bin=$3 work=$4 mkfake=$5
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$work"
mkdir -p "$work/notree"

refuses() { # what, args...
  what=$1
  shift
  "$script" "$@" >"$work/out" 2>"$work/err"
  rc=$?
  [ "$rc" = 2 ] || fail "$what: exit $rc, want 2"
  [ "$(wc -l <"$work/err")" = 1 ] || fail "$what: want one line: $(cat "$work/err")"
  [ ! -s "$work/out" ] || fail "$what: wrote to stdout"
  grep -q '^yardstick: ' "$work/err" || fail "$what: $(cat "$work/err")"
}
refuses "no tree" --bin-dir "$bin"
refuses "missing tree" --kernel-src "$work/nonexistent" --bin-dir "$bin"
refuses "not a tree" --kernel-src "$work/notree" --bin-dir "$bin"
printf 'int x;\n' >"$work/file"
refuses "a file" --kernel-src "$work/file" --bin-dir "$bin"
mkdir -p "$work/half/kernel/dma"
cp "$fake/kernel/dma/swiotlb.c" "$work/half/kernel/dma/"
refuses "no header" --kernel-src "$work/half" --bin-dir "$bin"
refuses "not seed 003" --kernel-src "$fake" --kernel-src-area-hiwater "$fake" --bin-dir "$bin"
refuses "bad rounds" --kernel-src "$fake" --rounds 0 --bin-dir "$bin"
refuses "bad threads" --kernel-src "$fake" --threads 1,x --bin-dir "$bin"
refuses "bad out" --kernel-src "$fake" --out "$work/file" --bin-dir "$bin"
[ "$(cat "$work/file")" = "int x;" ] || fail "--out replaced a file"
sh "$mkfake" "$work/hw" hiwater || fail "cannot make the seed 003 fake"
# A seed 003 tree passes the tree checks: what stops this run is the
# empty --bin-dir, checked next.
refuses "empty bin dir" --kernel-src "$fake" --kernel-src-area-hiwater "$work/hw" \
  --bin-dir "$work/nobin" --out "$work/hwrun"
grep -q 'no yardstick-\* harness' "$work/err" || fail "seed 003 tree refused: $(cat "$work/err")"

threads=1
[ "$(nproc)" -ge 2 ] && threads=1,2
"$script" --kernel-src "$fake" --bin-dir "$bin" --rounds 2 --seconds 0.2 \
  --threads "$threads" --bounce off,on --areas packed,padded \
  --schemes none,global-atomic --out "$work/run" >"$work/sum" 2>"$work/err" ||
  fail "run: $(cat "$work/err")"
runs="$work/run/runs.csv"
nt=$(echo "$threads" | tr ',' '\n' | wc -l)
# 2 rounds x (none packed, none padded, global-atomic packed) x threads x
# 2 bounce x 2 sides; global-atomic padded has no harness here: skipped.
want=$((2 * 3 * nt * 2 * 2))
[ "$(($(wc -l <"$runs") - 1))" = "$want" ] || fail "runs.csv: $(($(wc -l <"$runs") - 1)) rows, want $want"
grep -q 'no kernel side for global-atomic (padded): skipped' "$work/err" ||
  fail "the missing harness was not named"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
  !($c["pairs"] > 0 && $c["ns_pair"] > 0) { bad = 1 }
  $c["side"] == "kernel" && $c["scheme"] == "global-atomic" && $c["variant"] !~ /^debugfs=y/ { bad = 1 }
  $c["side"] == "kernel" && $c["scheme"] == "none" && $c["variant"] !~ /^debugfs=n/ { bad = 1 }
  $c["areas"] == "padded" && $c["side"] == "kernel" && $c["variant"] !~ /areas=padded/ { bad = 1 }
  END { exit bad }' "$runs" || fail "a bad row in runs.csv"
[ "$(($(wc -l <"$work/run/ratios.csv") - 1))" = $((want / 2)) ] ||
  fail "ratios.csv: want $((want / 2)) pairs"
[ "$(($(wc -l <"$work/sum") - 1))" = $((3 * nt * 2)) ] ||
  fail "summary: want $((3 * nt * 2)) cells: $(cat "$work/sum")"
# The paravirt unlock on both sides: the -pv harness, its kernel side
# built with YARD_PV_UNLOCK, its port side run with lock=pv.
"$script" --kernel-src "$fake" --bin-dir "$bin" --rounds 1 --seconds 0.1 \
  --threads 1 --bounce off --areas packed,padded --schemes none --lock pv \
  --out "$work/pv" >/dev/null 2>"$work/err" || fail "pv run: $(cat "$work/err")"
[ "$(awk -F, 'NR > 1 && $3 == "kernel" && $5 ~ /lock=pv$/' "$work/pv/runs.csv" | wc -l)" = 1 ] ||
  fail "pv: no kernel row with lock=pv: $(cat "$work/pv/runs.csv")"
grep -q 'no kernel side for none (padded, pv unlock): skipped' "$work/err" ||
  fail "pv: the missing harness was not named"
"$bin/yardstick-none-packed-pv" --side port --port-param lock=native \
  --seconds 0.1 >/dev/null 2>"$work/err" && fail "pv harness ran the port's native unlock"
grep -q 'lock=pv' "$work/err" || fail "pv refusal: $(cat "$work/err")"
# The harness's numbers go through util/num: no blank, sign or suffix.
for v in ' 2' '+2' '-1' '2x' 99999999999999999999 0; do
  "$bin/yardstick-none-packed" --side port --threads "$v" --seconds 0.1 \
    >/dev/null 2>"$work/err" && fail "harness took --threads '$v'"
  grep -q 'want a number 1\.\.' "$work/err" ||
    fail "harness --threads '$v': $(cat "$work/err")"
done
echo "yardstick cli: ok ($want runs)"
