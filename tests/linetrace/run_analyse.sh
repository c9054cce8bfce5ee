#!/bin/sh
# tests/linetrace/run_analyse.sh ANALYSER DATA WORK: linetrace-analyse on
# tests/data/linetrace/small.{map,trace} gives the figures counted by hand
# below, and refuses bad input with one line and exit 2.
set -u
an=$1 data=$2 work=$3
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$work" && mkdir -p "$work" || fail "cannot make $work"
"$an" --map "$data/small.map" "$data/small.trace" >"$work/out" 2>"$work/err" ||
  fail "exit $?: $(cat "$work/err")"
want() { grep -qxF -- "$1" "$work/out" || fail "missing line: $1"; }
# 4 ops (vcpu 0 and 1 unmap, then map); 25 recorded accesses: 5 per
# unmap (the stack store is left out), 9 in vcpu 0's map (its load at
# 0x303c straddles two lines: two records; 0x5000 is vcpu 0's alone), 6
# in vcpu 1's; lines 0x3000, 0x3040, 0x4000, 0x5000.
want "== side kernel, scheme none, areas packed, bounce off: 4 ops, 25 accesses, 4 lines"
# Bytes 0-7 (start) and 60-63 (slots); 64-67 and 80 (nslabs, force_bounce);
# both areas' used (M in unmap, L in map), index (S), lock (locked M + S).
want "  S1  io_tlb_mem+0                 start(L) slots(L)"
want "  S2  io_tlb_mem+0x40              nslabs(L) force_bounce(L)"
want "  S3  areas+0                      area0.used(LM) area0.index(S) area0.lock(SX) area1.used(LM) area1.index(S) area1.lock(SX)"
# map: 9 and 7 instructions (each with the end marker's store): 8.0.
# S1: vcpu 0 loads at insns 4 and 7 (S3 between: 2 visits, span 3), vcpu
# 1 once: L 1.5, visits 1.5, span 1.5. S2: insns 1 and 7 for vcpu 0
# (span 6), once for vcpu 1: 1.5, 1.5, 3.0. S3: X at 2, L at 3, S at 5
# and 6 (S1 at 4 splits it: 2 visits), span 4.
want "map      8.0 insns/op"
want "      S1  L  1.5  S  0.0  M  0.0  X  0.0  visits  1.5  span    1.5 insns"
want "      S2  L  1.5  S  0.0  M  0.0  X  0.0  visits  1.5  span    3.0 insns"
want "      S3  L  1.0  S  2.0  M  0.0  X  1.0  visits  2.0  span    4.0 insns"
# sync: 2 instructions until the first one inside the unmap function.
want "sync     2.0 insns/op"
want "      S1  L  1.0  S  0.0  M  0.0  X  0.0  visits  1.0  span    0.0 insns"
want "unmap    5.0 insns/op"
want "      S3  L  0.0  S  1.0  M  1.0  X  1.0  visits  1.0  span    2.0 insns"
want "order map   S2:L S3:X S3:L S1:L S3:Sx2 S1:L S2:L  (1 of 2 ops differ)"
want "order unmap S2:L S3:X S3:M S3:S  (0 of 2 ops differ)"
# In trace order: vcpu 1's unmap loads S1 and S2 that only vcpu 0 holds
# (1 each) and takes S3 (1); each map's locked op takes S3 back (2).
want "transfers per pair (op-by-op interleaving): S1 0.50 S2 0.50 S3 1.50  total 2.50"
grep -q "^projection L=25 ns, 0.25 ns/insn: ns/pair " "$work/out" ||
  fail "no projection at 25 ns"

refuses() { # what, args...
  what=$1
  shift
  "$an" "$@" >"$work/o" 2>"$work/e"
  rc=$?
  [ "$rc" = 2 ] || fail "$what: exit $rc, want 2"
  [ "$(wc -l <"$work/e")" = 1 ] || fail "$what: want one line: $(cat "$work/e")"
  [ ! -s "$work/o" ] || fail "$what: wrote to stdout"
}
refuses "no map" "$data/small.trace"
refuses "missing map" --map "$work/nonexistent" "$data/small.trace"
refuses "missing trace" --map "$data/small.map" "$work/nonexistent"
sed 's/^region areas .*/region ar\x1b[31m 0x4000 64/' "$data/small.map" >"$work/esc.map"
refuses "escape in a name" --map "$work/esc.map" "$data/small.trace"
grep -q "esc.map:11: not a linetrace map line" "$work/e" || fail "esc: $(cat "$work/e")"
grep -q "$(printf '\033')" "$work/e" && fail "an escape reached stderr"
sed '5s/.*/ Q 00001000,8/' "$data/small.trace" >"$work/bad.trace"
refuses "bad trace line" --map "$data/small.map" "$work/bad.trace"
grep -q "bad.trace:5: not a lackey" "$work/e" || fail "bad line: $(cat "$work/e")"
sed '5s/.*/ L 00001000,99999/' "$data/small.trace" >"$work/big.trace"
refuses "huge size" --map "$data/small.map" "$work/big.trace"
head -n 3 "$data/small.trace" >"$work/short.trace"
refuses "no ops" --map "$data/small.map" "$work/short.trace"
refuses "bad latency" --map "$data/small.map" --latency 25,x "$data/small.trace"
mkdir -p "$work/dir"
refuses "out is a folder" --map "$data/small.map" --out "$work/dir" "$data/small.trace"
"$an" --map "$data/small.map" --out "$work/report" "$data/small.trace" ||
  fail "--out FILE failed"
cmp -s "$work/report" "$work/out" || fail "--out wrote another report"
echo "PASS"
