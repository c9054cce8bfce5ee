#!/usr/bin/env bash
# tests/reports/cli_report.sh CASE SWTLB_REPORT FIXTURES
# CLI tests of swtlb-report on hand-made fixtures. The expected numbers
# come from tests/reports/fixtures/README.md (hand computation, sources
# named there). Exit 0 pass, 1 fail, 77 skip (gnuplot absent).
set -u
case_=$1 bin=$2 fx=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
# expect_line FILE REGEX: some line of FILE matches the whole-line regex.
expect_line() { grep -Eq "^$2\$" "$1" || fail "no line matching /$2/ in $(basename "$1")"; }
# fits FILE: no tabs, no line over 72 columns.
fits() {
  if grep -q "$(printf '\t')" "$1"; then fail "tab in $(basename "$1")"; fi
  awk 'length($0) > 72 { print FILENAME ":" NR ": " length($0) " columns"; bad = 1 }
       END { exit bad }' "$1" || fail "line over 72 columns in $(basename "$1")"
}
# run_ok OUT ARGS...: exit 0 expected.
run_ok() {
  local out=$1; shift
  "$bin" "$@" >"$out" 2>"$tmp/stderr" || { fail "exit $? for: $*"; cat "$tmp/stderr" >&2; }
}
# run_bad STATUS MESSAGE ARGS...: exact one-line stderr, exit status, no stdout.
run_bad() {
  local want=$1 msg=$2; shift 2
  "$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
  local rc=$?
  [ "$rc" -eq "$want" ] || fail "exit $rc (want $want) for: $*"
  [ "$(cat "$tmp/stderr")" = "$msg" ] || fail "stderr '$(cat "$tmp/stderr")' (want '$msg')"
  [ ! -s "$tmp/stdout" ] || fail "output written despite the error: $*"
}

case $case_ in
text)
  run_ok "$tmp/t" "$fx/basic.csv"
  cat "$tmp/t"
  fits "$tmp/t"
  expect_line "$tmp/t" 'swtlb-report: 26 rows, 3 configurations, baseline none'
  expect_line "$tmp/t" 'host testhost, kernel 6\.1\.0-test, rev abc1234,'
  expect_line "$tmp/t" 'p: 2-sided Mann-Whitney U; \* p<0\.05, \*\* p<0\.01; n/a: <3 reps a side'
  # Tests with a p-value: global-atomic, area-hiwater, percpu-batch
  # (toggle is n/a, the scatter group has no baseline); 3 x 0.05 = 0.15.
  expect_line "$tmp/t" '3 tests, uncorrected: about 0\.2 would get \* by chance alone'
  expect_line "$tmp/t" 'none +5 +120\.00 100\.00-140\.00 +1\.000 base'
  expect_line "$tmp/t" 'global-atomic +5 +70\.00 50\.00-90\.00 +0\.583 0\.008\*\*'
  expect_line "$tmp/t" 'area-hiwater +3 +115\.00 105\.00-125\.00 +0\.958 0\.786'
  expect_line "$tmp/t" 'toggle +2 +120\.00 118\.00-122\.00 +1\.000 n/a'
  expect_line "$tmp/t" 'percpu-batch +4 +25\.00 20\.00-30\.00 +1\.667 0\.086'
  expect_line "$tmp/t" 'area-hiwater +350\.5 +- +- +88 +- +-'
  expect_line "$tmp/t" 'none +- +- +- +- +- +-'
  expect_line "$tmp/t" "note: baseline 'none' is not in this configuration: no ratio or p-value"
  expect_line "$tmp/t" 'note: global-atomic: 5 map failures \(swiotlb buffer full\) over 3 reps'
  # A per-op table with nothing measured is left out: only [1] has one.
  [ "$(grep -c '^scheme .*cyc/op' "$tmp/t")" -eq 1 ] || fail "per-op tables: want 1"
  # Another baseline: ratios and tests follow it.
  run_ok "$tmp/b" --baseline global-atomic "$fx/basic.csv"
  fits "$tmp/b"
  expect_line "$tmp/b" 'global-atomic +5 +70\.00 50\.00-90\.00 +1\.000 base'
  expect_line "$tmp/b" 'none +5 +120\.00 100\.00-140\.00 +1\.714 0\.008\*\*'
  # Simulator rows: no throughput, high-water against the truth; "-" for
  # what was not measured, never 0.
  run_ok "$tmp/s" "$fx/sim.csv"
  fits "$tmp/s"
  # No throughput in any row: no throughput table, a note instead.
  if grep -q '^scheme .*ops/s' "$tmp/s"; then fail "throughput table for sim rows"; fi
  expect_line "$tmp/s" 'area-hiwater +- +- +- +4000 +1000 +\+300\.0'
  expect_line "$tmp/s" 'global-atomic +- +- +- +1000 +1000 +\+0\.0'
  expect_line "$tmp/s" 'none +- +- +- +- +1000 +-'
  expect_line "$tmp/s" "note: no ops/s in this configuration's rows"
  # --where keeps matching rows and says how many it left out.
  run_ok "$tmp/w" --where layout=scatter "$fx/basic.csv"
  expect_line "$tmp/w" 'swtlb-report: 3 rows, 1 configuration, baseline none, 23 rows left out'
  expect_line "$tmp/w" '    by --where'
  run_ok "$tmp/w2" --where scheme=none --where scheme=global-atomic --where queue_depth=8 "$fx/basic.csv"
  # none 5 + global-atomic 5 in [1], global-atomic 3 in [2] (scatter).
  expect_line "$tmp/w2" 'swtlb-report: 13 rows, 2 configurations, baseline none, 13 rows left out'
  expect_line "$tmp/w2" 'global-atomic +5 +70\.00 50\.00-90\.00 +0\.583 0\.008\*\*'
  if grep -q '^area-hiwater' "$tmp/w2"; then fail "--where scheme= kept area-hiwater"; fi
  # Several files at once, and --out writes the same report to a file.
  run_ok "$tmp/two" "$fx/basic.csv" "$fx/sim.csv"
  expect_line "$tmp/two" 'swtlb-report: 29 rows, 4 configurations, baseline none'
  run_ok "$tmp/empty" --out "$tmp/o.txt" "$fx/basic.csv"
  [ ! -s "$tmp/empty" ] || fail "--out also wrote to stdout"
  cmp -s "$tmp/o.txt" "$tmp/t" || fail "--out differs from stdout"
  ;;
markdown)
  run_ok "$tmp/m" --format markdown "$fx/basic.csv"
  cat "$tmp/m"
  expect_line "$tmp/m" '\*\*swtlb-report\*\*: 26 rows, 3 configurations, baseline `none`'
  expect_line "$tmp/m" '- cpu: Test CPU, "quoted" model @ 2\.00GHz'
  expect_line "$tmp/m" '\| scheme \| reps \| median ops/s \| min \| max \| ratio \| p \| test \|.*'
  expect_line "$tmp/m" '\| global-atomic \| 5 \| 70\.00 \| 50\.00 \| 90\.00 \| 0\.583 \| 0\.008\*\* \| exact \| - \| - \| - \| 64 \| - \| - \| 0 \| - \| - \| - \| - \|'
  expect_line "$tmp/m" '\| percpu-batch \| 4 \| 25\.00 \| 20\.00 \| 30\.00 \| 1\.667 \| 0\.086 \| normal \|.*'
  expect_line "$tmp/m" '### \[2\] swiotlb, layout scatter, 2 threads, sizes 4k:70,16k:30, .*'
  ;;
v2)
  # Schema 2 (issue 11): --src-set splits configurations and shows in their
  # heading; pool rule, sources and periodic work are in the head; a
  # version-1 file reads them as unknown, never as a value.
  run_ok "$tmp/t" "$fx/v2.csv"
  cat "$tmp/t"
  fits "$tmp/t"
  expect_line "$tmp/t" 'swtlb-report: 12 rows, 2 configurations, baseline none'
  expect_line "$tmp/t" '    pool coco:16G, sources 1m / qd, periodic work none'
  expect_line "$tmp/t" '    sources 1m'
  expect_line "$tmp/t" '    sources qd'
  run_ok "$tmp/m" --format markdown "$fx/v2.csv"
  expect_line "$tmp/m" '- bounce sources \(--src-set\): 1m / qd'
  run_ok "$tmp/c" --format csv "$fx/v2.csv"
  expect_line "$tmp/c" 'swiotlb,,compact,2,4k,16,1,dynamic-off,packed,2,524288,qd,none,3,3,.*'
  run_ok "$tmp/b" "$fx/basic.csv"
  expect_line "$tmp/b" '.*pool unknown,'
  expect_line "$tmp/b" '    sources unknown, periodic work unknown'
  ;;
csv)
  run_ok "$tmp/c" --format csv "$fx/basic.csv"
  cat "$tmp/c"
  expect_line "$tmp/c" 'workload,workload_params,layout,threads,size_dist,queue_depth,bounce,kconfig,area_layout,nareas,nslabs,src_set,scheme,reps,reps_measured,ops_per_sec_median,.*'
  expect_line "$tmp/c" 'swiotlb,,compact,2,"4k:70,16k:30",8,0,dynamic-off,packed,2,32768,,global-atomic,5,5,70,50,90,none,0\.5833333333,0\.007936507937,exact,,,,64,,,0,,,,,'
  expect_line "$tmp/c" 'swiotlb,,compact,2,"4k:70,16k:30",8,0,dynamic-off,packed,2,32768,,area-hiwater,3,3,115,105,125,none,0\.9583333333,0\.7857142857,exact,350\.5,,,88,,,0,,,,,'
  # No baseline in the scatter group: ratio and p empty, not zero.
  expect_line "$tmp/c" 'swiotlb,,scatter,2,"4k:70,16k:30",8,0,dynamic-off,packed,2,32768,,global-atomic,3,3,2000,1000,3000,,,,,,,,,,,5,,,,,'
  # The CSV report is itself valid input for a CSV reader: same field
  # count on every line (checked with the reader's own rules via python
  # being unavailable: count commas outside quotes).
  awk -F'"' '{ n = 0; for (i = 1; i <= NF; i += 2) n += gsub(/,/, ",", $i); print n }' "$tmp/c" |
    sort -u | wc -l | grep -qx 1 || fail "CSV report rows differ in field count"
  ;;
workloads)
  # Schema 2: one configuration per workload and workload_params; a
  # workload without the pool leaves its cells empty, and nothing says so.
  run_ok "$tmp/w" "$fx/workloads.csv"
  fits "$tmp/w"
  expect_line "$tmp/w" 'swtlb-report: 12 rows, 4 configurations, baseline none'
  expect_line "$tmp/w" '\[2\] harness, layout compact, 1 thread, sizes 4k, queue depth 16,'
  expect_line "$tmp/w" '\[3\] pc, depth=2;fanout=4, layout compact, 1 thread, sizes 4k,'
  expect_line "$tmp/w" '\[4\] pc, depth=3;fanout=4, layout compact, 1 thread, sizes 4k,'
  run_ok "$tmp/c" --format csv "$fx/workloads.csv"
  expect_line "$tmp/c" 'harness,,compact,1,4k,16,0,,,,,,none,3,3,501,500,502,none,1,,baseline,,,,,,,0,,,,,'
  expect_line "$tmp/c" 'pc,depth=3;fanout=4,compact,1,4k,16,0,,,,,,none,3,3,301,300,302,none,1,,baseline,,,,,,,0,,,,,'
  run_ok "$tmp/f" --where 'workload_params=depth=2;fanout=4' "$fx/workloads.csv"
  expect_line "$tmp/f" 'swtlb-report: 3 rows, 1 configuration, baseline none, 9 rows left out by'
  ;;
compare)
  run_ok "$tmp/k" --compare "$fx/basic.csv" "$fx/after.csv"
  cat "$tmp/k"
  fits "$tmp/k"
  expect_line "$tmp/k" 'swtlb-report --compare: 2 configuration\+scheme pairs in both runs'
  expect_line "$tmp/k" '    host otherhost, kernel 6\.2\.0-test, rev abc1234,'
  expect_line "$tmp/k" '2 tests, uncorrected: about 0\.1 would get \* by chance alone'
  # 150..190 vs 100..140: every new rep above every old one, 5 vs 5:
  # U = 25, p = 2/252 = 0.0079 (exact); medians 170 / 120 = 1.417.
  expect_line "$tmp/k" 'none +5/5 +120\.00 +170\.00 +1\.417 0\.008\*\*'
  # Identical samples: all tied, p = 1.
  expect_line "$tmp/k" 'global-atomic +5/5 +70\.00 +70\.00 +1\.000 1\.000'
  expect_line "$tmp/k" 'lazy-peak +-/3 +- +310\.00 +- -'
  expect_line "$tmp/k" '    32768 slots, old run only'
  run_ok "$tmp/kc" --compare --format csv "$fx/basic.csv" "$fx/after.csv"
  expect_line "$tmp/kc" 'swiotlb,,compact,2,"4k:70,16k:30",8,0,dynamic-off,packed,2,32768,,none,5,5,120,100,140,170,150,190,1\.416666667,0\.007936507937,exact'
  run_ok "$tmp/km" --compare --format markdown "$fx/basic.csv" "$fx/after.csv"
  expect_line "$tmp/km" '\| none \| 5/5 \| 120\.00 \| 170\.00 \| 100\.00 \| 140\.00 \| 150\.00 \| 190\.00 \| 1\.417 \| 0\.008\*\* \| exact \|'
  ;;
events)
  # Schema 2's --events lists: each event's median per op, per scheme;
  # '*' where a rep was scaled for multiplexing (fixtures/README.md).
  run_ok "$tmp/e" "$fx/events.csv"
  cat "$tmp/e"
  fits "$tmp/e"
  expect_line "$tmp/e" "events per op \(median; \* scaled for multiplexing in a rep\):"
  expect_line "$tmp/e" "  MEM_LOAD_L3_HIT_RETIRED:XSNP_HITM"
  expect_line "$tmp/e" "    none 0\.02, global-atomic 1\*"
  expect_line "$tmp/e" "  context-switches"
  expect_line "$tmp/e" "    none 0\.003, global-atomic 0\.003"
  run_ok "$tmp/m" --format markdown "$fx/events.csv"
  expect_line "$tmp/m" "- MEM_LOAD_L3_HIT_RETIRED:XSNP_HITM"
  # A version-1 file has no such columns: no events block, no error.
  run_ok "$tmp/b" "$fx/basic.csv"
  if grep -q "events per op" "$tmp/b"; then fail "events block for a v1 file"; fi
  # Names from a received file reach the terminal: only event characters.
  # (Control characters are refused by the CSV reader itself.)
  sed '3s/XSNP_HITM;/XSNP_HITM$(id);/' "$fx/events.csv" >"$tmp/esc.csv"
  run_bad 2 "$tmp/esc.csv:3: pmu_events: entry 1 is no event name" "$tmp/esc.csv"
  sed '2s/,0.01;0.003,/,0.0x1;0.003,/' "$fx/events.csv" >"$tmp/num.csv"
  run_bad 2 "$tmp/num.csv:2: pmu_per_op: entry 1 is not a number" "$tmp/num.csv"
  ;;
errors)
  run_bad 2 "$fx/bad-missing-column.csv:1: missing required column 'kconfig'" "$fx/bad-missing-column.csv"
  run_bad 2 "$fx/bad-number.csv:5: ops_per_sec: '13O' is not a valid number" "$fx/bad-number.csv"
  run_bad 2 "$fx/bad-ragged.csv:4: ragged row: 35 fields, header has 36" "$fx/bad-ragged.csv"
  run_bad 2 "$fx/bad-quote.csv:4: unterminated quote" "$fx/bad-quote.csv"
  # A bad file after a good one: still nothing written. (bad-number.csv
  # shares rows with basic.csv, so it follows sim.csv here.)
  run_bad 2 "$fx/bad-number.csv:5: ops_per_sec: '13O' is not a valid number" "$fx/sim.csv" "$fx/bad-number.csv"
  run_bad 2 "$tmp/none.csv: cannot open: No such file or directory" "$tmp/none.csv"
  run_bad 2 "swtlb-report: --format: unknown format 'html' (text, markdown, csv)" --format html "$fx/basic.csv"
  run_bad 2 "swtlb-report: no results CSV given (see --help)"
  run_bad 2 "swtlb-report: unknown option '--bogus' (see --help)" --bogus "$fx/basic.csv"
  run_bad 2 "swtlb-report: --format needs a value" --format
  run_bad 2 "swtlb-report: --where: 'nosuch' is not a configuration column or scheme" --where nosuch=1 "$fx/basic.csv"
  run_bad 2 "swtlb-report: --where: 'layout' is not COLUMN=VALUE" --where layout "$fx/basic.csv"
  run_bad 2 "swtlb-report: no rows match --where" --where layout=nowhere "$fx/basic.csv"
  run_bad 2 "swtlb-report: $tmp/no/such/dir/r.txt: No such file or directory" --out "$tmp/no/such/dir/r.txt" "$fx/basic.csv"
  if command -v gnuplot >/dev/null; then
    : >"$tmp/a-file"
    run_bad 2 "swtlb-report: --plot $tmp/a-file: not a directory" --plot "$tmp/a-file" "$fx/basic.csv"
  fi
  run_bad 2 "swtlb-report: --compare takes exactly two files: OLD.csv NEW.csv" --compare "$fx/basic.csv"
  # Numbers as swtlb-bench writes them: "+2" threads would otherwise form a
  # configuration apart from "2", and strtod would read 0x64 as 100.
  sed '2s/,compact,2,0-1,/,compact,+2,0-1,/' "$fx/basic.csv" >"$tmp/plus.csv"
  run_bad 2 "$tmp/plus.csv:2: threads: '+2' is not a whole number" "$tmp/plus.csv"
  sed '2s/,0,1000,1000000,100,/,0,1000,1000000,0x64,/' "$fx/basic.csv" >"$tmp/hex.csv"
  run_bad 2 "$tmp/hex.csv:2: ops_per_sec: '0x64' is not a valid number" "$tmp/hex.csv"
  sed '2s/,0,1000,1000000,100,/,0,1000,1000000, 100,/' "$fx/basic.csv" >"$tmp/blank.csv"
  run_bad 2 "$tmp/blank.csv:2: ops_per_sec: ' 100' is not a valid number" "$tmp/blank.csv"
  : >"$tmp/empty.csv"
  run_bad 2 "$tmp/empty.csv:1: empty file: no header line" "$tmp/empty.csv"
  head -1 "$fx/basic.csv" >"$tmp/header-only.csv"
  run_bad 2 "swtlb-report: no result rows in the input" "$tmp/header-only.csv"
  # --out naming an input (or a hard link to it) would overwrite the
  # results; a symbolic link is never written through or replaced.
  cp "$fx/basic.csv" "$tmp/mine.csv"
  ln "$tmp/mine.csv" "$tmp/hard.csv"
  run_bad 2 "swtlb-report: --out is one of the input files: the report would replace its results" --out "$tmp/hard.csv" "$tmp/mine.csv"
  ln -s "$tmp/mine.csv" "$tmp/link.csv"
  run_bad 2 "swtlb-report: $tmp/link.csv: is a symbolic link (not followed, not replaced); output goes only to a regular file" --out "$tmp/link.csv" "$tmp/mine.csv"
  [ -L "$tmp/link.csv" ] || fail "--out replaced a symbolic link"
  cmp -s "$tmp/mine.csv" "$fx/basic.csv" || fail "--out overwrote an input file"
  # --out on failure leaves no file behind.
  run_bad 2 "$fx/bad-ragged.csv:4: ragged row: 35 fields, header has 36" --out "$tmp/r.txt" "$fx/bad-ragged.csv"
  [ ! -e "$tmp/r.txt" ] || fail "--out file written despite the error"
  # --plot without gnuplot on PATH: a clear message, status 2.
  env PATH=/nonexistent "$bin" --plot "$tmp/p" "$fx/basic.csv" >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$?
  [ "$rc" -eq 2 ] || fail "--plot without gnuplot: exit $rc (want 2)"
  [ "$(cat "$tmp/stderr")" = "swtlb-report: --plot needs gnuplot (Debian package gnuplot-nox), not found in PATH" ] ||
    fail "--plot without gnuplot: stderr '$(cat "$tmp/stderr")'"
  if [ -e "$tmp/p" ] || [ -s "$tmp/stdout" ]; then fail "--plot without gnuplot wrote something"; fi
  "$bin" --help | grep -q '^usage: swtlb-report' || fail "--help"
  ;;
plot)
  command -v gnuplot >/dev/null || { echo "SKIP: gnuplot not installed"; exit 77; }
  run_ok "$tmp/r" --plot "$tmp/plots" "$fx/sweep.csv"
  cat "$tmp/plots/index.txt"
  # sweep.csv: 2 layouts x 2 bounce settings = 4 throughput charts, 4
  # relative charts, and 1 high-water chart from its sim rows.
  for n in tput-01 tput-02 tput-03 tput-04 rel-01 rel-02 rel-03 rel-04 hiwater-01; do
    for ext in dat gp; do [ -s "$tmp/plots/$n.$ext" ] || fail "missing $n.$ext"; done
    [ "$(head -c 8 "$tmp/plots/$n.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
      fail "$n.png is not a PNG"
    grep -q '<svg' "$tmp/plots/$n.svg" && grep -q '</svg>' "$tmp/plots/$n.svg" ||
      fail "$n.svg has no svg root element"
    grep -q 'host testhost' "$tmp/plots/$n.svg" || fail "$n.svg title lacks the host"
  done
  pngs=("$tmp"/plots/*.png)
  [ "${#pngs[@]}" -eq 9 ] || fail "want exactly 9 charts, got ${#pngs[@]}"
  grep -q 'layout scatter' "$tmp/plots/tput-03.gp" || fail "tput-03 is not the scatter chart"
  grep -q 'bounce on' "$tmp/plots/tput-02.gp" || fail "tput-02 is not bounce on"
  grep -q "set ylabel 'map+unmap pairs per second" "$tmp/plots/tput-01.gp" || fail "tput y label"
  # The medians plotted are the report's: none at 1 thread, compact,
  # bounce off: reps 1.00M, 1.01M, 1.02M -> median 1010000.
  grep -qx '1 1010000 1000000 1020000' "$tmp/plots/tput-01.dat" || fail "tput-01.dat medians"
  grep -qx '1 0.6' "$tmp/plots/rel-01.dat" || fail "rel-01.dat ratio"
  grep -qx '"area-hiwater" 4000 1000' "$tmp/plots/hiwater-01.dat" || fail "hiwater-01.dat"
  # The scripts rerun by hand in their folder.
  (cd "$tmp/plots" && rm tput-01.png && gnuplot tput-01.gp) && [ -s "$tmp/plots/tput-01.png" ] ||
    fail "tput-01.gp does not rerun"
  # One thread count per chart (basic.csv) makes gnuplot warn "empty x
  # range": its chatter stays off the user's stderr.
  run_ok "$tmp/r" --plot "$tmp/plots1" "$fx/basic.csv"
  [ -s "$tmp/stderr" ] && fail "--plot wrote to stderr: $(head -1 "$tmp/stderr")"
  ;;
scripts)
  # The scripts' own argument checks (no perf, no build needed).
  root=$(cd "$(dirname "$0")/../.." && pwd)
  for s in flamegraph annotate suite; do
    "$root/scripts/$s" --help >"$tmp/h" 2>&1 || fail "$s --help exit $?"
    grep -q "^usage: scripts/$s" "$tmp/h" || fail "$s --help text"
    "$root/scripts/$s" --nope >"$tmp/o" 2>"$tmp/e"
    rc=$?
    [ "$rc" -eq 2 ] || fail "$s --nope: exit $rc (want 2)"
    [ "$(cat "$tmp/e")" = "$s: unknown option '--nope' (see --help)" ] || fail "$s --nope: '$(cat "$tmp/e")'"
  done
  "$root/scripts/flamegraph" --bench "$tmp/none" --out "$tmp/fg" >/dev/null 2>"$tmp/e"
  rc=$?
  [ "$rc" -eq 2 ] || fail "flamegraph without a binary: exit $rc"
  grep -qx "flamegraph: swtlb-bench not found at $tmp/none (is bench/ built yet?)" "$tmp/e" ||
    fail "flamegraph without a binary: '$(cat "$tmp/e")'"
  "$root/scripts/flamegraph" --threads many >/dev/null 2>"$tmp/e"
  grep -qx "flamegraph: --threads: 'many' is not a thread count" "$tmp/e" || fail "flamegraph --threads check"
  "$root/scripts/annotate" --from elsewhere >/dev/null 2>"$tmp/e"
  grep -qx "annotate: --from: 'elsewhere' is not counters, pool or all" "$tmp/e" || fail "annotate --from check"
  # An --out it cannot write fails before recording anything.
  "$root/scripts/annotate" --out "$tmp/no/such/dir/x.txt" >/dev/null 2>"$tmp/e"
  rc=$?
  [ "$rc" -eq 2 ] || fail "annotate --out in a missing folder: exit $rc"
  grep -qx "annotate: --out: cannot write in $tmp/no/such/dir" "$tmp/e" || fail "annotate --out check: '$(cat "$tmp/e")'"
  "$root/scripts/annotate" --data "$tmp/none.data" >/dev/null 2>"$tmp/e"
  grep -qx "annotate: --data: cannot read $tmp/none.data" "$tmp/e" || fail "annotate --data check"
  # scripts/bench --help answers before building or running anything and
  # leaves no results folder (it used to run the suite with --help).
  before=$(ls "$root/results" 2>/dev/null | wc -l)
  timeout 20 "$root/scripts/bench" --help >"$tmp/h" 2>&1 || fail "bench --help exit $?"
  grep -q "^usage: scripts/bench" "$tmp/h" || fail "bench --help text"
  [ "$(ls "$root/results" 2>/dev/null | wc -l)" -eq "$before" ] || fail "bench --help made a results folder"
  "$root/scripts/suite" --min-time soon >/dev/null 2>"$tmp/e"
  grep -qx "suite: --min-time: 'soon' is not a number of seconds" "$tmp/e" || fail "suite --min-time check"
  ;;
issue12)
  # Schema 2 (fixtures/README.md, issue12.csv): hand-off 50 ns -> ceiling
  # 20 M ops/s; none 10 M ops/s -> 2 hand-offs per op, its least fair rep
  # 0.85 < 0.9 -> "!"; global-atomic 5 M -> 4. Facts and a governor
  # warning in the head; a version-1 file gets none of these lines.
  run_ok "$tmp/t" "$fx/issue12.csv"
  cat "$tmp/t"
  fits "$tmp/t"
  expect_line "$tmp/t" 'scheme +handoff +ceiling +ho/op +jain'
  expect_line "$tmp/t" 'none +50 +20\.00M +2\.00 +0\.850!'
  expect_line "$tmp/t" 'global-atomic +50 +20\.00M +4\.00 +0\.990'
  expect_line "$tmp/t" 'facts: cpufreq intel_pstate, governor powersave, boost on, smt on,'
  expect_line "$tmp/t" 'mitigations: vulnerable: mds; mitigated: spectre_v1, spectre_v2'
  expect_line "$tmp/t" 'WARNING: cpufreq governor powersave, not performance: the clock may have'
  grep -q 'virtual machine' "$tmp/t" && fail "a bare-metal fixture warned of a VM"
  run_ok "$tmp/c" --format csv "$fx/issue12.csv"
  expect_line "$tmp/c" '.*,map_failures_total,handoff_ns_median,ceiling_ops_per_sec,handoffs_per_op,jain_index_min,unfair'
  expect_line "$tmp/c" 'swiotlb,.*,none,3,3,10000000,.*,50,20000000,2,0\.85,1'
  expect_line "$tmp/c" 'swiotlb,.*,global-atomic,3,3,5000000,.*,50,20000000,4,0\.99,0'
  run_ok "$tmp/m" --format markdown "$fx/issue12.csv"
  expect_line "$tmp/m" '- \*\*WARNING\*\*: cpufreq governor powersave, not performance: the clock'
  run_ok "$tmp/v1" "$fx/basic.csv"
  grep -Eq '^(facts|mitigations|WARNING|handoff):' "$tmp/v1" && fail "schema-1 file got issue-12 lines"
  grep -q 'ho/op' "$tmp/v1" && fail "schema-1 file got a hand-off table"
  if command -v gnuplot >/dev/null; then
    run_ok "$tmp/r" --plot "$tmp/plots" "$fx/issue12.csv"
    grep -qx '2 20000000' "$tmp/plots/tput-01.dat" || fail "tput-01.dat lacks the ceiling"
    grep -q "title 'ceiling: one hand-off per op'" "$tmp/plots/tput-01.gp" || fail "no ceiling line"
  fi
  ;;
*)
  echo "unknown case $case_" >&2
  exit 2
  ;;
esac
if [ "$fails" -ne 0 ]; then
  echo "$fails check(s) failed" >&2
  exit 1
fi
echo "cli_report $case_: all checks passed"
