#!/usr/bin/env bash
# tests/reports/cli_hostile.sh CASE SWTLB_REPORT FIXTURES
# swtlb-report on hostile input: a results CSV is a file people exchange,
# so nothing in it may run, reach a terminal raw, pool twice or grow
# without bound; outputs never replace anything but a regular file.
# Exit 0 pass, 1 fail, 77 skip (gnuplot absent, for the plot case).
set -u
case_=$1 bin=$2 fx=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
# run_bad STATUS MESSAGE ARGS...: exact one-line stderr, exit status, no stdout.
run_bad() {
  local want=$1 msg=$2
  shift 2
  "$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
  local rc=$?
  [ "$rc" -eq "$want" ] || fail "exit $rc (want $want) for: $*"
  [ "$(cat "$tmp/stderr")" = "$msg" ] || fail "stderr '$(cat "$tmp/stderr")' (want '$msg')"
  [ ! -s "$tmp/stdout" ] || fail "output written despite the error: $*"
}

# Every text cell of sweep.csv (host, cpu_model, kernel, git_rev, scheme,
# layout, size_dist, run_id) holds a backquoted command that would create
# a file, plus the characters gnuplot quoting must survive (' " @ \).
evil() {
  local cmd="\`touch $tmp/PWNED\`"
  sed -e "s|,testhost,|,h$cmd'q @x\\\\,|" \
    -e "s|Test CPU|T$cmd|" \
    -e "s|6\\.1\\.0-test|6.1$cmd|" \
    -e "s|abc1234|r$cmd|" \
    -e "s|,area-hiwater,|,a$cmd @GPVAL_PWD '',|" \
    -e "s|,compact,|,c$cmd,|" \
    -e "s|\"4k:70,16k:30\"|\"4k:70,16k:30$cmd\"|" \
    -e "s|Z-testhost,|Z-t$cmd,|" \
    "$fx/sweep.csv" >"$1"
}

case $case_ in
plot_injection)
  command -v gnuplot >/dev/null || { echo "SKIP: gnuplot not installed"; exit 77; }
  evil "$tmp/evil.csv"
  grep -q 'touch' "$tmp/evil.csv" || fail "the hostile fixture was not made"
  "$bin" --plot "$tmp/plots" "$tmp/evil.csv" >"$tmp/t" 2>"$tmp/stderr" ||
    fail "exit $? on a CSV with backquotes: $(head -1 "$tmp/stderr")"
  [ ! -e "$tmp/PWNED" ] || fail "a command from the CSV ran (gnuplot backquote)"
  # The charts were made and show the text as text.
  [ -s "$tmp/plots/hiwater-01.png" ] || fail "no hiwater chart"
  grep -q 'touch' "$tmp/plots/tput-01.svg" || fail "the cell text is not in the chart title"
  # The same through the scripts rerun by hand.
  (cd "$tmp/plots" && gnuplot tput-01.gp hiwater-01.gp) 2>/dev/null
  [ ! -e "$tmp/PWNED" ] || fail "a command ran when the .gp was rerun"
  # And the text report prints it without running anything either.
  "$bin" "$tmp/evil.csv" >/dev/null 2>&1 || fail "text report refused the file"
  [ ! -e "$tmp/PWNED" ] || fail "a command ran in the text report"
  ;;
control_chars)
  # An escape sequence in a cell would reach the terminal.
  sed '2s|testhost,|te\x1b[2Jst,|2' "$fx/basic.csv" >"$tmp/esc.csv"
  run_bad 2 "$tmp/esc.csv:2: control character 0x1b in field 3" "$tmp/esc.csv"
  ;;
duplicates)
  # The same file twice would pool copies into a false significance.
  run_bad 2 "$fx/basic.csv:2: duplicate row: same run_id, configuration, scheme and rep as $fx/basic.csv:2 (a file given twice?)" "$fx/basic.csv" "$fx/basic.csv"
  # Two runs that appended the same row (no lock): refused as well.
  { cat "$fx/basic.csv"; sed -n 3p "$fx/basic.csv"; } >"$tmp/dup.csv"
  n=$(wc -l <"$tmp/dup.csv")
  run_bad 2 "$tmp/dup.csv:$n: duplicate row: same run_id, configuration, scheme and rep as $tmp/dup.csv:3 (a file given twice?)" "$tmp/dup.csv"
  # The same rep of another run is another measurement.
  sed '2,$s|20261121T230000Z-testhost|20261122T000000Z-testhost|' "$fx/basic.csv" >"$tmp/run2.csv"
  "$bin" "$fx/basic.csv" "$tmp/run2.csv" >"$tmp/t" 2>&1 || fail "two runs refused: $(head -1 "$tmp/t")"
  grep -q '^swtlb-report: 52 rows' "$tmp/t" || fail "two runs: want 52 rows"
  ;;
zero_iterations)
  # A rep that completed nothing says 0 ops/s; it must not be a sample.
  # basic.csv none/compact/qd8: 100, 110, 120, 130, 140 -> median 120;
  # with rep 0 at 0 iterations: 110, 120, 130, 140 -> median 125.
  awk -F, 'BEGIN { OFS = "," } NR == 2 { sub(/,0,1000,1000000,100,/, ",0,0,1000000,0,") } { print }' \
    "$fx/basic.csv" >"$tmp/zero.csv"
  grep -q ',0,0,1000000,0,' "$tmp/zero.csv" || fail "zero fixture not made"
  "$bin" "$tmp/zero.csv" >"$tmp/t" 2>&1 || fail "exit $?"
  grep -Eq '^none +5 +\+?125\.00 ' "$tmp/t" || fail "0-iteration row used in the median: $(grep -m1 '^none' "$tmp/t")"
  tr -s ' \n' ' ' <"$tmp/t" | grep -q '1 row with 0 iterations (ops/s not used)' || fail "the head does not say a row had 0 iterations"
  grep -q 'none: ops/s measured in 4 of 5 reps' "$tmp/t" || fail "no per-scheme note"
  ;;
weak_tests)
  # 3 reps a side: no p below 0.1 is possible, and the head says so.
  awk -F, 'NR == 1 || $(NF - 16) <= 2' "$fx/basic.csv" >"$tmp/three.csv"
  "$bin" "$tmp/three.csv" >"$tmp/t" 2>&1 || fail "exit $?"
  grep -Eq '^[0-9]+ of [0-9]+ tests cannot reach p<0\.05 whatever the data: too few reps$' "$tmp/t" ||
    fail "no 'cannot reach' line: $(grep -m1 tests "$tmp/t")"
  # 5 against 3 reps can (p >= 0.036): no such line for basic.csv.
  "$bin" "$fx/basic.csv" >"$tmp/t" 2>&1 || fail "exit $?"
  grep -q 'cannot reach' "$tmp/t" && fail "'cannot reach' for tests that can"
  ;;
special_inputs)
  run_bad 2 "/dev/zero: not a regular file or pipe" /dev/zero
  run_bad 2 "$tmp: not a regular file or pipe" "$tmp"
  # A pipe is read, up to the same bound.
  "$bin" <(cat "$fx/basic.csv") >/dev/null 2>&1 || fail "a pipe was refused"
  # A file too big to be results (sparse: no disk used).
  truncate -s 600M "$tmp/huge.csv"
  run_bad 2 "$tmp/huge.csv: larger than 512 MiB: not a results file" "$tmp/huge.csv"
  rm -f "$tmp/huge.csv"
  ;;
outputs)
  # --out names a device, a folder, a symlink: refused before reading.
  run_bad 2 "swtlb-report: /dev/null: is a device; output goes only to a regular file" --out /dev/null "$fx/basic.csv"
  run_bad 2 "swtlb-report: $tmp: is a folder; output goes only to a regular file" --out "$tmp" "$fx/basic.csv"
  mkfifo "$tmp/fifo"
  run_bad 2 "swtlb-report: $tmp/fifo: is a FIFO; output goes only to a regular file" --out "$tmp/fifo" "$fx/basic.csv"
  echo keep >"$tmp/target"
  ln -s "$tmp/target" "$tmp/link"
  run_bad 2 "swtlb-report: $tmp/link: is a symbolic link (not followed, not replaced); output goes only to a regular file" --out "$tmp/link" "$fx/basic.csv"
  [ -L "$tmp/link" ] && [ "$(cat "$tmp/target")" = keep ] || fail "the symlink or its target changed"
  # Checked before any work: a bad input behind a bad --out names the --out.
  run_bad 2 "swtlb-report: /dev/null: is a device; output goes only to a regular file" --out /dev/null /dev/zero
  # A symlink inside the --plot folder is not written through either.
  if command -v gnuplot >/dev/null; then
    mkdir "$tmp/p"
    ln -s "$tmp/target" "$tmp/p/tput-01.dat"
    "$bin" --plot "$tmp/p" "$fx/basic.csv" >/dev/null 2>"$tmp/stderr" && fail "plot wrote through a symlink"
    grep -q 'tput-01.dat: is a symbolic link' "$tmp/stderr" || fail "plot: $(head -1 "$tmp/stderr")"
    [ "$(cat "$tmp/target")" = keep ] || fail "the symlink target changed"
  fi
  # A regular file is replaced whole; no temporary file stays behind.
  "$bin" --out "$tmp/r.txt" "$fx/basic.csv" || fail "regular --out refused"
  [ -s "$tmp/r.txt" ] || fail "no report in the regular --out"
  ls "$tmp" | grep -q '\.tmp\.' && fail "a temporary file stayed behind"
  # Output errors are errors: a full stdout fails with one line.
  if [ -w /dev/full ]; then
    "$bin" "$fx/basic.csv" >/dev/full 2>"$tmp/stderr"
    rc=$?
    [ "$rc" -eq 2 ] || fail "stdout to /dev/full: exit $rc (want 2)"
    [ "$(wc -l <"$tmp/stderr")" -eq 1 ] && grep -q 'No space left on device' "$tmp/stderr" ||
      fail "stdout to /dev/full: stderr '$(cat "$tmp/stderr")'"
    "$bin" --help >/dev/full 2>/dev/null && fail "--help to /dev/full exits 0"
  fi
  ;;
*)
  echo "unknown case $case_" >&2
  exit 1
  ;;
esac
[ "$fails" -eq 0 ] || exit 1
echo "ok: $case_"
