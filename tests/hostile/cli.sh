#!/usr/bin/env bash
# tests/hostile/cli.sh CASE BIN_DIR TESTS_DIR
# Hostile input for every tool, one kind per case. Each bad input must get
# exactly one line on stderr and exit status 2, before any work; outputs
# never replace or write through anything but a regular file.
set -u
case_=$1 bin=$2 tests=$3
tmp=$(mktemp -d /tmp/swtlb-hostile.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL($case_): $*" >&2; fails=$((fails + 1)); }
tools=(swtlb-bench swtlb-replay swtlb-sim swtlb-topo swtlb-report swtlb-pool-cost)
trace=$tests/pool/doc-example.trace
csv=$tests/reports/fixtures/basic.csv
# A bench run that is short and light (one scheme, one thread).
quick=(--schemes none --threads 1 --layouts compact --reps 1 --min-time 0.02)

# bad STATUS TOOL ARGS...: exit STATUS, exactly one line on stderr naming
# the tool, nothing on stdout.
bad() {
  local want=$1 tool=$2 rc lines
  shift 2
  "$bin/$tool" "$@" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null
  rc=$?
  lines=$(wc -l <"$tmp/stderr")
  [ "$rc" -eq "$want" ] || fail "$tool $*: exit $rc, want $want ($(head -c 200 "$tmp/stderr"))"
  [ "$lines" -eq 1 ] || fail "$tool $*: $lines lines on stderr, want 1: $(head -c 300 "$tmp/stderr")"
  [ ! -s "$tmp/stdout" ] || fail "$tool $*: wrote to stdout"
}
# says TEXT: the last bad() named it.
says() { grep -q -- "$1" "$tmp/stderr" || fail "stderr lacks '$1': $(cat "$tmp/stderr")"; }

case $case_ in
help)
  # Every tool answers --help on stdout with exit 0.
  for t in "${tools[@]}"; do
    "$bin/$t" --help >"$tmp/h" 2>"$tmp/e" || fail "$t --help: exit $?"
    grep -qi 'usage\|--' "$tmp/h" || fail "$t --help: no usage on stdout"
    [ ! -s "$tmp/e" ] || fail "$t --help wrote to stderr"
  done
  # And every script, before it installs, builds or runs anything.
  for s in test bench suite flamegraph annotate model; do
    timeout 20 "$tests/../scripts/$s" --help >"$tmp/h" 2>&1 || fail "scripts/$s --help: exit $?"
    grep -q '^usage: ' "$tmp/h" || fail "scripts/$s --help: no usage line"
  done
  ;;
stdout_full)
  # Output that cannot be written is an error, never exit 0.
  [ -w /dev/full ] || { echo "SKIP: no /dev/full"; exit 77; }
  full() { # TOOL ARGS...
    local t=$1 rc
    shift
    "$bin/$t" "$@" >/dev/full 2>"$tmp/stderr"
    rc=$?
    [ "$rc" -ne 0 ] || fail "$t $* >/dev/full: exit 0"
    grep -q 'No space left\|write' "$tmp/stderr" || fail "$t $* >/dev/full: stderr '$(head -c 200 "$tmp/stderr")'"
  }
  for t in "${tools[@]}"; do full "$t" --help; done
  full swtlb-bench --dry-run "${quick[@]}"
  full swtlb-bench --list-schemes
  full swtlb-bench "${quick[@]}"
  full swtlb-replay "$trace"
  full swtlb-sim --schemes none --ios 200
  full swtlb-topo --topology 'synthetic:pack:1 core:2 pu:1'
  full swtlb-report "$csv"
  full swtlb-pool-cost --pairs 1000 --runs 1
  ;;
numbers)
  # One parser: digits only. Blanks, signs, hex, exponents, overflow and
  # empty values are refused the same way by every tool.
  for v in ' 3' '3 ' '+3' '-3' '0x3' '3e0' '' '99999999999999999999999' '3x'; do
    bad 2 swtlb-bench --dry-run --reps "$v"
    bad 2 swtlb-bench --dry-run --queue-depth "$v"
    bad 2 swtlb-bench --dry-run --threads "$v"
    bad 2 swtlb-sim --schemes none --cpus "$v"
    bad 2 swtlb-sim --schemes none --ios "$v"
    bad 2 swtlb-topo --topology 'synthetic:pack:1 core:2 pu:1' --threads "$v"
    bad 2 swtlb-pool-cost --runs "$v"
    bad 2 swtlb-pool-cost --pairs "$v"
  done
  for v in ' 1' '+1' '-1' '1e0' '0x1p0' 'nan' 'inf' '1 s' '.'; do
    bad 2 swtlb-bench --dry-run --min-time "$v"
  done
  # Sizes: a suffix must not wrap a huge count into a small size.
  for v in '18014398509481985k' '17592186044417m' '4k:99999999999999999999' '4k:+1' ' 4k' '4k-+8k'; do
    bad 2 swtlb-bench --dry-run --sizes "$v"
    bad 2 swtlb-sim --schemes none --sizes "$v"
  done
  # CPU lists: an id past the limit is refused, not wrapped.
  bad 2 swtlb-topo --layout 'cpus:99999999999999999999'
  # The same value is accepted by every tool.
  "$bin/swtlb-bench" --dry-run --reps 3 --queue-depth 8 --min-time 0.5 >/dev/null 2>&1 || fail "bench refused plain numbers"
  "$bin/swtlb-sim" --schemes none --cpus 8 --ios 300 >/dev/null 2>&1 || fail "sim refused plain numbers"
  ;;
outputs)
  # --out / --emit-trace naming a device, a folder, a FIFO or a symlink:
  # refused with one line before any work; nothing replaced or created.
  mkdir "$tmp/dir"
  mkfifo "$tmp/fifo"
  echo keep >"$tmp/target"
  ln -s "$tmp/target" "$tmp/link"
  ln -s "$tmp/nowhere" "$tmp/dangling"
  for p in /dev/null "$tmp/dir" "$tmp/fifo" "$tmp/link" "$tmp/dangling"; do
    bad 2 swtlb-bench "${quick[@]}" --out "$p"
    bad 2 swtlb-bench "${quick[@]}" --resume --out "$p"
    bad 2 swtlb-sim --schemes none --ios 200 --out "$p"
    bad 2 swtlb-sim --schemes none --ios 200 --emit-trace "$p"
    bad 2 swtlb-report --out "$p" "$csv"
  done
  for p in /dev/null "$tmp/fifo" "$tmp/link"; do
    "$tests/../scripts/annotate" --out "$p" >/dev/null 2>"$tmp/stderr" </dev/null
    [ $? -eq 2 ] && grep -q 'not a regular file' "$tmp/stderr" ||
      fail "scripts/annotate --out $p: $(head -c 200 "$tmp/stderr")"
  done
  [ -L "$tmp/link" ] && [ "$(cat "$tmp/target")" = keep ] || fail "a symlink or its target changed"
  [ ! -e "$tmp/nowhere" ] || fail "a dangling symlink was written through"
  [ -c /dev/null ] || fail "/dev/null is no longer a device"
  ls "$tmp" | grep -q 'tmp\.' && fail "a temporary file stayed behind: $(ls "$tmp")"
  # Checked before the work: --emit-trace naming a folder with a long
  # simulation (seconds) still fails at once.
  start=$(date +%s%N)
  bad 2 swtlb-sim --cpus 64 --ios 5000000 --schemes all --emit-trace "$tmp/dir"
  says 'is a folder'
  [ $((($(date +%s%N) - start) / 1000000)) -lt 1000 ] || fail "--emit-trace DIR refused only after the simulation"
  # A regular file is replaced (trace) or appended to (CSV).
  "$bin/swtlb-sim" --schemes none --ios 200 --emit-trace "$tmp/t.trace" --out "$tmp/s.csv" 2>/dev/null ||
    fail "sim refused regular files"
  [ -s "$tmp/t.trace" ] && [ -s "$tmp/s.csv" ] || fail "sim wrote nothing"
  "$bin/swtlb-replay" --report-hiwater "$tmp/t.trace" >/dev/null || fail "the emitted trace does not replay"
  # A failed bench run leaves no empty --out behind.
  bad 2 swtlb-bench "${quick[@]}" --layouts node:99 --out "$tmp/new.csv"
  [ ! -e "$tmp/new.csv" ] || fail "a refused run left $tmp/new.csv"
  ;;
lock)
  # Two runs on one results file: the second gets one line and exit 2.
  command -v flock >/dev/null || { echo "SKIP: no flock(1)"; exit 77; }
  "$bin/swtlb-bench" "${quick[@]}" --out "$tmp/r.csv" 2>/dev/null || fail "first run failed"
  rows=$(wc -l <"$tmp/r.csv")
  flock "$tmp/r.csv" sleep 5 &
  holder=$!
  sleep 0.3
  bad 2 swtlb-bench "${quick[@]}" --resume --out "$tmp/r.csv"
  says 'locked'
  bad 2 swtlb-sim --schemes none --ios 200 --resume --out "$tmp/r.csv"
  says 'locked'
  kill "$holder" 2>/dev/null
  wait "$holder" 2>/dev/null
  [ "$(wc -l <"$tmp/r.csv")" -eq "$rows" ] || fail "a locked file changed"
  # Two real runs at once: one writes, the other is refused; no duplicate.
  "$bin/swtlb-bench" "${quick[@]}" --reps 3 --min-time 0.3 --out "$tmp/two.csv" 2>"$tmp/e1" &
  p1=$!
  sleep 0.2
  "$bin/swtlb-bench" "${quick[@]}" --reps 3 --min-time 0.3 --resume --out "$tmp/two.csv" 2>"$tmp/e2"
  rc2=$?
  wait "$p1" || fail "the first of two runs failed: $(cat "$tmp/e1")"
  [ "$rc2" -eq 2 ] && grep -q locked "$tmp/e2" || fail "the second run: exit $rc2, $(cat "$tmp/e2")"
  "$bin/swtlb-report" "$tmp/two.csv" >/dev/null || fail "the report refuses the file (duplicates?)"
  ;;
cut_off)
  # A file whose last line was cut (kill -9 mid-write): without --resume
  # it is refused untouched; --resume (bench and sim) cuts the partial
  # line before appending, never gluing a row onto it; report names it.
  "$bin/swtlb-bench" "${quick[@]}" --out "$tmp/r.csv" 2>/dev/null || fail "run failed"
  head -c -7 "$tmp/r.csv" >"$tmp/cut.csv"
  cp "$tmp/cut.csv" "$tmp/cut2.csv"
  cp "$tmp/cut.csv" "$tmp/cut3.csv"
  bad 2 swtlb-sim --schemes none --ios 200 --out "$tmp/cut.csv"
  says 'file exists'
  cmp -s "$tmp/cut.csv" "$tmp/cut2.csv" || fail "sim changed the cut-off file"
  "$bin/swtlb-sim" --schemes none --ios 200 --resume --out "$tmp/cut3.csv" 2>"$tmp/e" ||
    fail "sim --resume failed: $(tail -1 "$tmp/e")"
  grep -q 'partial line' "$tmp/e" || fail "sim --resume: no note on the cut line"
  "$bin/swtlb-report" "$tmp/cut3.csv" >/dev/null || fail "report refuses sim's repaired file"
  "$bin/swtlb-bench" "${quick[@]}" --resume --out "$tmp/cut.csv" 2>"$tmp/e" || fail "resume failed: $(cat "$tmp/e")"
  "$bin/swtlb-report" "$tmp/cut.csv" >/dev/null || fail "report refuses the repaired file"
  bad 2 swtlb-report "$tmp/cut2.csv"
  ;;
special_inputs)
  # Devices, folders, endless or huge inputs: refused at once, bounded.
  mkdir "$tmp/dir"
  bad 2 swtlb-replay /dev/zero
  says 'not a regular file or pipe'
  bad 2 swtlb-replay "$tmp/dir"
  bad 2 swtlb-topo --topology xml:/dev/zero
  mkfifo "$tmp/fifo"
  bad 2 swtlb-topo --topology "xml:$tmp/fifo"
  bad 2 swtlb-report /dev/zero
  # One endless line through a pipe: bounded, refused.
  head -c 10000000 /dev/zero | tr '\0' 'x' >"$tmp/long.trace"
  bad 2 swtlb-replay "$tmp/long.trace"
  says 'line longer than'
  # A trace header asking a pool over the kernel's maximum.
  printf 'pool 34359738368 1\nmap 1 0 0x0 4096 0x0 0x0\n' >"$tmp/huge.trace"
  bad 2 swtlb-replay "$tmp/huge.trace"
  printf 'pool 8 99999999999999999999\n' >"$tmp/huge2.trace"
  bad 2 swtlb-replay "$tmp/huge2.trace"
  # Synthetic topologies past 8192 PUs.
  bad 2 swtlb-topo --topology 'synthetic:pack:1000 core:1000 pu:1000'
  # A sim that would run without end or need huge memory.
  bad 2 swtlb-sim --schemes none --ios 999999999999
  bad 2 swtlb-sim --schemes none --cpus 99999
  ;;
queue_depth)
  # Sizes are pre-generated 4096 a thread: a deeper queue read past them.
  bad 2 swtlb-bench --dry-run --queue-depth 4097
  says '1..4096'
  bad 2 swtlb-bench --dry-run --queue-depth 65536
  # The deepest allowed queue runs (ASan build: no read past the sizes).
  "$bin/swtlb-bench" "${quick[@]}" --queue-depth 4096 --out "$tmp/q.csv" 2>"$tmp/e" ||
    fail "--queue-depth 4096: $(tail -1 "$tmp/e")"
  grep -q ',4096,' "$tmp/q.csv" || fail "no row at queue depth 4096"
  ;;
conflicts)
  # Flags that would be silently ignored are refused.
  bad 2 swtlb-bench --dry-run --workload harness --truth
  bad 2 swtlb-bench --dry-run --workload harness --schemes global-atomic
  bad 2 swtlb-bench --dry-run --workload harness --bounce on
  bad 2 swtlb-bench --dry-run --resume
  bad 2 swtlb-sim --toggle-on --schemes none
  bad 2 swtlb-sim --scenario mkelley --sizes 64k
  bad 2 swtlb-sim --big 4m
  bad 2 swtlb-sim --schemes none --out "$tmp/x" --emit-trace "$tmp/x"
  bad 2 swtlb-report --compare --baseline global-atomic "$csv" "$csv"
  bad 2 swtlb-report --compare --plot "$tmp/p" "$csv" "$csv"
  bad 2 swtlb-topo --topology 'synthetic:pack:1 core:2 pu:1' --bind
  ;;
signals)
  # SIGINT/SIGTERM during --emit-trace: no temporary file stays behind.
  set -m # background jobs keep SIGINT (not ignored)
  for sig in INT TERM; do
    "$bin/swtlb-sim" --cpus 64 --ios 5000000 --schemes none --emit-trace "$tmp/t.trace" \
      >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do
      compgen -G "$tmp/t.trace.tmp.*" >/dev/null && break
      sleep 0.02
    done
    compgen -G "$tmp/t.trace.tmp.*" >/dev/null || fail "$sig: no temporary trace seen"
    kill -"$sig" "$pid"
    wait "$pid"
    rc=$?
    [ "$rc" -gt 128 ] || fail "$sig: exit $rc, want death by signal"
    compgen -G "$tmp/t.trace*" >/dev/null && fail "$sig: left $(ls "$tmp")"
  done
  # swtlb-report's temporary --out file is removed on a signal as well:
  # covered by util/outpath.c's handler; a whole report is written at once.
  ;;
*)
  echo "unknown case $case_" >&2
  exit 1
  ;;
esac
[ "$fails" -eq 0 ] || exit 1
echo "ok: $case_"
