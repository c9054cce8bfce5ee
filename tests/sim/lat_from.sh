#!/usr/bin/env bash
# tests/sim/lat_from.sh SIM FIXTURE: swtlb-sim --model --lat-from FILE
# (docs/sim.md): the latencies it takes from a results CSV's hand-off
# pre-flight (mapping, median, halving), flags over the file, refusals.
set -u
sim=$1 fixture=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
run=(--model --cpus 2 --ios 500 --schemes none
  --topology 'synthetic:pack:2 core:2 pu:2')

# The model CSV's lat_* and lat_source cells of a run with ARGS.
lat_row() { # ARGS...
  rm -f "$tmp/m.csv"
  "$sim" "${run[@]}" --model-out "$tmp/m.csv" "$@" >/dev/null \
    2>"$tmp/err" || {
    fail "$* -> exit $?: $(head -1 "$tmp/err")"
    return
  }
  python3 - "$tmp/m.csv" <<'PY'
import csv, sys
r = next(csv.DictReader(open(sys.argv[1])))
print(" ".join(r["lat_%s_ns" % c] for c in ("smt", "cache", "package",
                                             "node", "remote")),
      r["lat_source"])
PY
}
expect() { # WANT ARGS...
  local want=$1 got
  shift
  got=$(lat_row "$@")
  [ "$got" = "$want" ] || fail "$* -> '$got', expected '$want'"
}

F=smt=file\;cache=file\;package=file\;remote=file\;node=file
# The pre-flight's node (one NUMA node) is the model's package, its
# package (two nodes of one package: SNC) the model's node.
expect "11.0 45.0 75.0 85.0 152.5 $F" --lat-from "$fixture"
grep -q '^  smt *11.0  file: half the median one-way hand-off (22.0) of 3' \
  "$tmp/err" || fail "stderr does not say where smt came from"
grep -q '^  package *75.0  file: .*(150.0) of 1 pair in' "$tmp/err" ||
  fail "stderr does not say where package came from"
grep -q '^  node *85.0  file: .*(170.0) of 1 pair in' "$tmp/err" ||
  fail "stderr does not say where node came from"
# Flags win over the file, before or after it on the command line.
expect "11.0 33.0 75.0 77.0 999.0 smt=file;cache=flag;package=file;remote=flag;node=flag" \
  --lat-cache 33 --lat-node 77 --lat-from "$fixture" --lat-remote 999
grep -q '^  cache *33.0  flag: --lat-cache' "$tmp/err" ||
  fail "stderr does not name the flag"
# A class the file does not measure keeps its default (and says so).
python3 - "$fixture" "$tmp/cache-only.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
w = csv.DictWriter(open(sys.argv[2], "w", newline=""), rows[0].keys(),
                   lineterminator="\n")
w.writeheader()
for r in rows[:2]:
    r["handoff_pairs"] = r["handoff_pairs"] and "cache:0-1=27.0"
    w.writerow(r)
PY
expect "8.0 13.5 100.0 130.0 200.0 smt=default;cache=file;package=default;remote=default;node=default" \
  --lat-from "$tmp/cache-only.csv"
grep -q '^  remote *200.0  default$' "$tmp/err" ||
  fail "stderr does not mark a default"
# Without --lat-from: every class's source is recorded too.
expect "8.0 40.0 100.0 130.0 200.0 smt=default;cache=default;package=default;remote=default;node=default"

# Bad files: exit 2, one line on stderr, before any work (no row, no
# model CSV).
bad() { # WANT FILE [ARGS...]
  local want=$1 file=$2 rc
  shift 2
  rm -f "$tmp/m.csv"
  timeout 20 "$sim" "${run[@]}" --model-out "$tmp/m.csv" --lat-from "$file" \
    "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq 2 ] || fail "--lat-from $file $* -> exit $rc, expected 2"
  [ "$(wc -l <"$tmp/err")" -eq 1 ] ||
    fail "--lat-from $file -> $(wc -l <"$tmp/err") lines on stderr"
  grep -q -- "$want" "$tmp/err" ||
    fail "--lat-from $file -> '$(cat "$tmp/err")' lacks '$want'"
  [ -s "$tmp/out" ] && fail "--lat-from $file -> wrote to stdout"
  [ -e "$tmp/m.csv" ] && fail "--lat-from $file -> model CSV written"
  LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f-\xff]' "$tmp/err" &&
    fail "--lat-from $file -> raw bytes of the file reached stderr"
}
# A copy of the fixture with row rep 0's handoff_pairs (or its header's
# name) replaced.
variant() { # NAME PAIRS [COLUMN-NAME]
  python3 - "$fixture" "$tmp/$1" "$2" "${3:-handoff_pairs}" <<'PY'
import csv, sys
src, dst, pairs, col = sys.argv[1:]
rows = list(csv.DictReader(open(src)))
hdr = [col if h == "handoff_pairs" else h for h in rows[0].keys()]
with open(dst, "w", newline="", encoding="utf-8",
          errors="surrogateescape") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(hdr)
    for r in rows:
        if r["rep"] == "0" and r["threads"] != "1":
            r["handoff_pairs"] = pairs  # raw bytes kept as surrogates
        w.writerow(r.values())
PY
  echo "$tmp/$1"
}
bad "no handoff_pairs column" "$(variant nocol.csv x handoff_pair)"
python3 - "$fixture" "$tmp/unmeasured.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
w = csv.DictWriter(open(sys.argv[2], "w", newline=""), rows[0].keys(),
                   lineterminator="\n")
w.writeheader()
for r in rows:
    r["handoff_pairs"] = r["handoff_pairs"] and "smt:0-1=?;cache:0-2"
    w.writerow(r)
PY
bad "no measured hand-off" "$tmp/unmeasured.csv"
for v in abc -5.0 1e3 0 0.0 nan inf 2000000 ' 5' 5x ''; do
  bad "hand-off is not a number" "$(variant num.csv "smt:0-1=$v")"
done
bad "not a known class" "$(variant cls.csv 'l2:0-1=5.0')"
bad "not a known class" "$(variant cls.csv 'same-cpu:0-0=5.0')"
bad "not a CPU pair" "$(variant pair.csv 'smt:0=5.0')"
bad "not a CPU pair" "$(variant pair.csv 'smt:0-x=5.0')"
bad "not a known class" "$(variant empty.csv 'smt:0-1=5.0;;cache:0-2=9.0')"
# Non-ASCII (an 8-bit CSI) in a bad entry is shown as '?'.
bad "not a known class" "$(variant esc.csv $'\x9b31mred:0-1=5.0')"
bad "hand-off is not a number" "$(variant esc2.csv $'smt:0-1=\xc3\xa9')"
# Control bytes: the CSV reader refuses the cell.
bad "control character" "$(variant ctl.csv $'smt:0-1=5\x1b[31m')"
python3 - "$fixture" "$tmp/hosts.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
w = csv.DictWriter(open(sys.argv[2], "w", newline=""), rows[0].keys(),
                   lineterminator="\n")
w.writeheader()
rows[-1]["host"] = "other\u00e9"
for r in rows:
    w.writerow(r)
PY
bad "rows of two hosts" "$tmp/hosts.csv"
mkfifo "$tmp/fifo"
bad "not a regular file" "$tmp/fifo"
bad "not a regular file" /dev/zero
bad "not a regular file" "$tmp"
bad "cannot open" "$tmp/absent.csv"
printf 'a,b\n1,"2\n' >"$tmp/quote.csv"
bad "unterminated quote" "$tmp/quote.csv"
: >"$tmp/empty.csv"
bad "empty file" "$tmp/empty.csv"
# --lat-from is a --model flag.
"$sim" --cpus 2 --ios 500 --lat-from "$fixture" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "need --model" "$tmp/err" ||
  fail "--lat-from without --model not refused"

[ "$fails" -eq 0 ] && echo "sim lat-from: all checks passed"
exit $((fails > 0))
