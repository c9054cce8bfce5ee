#!/usr/bin/env bash
# tests/bench/cli_cases.sh CASE SWTLB_BENCH CHECK_RESULTS CSV_DOC
# One swtlb-bench command-line case per CTest test; exit status is the
# verdict. Runs are short (--min-time of a few hundredths of a second):
# these tests check behaviour, never timing.
set -u
case_name=$1 bench=$2 check=$3 schema=$4
tmp=$(mktemp -d /tmp/swtlb-bench-cli.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/results.csv

die() { echo "FAIL($case_name): $*" >&2; exit 1; }

all_schemes=$("$bench" --list-schemes | awk '{print $1}' | paste -sd, -)
nschemes=$(echo "$all_schemes" | tr ',' '\n' | wc -l)

# expect_usage_error ARGS...: exit 2 and exactly one line on stderr.
expect_usage_error() {
  local rc lines
  "$bench" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$?
  lines=$(wc -l <"$tmp/stderr")
  [ "$rc" -eq 2 ] || die "'$*': exit $rc, want 2 ($(head -c 300 "$tmp/stderr"))"
  [ "$lines" -eq 1 ] || die "'$*': $lines lines on stderr, want 1: $(cat "$tmp/stderr")"
  grep -q '^swtlb-bench: ' "$tmp/stderr" || die "'$*': message not prefixed"
  [ ! -s "$tmp/stdout" ] || die "'$*': wrote to stdout"
}

# Data rows in a file (the header excluded).
rows() { [ -f "$1" ] && echo $(($(wc -l <"$1") - 1)) || echo 0; }

case $case_name in
help)
  "$bench" --help >"$tmp/h" || die "--help failed"
  grep -q -- '--schemes' "$tmp/h" || die "--help lacks --schemes"
  grep -q 'Examples' "$tmp/h" || die "--help lacks examples"
  # --help wins over everything else, including Google Benchmark's help.
  "$bench" --threads 0 --help >/dev/null || die "--help not first"
  ;;
list_schemes)
  [ "$nschemes" -ge 3 ] || die "only $nschemes schemes listed"
  for s in none global-atomic area-hiwater; do
    echo ",$all_schemes," | grep -q ",$s," || die "scheme $s not listed"
  done
  ;;
bad_values)
  expect_usage_error --threads 0
  expect_usage_error --param caller_path=direct
  expect_usage_error --param lock=ticket
  expect_usage_error --param mem_offset=12
  expect_usage_error --param mem_offset=systemmap:/no/such/System.map
  expect_usage_error --threads 1,,2
  expect_usage_error --sizes 64k-4k
  expect_usage_error --sizes 1m
  expect_usage_error --queue-depth 0
  expect_usage_error --bounce sometimes
  expect_usage_error --nareas zero
  expect_usage_error --nslabs -5
  expect_usage_error --kconfig dynamic
  expect_usage_error --area-layout sparse
  expect_usage_error --reps 0
  expect_usage_error --min-time 0
  expect_usage_error --min-time soon
  expect_usage_error --schemes nosuch
  expect_usage_error --events NO_SUCH_EVENT
  expect_usage_error --events 'cycles;rm'
  expect_usage_error --events cycles,,cycles
  expect_usage_error --workload idle
  expect_usage_error --frobnicate
  expect_usage_error stray-argument
  expect_usage_error --resume
  expect_usage_error --layouts nosuchlayout
  expect_usage_error --layouts node:99
  expect_usage_error --pool-mem node:99
  expect_usage_error --pool-mem everywhere
  expect_usage_error --topology xml:/nonexistent/topology.xml
  expect_usage_error --topology "synthetic:pack:2 core:2 pu:2"
  expect_usage_error --benchmark_format=xml
  expect_usage_error --benchmark_repetitions=0
  : >"$tmp/exists.csv"
  expect_usage_error --out "$tmp/exists.csv"
  # An --out that cannot be created fails before the first run, not after.
  quick=(--schemes none --min-time 0.02 --reps 1)
  expect_usage_error "${quick[@]}" --out "$tmp/no/such/dir/r.csv"
  expect_usage_error "${quick[@]}" --out "$tmp"
  expect_usage_error "${quick[@]}" --out "$tmp/exists.csv/r.csv"
  # --resume on a file that is not ours leaves it byte for byte alone
  # (its last line has no newline: it used to be cut off as "torn").
  printf 'not,a,results\nfile' >"$tmp/foreign.csv"
  cp "$tmp/foreign.csv" "$tmp/foreign.orig"
  expect_usage_error "${quick[@]}" --out "$tmp/foreign.csv" --resume
  cmp -s "$tmp/foreign.csv" "$tmp/foreign.orig" || die "--resume changed a foreign file"
  ;;
events)
  # Generic names beside the fixed events; each reaches every row with a
  # raw count, a per-op value and a scaled flag, or empty entries.
  "$bench" --schemes none,global-atomic --threads 1,max --min-time 0.02 \
    --reps 1 --events cache-references,context-switches --out "$out" \
    2>"$tmp/err" || die "run failed: $(tail -3 "$tmp/err")"
  "$check" "$out" "$schema" || die "results do not check out"
  awk -F, 'NR>1 && $(NF-3) != "cache-references;context-switches" {bad=1}
           END {exit bad}' "$out" || die "pmu_events not in every row"
  # The software event counts everywhere: never an empty entry.
  awk -F, 'NR>1 {split($(NF-2), c, ";"); if (c[2] == "") bad=1}
           END {exit bad}' "$out" || die "context-switches not counted"
  # An event this host cannot count is explained once, not per row.
  n=$(grep -c 'perf event cache-references' "$tmp/err")
  [ "$n" -le 1 ] || die "cache-references explained $n times"
  ;;
list_events)
  # The defaults of one Intel and one AMD model, forced: libpfm4 acts as
  # on that CPU, on this machine without a PMU.
  LIBPFM_FORCE_PMU=skx "$bench" --list-events >"$tmp/skx" ||
    die "--list-events failed under skx"
  grep -q '^pmu skx ' "$tmp/skx" || die "skx not detected: $(cat "$tmp/skx")"
  grep -q '^event MEM_LOAD_L3_HIT_RETIRED:XSNP_HITM pmu=skx .*config=0x4d2' \
    "$tmp/skx" || die "skx HITM event missing: $(cat "$tmp/skx")"
  LIBPFM_FORCE_PMU=amd64_fam19h_zen4 "$bench" --list-events >"$tmp/zen4" ||
    die "--list-events failed under zen4"
  grep -q '^event DEMAND_DATA_CACHE_FILLS_FROM_SYSTEM:NEAR_CACHE_NEAR_FAR ' \
    "$tmp/zen4" || die "zen4 event missing: $(cat "$tmp/zen4")"
  # A forced model plans a run with its events (the run itself would
  # need that PMU).
  LIBPFM_FORCE_PMU=skx "$bench" --dry-run --threads 2 >/dev/null 2>"$tmp/err" ||
    die "dry run under skx failed: $(cat "$tmp/err")"
  "$bench" --list-events --events none >"$tmp/none" || die "--events none"
  grep -q '^summary events=0 groups=0' "$tmp/none" || die "--events none lists events"
  ;;
fd_limit)
  # threads x perf events past the hard RLIMIT_NOFILE: refused before any
  # run, in one line (bash's ulimit -n sets soft and hard).
  (ulimit -n 256 && expect_usage_error --threads 512 --oversubscribe \
    --schemes none --min-time 0.02 --reps 1 --out "$out") || exit 1
  [ ! -e "$out" ] || die "refused run left $out"
  grep -q '^swtlb-bench: 512 threads x [0-9]* perf events need [0-9]* file descriptors; the hard RLIMIT_NOFILE is 256' \
    "$tmp/stderr" || die "refusal does not say what is needed: $(cat "$tmp/stderr")"
  # Only the soft limit short: raised, and the run goes ahead.
  if [ "$(ulimit -Hn)" = unlimited ] || [ "$(ulimit -Hn)" -ge 3648 ]; then
    (ulimit -Sn 256 && "$bench" --threads 512 --oversubscribe \
      --workload harness --min-time 0.02 --reps 1 --out "$out" 2>"$tmp/err") ||
      die "soft limit not raised: $(tail -2 "$tmp/err")"
    [ "$(rows "$out")" -eq 1 ] || die "no row with the soft limit raised"
  fi
  ;;
plans_256)
  # The plans of a 2-socket, 256-CPU host (SMT siblings numbered i and
  # i+128, as Linux does), 256 and 512 threads, compact and scatter.
  topo='synthetic:pack:2 numa:2 core:32 pu:2(indexes=2*128:1*2)'
  "$bench" --topology "$topo" --layouts compact,scatter --threads 256,512 \
    --oversubscribe --schemes none --reps 1 --dry-run >"$tmp/plan" 2>"$tmp/err" ||
    die "dry run failed: $(cat "$tmp/err")"
  [ "$(grep -c '/t:256/' "$tmp/plan")" -eq 2 ] || die "no 256-thread plans"
  # nareas auto is that host's kernel default (its 256 possible CPUs), not
  # this machine's.
  grep -q '^# pool: 32768 slots (64 MiB), 256 areas; possible CPUs 256$' \
    "$tmp/plan" || die "pool not sized for the topology's CPUs: $(head -1 "$tmp/plan")"
  [ "$(grep -c '/t:512/' "$tmp/plan")" -eq 2 ] || die "no 512-thread plans"
  grep '/t:256/' "$tmp/plan" | grep -v 'cpus=0-255 numa_nodes=4' &&
    die "256 threads do not cover every CPU and node once"
  # Without --oversubscribe, 512 threads do not fit: skipped with a note.
  "$bench" --topology "$topo" --threads 256,512 --schemes none --reps 1 --dry-run \
    >"$tmp/plan2" 2>"$tmp/err" || die "dry run failed: $(cat "$tmp/err")"
  grep -q 'places at most 256 threads; skipping 512' "$tmp/err" ||
    die "512 threads not skipped without --oversubscribe"
  ;;
many_threads)
  # 512 threads end to end on this machine's CPUs: each started already
  # bound to its CPU, one barrier, a short window, rows written whole.
  "$bench" --threads 512 --oversubscribe --schemes none,global-atomic \
    --min-time 0.5 --reps 1 --phases --out "$out" 2>"$tmp/err" ||
    die "run failed: $(tail -3 "$tmp/err")"
  "$check" "$out" "$schema" --rows 2 || die "results do not check out"
  awk -F, 'NR>1 && $10 != 512 {bad=1} END {exit bad}' "$out" ||
    die "rows without 512 threads"
  [ "$(grep -c '^swtlb-bench: phases .*threads:512: threads entered' \
      "$tmp/err")" -eq 2 ] || die "no phase line per run: $(tail -3 "$tmp/err")"
  # 512 areas: the pool's set-up and tear-down at that size.
  "$bench" --threads 512 --oversubscribe --schemes none --nareas 512 \
    --nslabs 65536 --min-time 0.3 --reps 1 --phases --out "$tmp/areas.csv" \
    2>"$tmp/err" || die "512-area run failed: $(tail -3 "$tmp/err")"
  grep -q ',512,65536,' "$tmp/areas.csv" || die "not 512 areas"
  grep '^swtlb-bench: phases' "$tmp/err"
  ;;
header)
  "$bench" --schemes none --min-time 0.02 --reps 1 --out "$out" 2>"$tmp/err" ||
    die "run failed: $(cat "$tmp/err")"
  "$check" "$out" "$schema" --rows 1 || die "results do not check out"
  ;;
all_schemes)
  # Every scheme at 1 thread and at every CPU, both area layouts and bounce
  # on and off would be long: 1 and max threads, bounce both.
  "$bench" --threads 1,max --bounce both --min-time 0.02 --reps 1 --nslabs 4096 \
    --out "$out" 2>"$tmp/err" || die "run failed: $(tail -3 "$tmp/err")"
  nthreads=$(awk -F, 'NR>1{print $10}' "$out" | sort -u | wc -l)
  "$check" "$out" "$schema" --schemes "$all_schemes" --no-truth \
    --rows $((nschemes * 2 * nthreads)) || die "results do not check out"
  # Every event that was not counted was explained once.
  status=$(awk -F, 'NR==2{print $32}' "$out")
  if [ "$status" != hw ]; then
    grep -q 'perf event' "$tmp/err" || die "status $status, no explanation"
  fi
  n=$(grep -c 'perf event cycles' "$tmp/err")
  [ "$n" -le 1 ] || die "cycles explained $n times"
  ;;
issue11)
  # --nslabs coco:MEM, --src-set, where periodic work runs, and the
  # workers' involuntary context switches (counts only, never timing).
  expect_usage_error --nslabs coco:
  expect_usage_error --nslabs coco:0
  expect_usage_error --nslabs coco:16GB
  expect_usage_error --nslabs coco:-1G
  expect_usage_error --nslabs coco:99999999999999999999T
  expect_usage_error --src-set 0
  expect_usage_error --src-set 2g
  expect_usage_error --src-set 1mb
  expect_usage_error --periodic-on spare
  # a source set no thread can hold is refused before any run
  expect_usage_error --bounce on --sizes 256k --queue-depth 8192 \
    --out "$tmp/never.csv"
  [ ! -e "$tmp/never.csv" ] || die "refused source set left a file"
  ncpu=$(nproc)
  "$bench" --schemes none,sampled --threads 1,max --bounce both \
    --nslabs coco:2G --min-time 0.02 --reps 1 --out "$out" 2>"$tmp/err" ||
    die "run failed: $(tail -3 "$tmp/err")"
  "$check" "$out" "$schema" || die "results do not check out"
  col() { head -1 "$out" | tr ',' '\n' | grep -nx "$1" | cut -d: -f1; }
  # 6% of 2 GiB, slot- and segment-aligned, then a power of two
  awk -F, -v s="$(col nslabs)" -v p="$(col nslabs_spec)" \
    'NR>1 && ($s != 65536 || $p != "coco:2G") {exit 1}' "$out" ||
    die "coco:2G did not give 65536 slots"
  awk -F, -v b="$(col bounce)" -v x="$(col src_set_bytes)" \
    'NR>1 && $b == 1 && $x != 1048576 {exit 1}' "$out" ||
    die "--src-set 1m did not give 1 MiB of sources"
  # none has no periodic work; sampled's runs on a spare CPU when the
  # workers leave one, else in worker 0's loop
  awk -F, -v sc="$(col scheme)" -v t="$(col threads)" \
    -v on="$(col periodic_on)" -v n="$ncpu" 'NR>1 {
      want = $sc == "none" ? "none" : ($t < n ? "cpu:" : "worker0")
      if (index($on, want) != 1) exit 1 }' "$out" ||
    die "periodic_on not where the plan puts it: $(cut -d, -f"$(col periodic_on)" "$out" | paste -sd' ')"
  "$bench" --schemes sampled --threads 1 --periodic-on worker --src-set qd \
    --queue-depth 4 --bounce on --min-time 0.02 --reps 1 \
    --out "$tmp/w.csv" 2>"$tmp/err" || die "run failed: $(tail -3 "$tmp/err")"
  "$check" "$tmp/w.csv" "$schema" --rows 1 || die "worker results do not check"
  grep -q ',qd,16384,worker0,' "$tmp/w.csv" ||
    die "--periodic-on worker / --src-set qd not recorded: $(tail -1 "$tmp/w.csv")"
  "$bench" --schemes none --threads 1 --ticker on --min-time 0.02 --reps 1 \
    --out "$tmp/t.csv" 2>"$tmp/err" || die "run failed: $(tail -3 "$tmp/err")"
  "$check" "$tmp/t.csv" "$schema" --rows 1 || die "ticker results do not check"
  grep -q ',ticker,' "$tmp/t.csv" || die "--ticker on not recorded"
  # mem_offset=systemmap:FILE: the row records the offset it resolved to.
  printf 'ffffffff83a4f5d8 b io_tlb_default_mem\n' >"$tmp/System.map"
  "$bench" --schemes none --threads 1 --min-time 0.02 --reps 1 \
    --param "mem_offset=systemmap:$tmp/System.map" --out "$tmp/m.csv" \
    2>"$tmp/err" || die "run failed: $(tail -3 "$tmp/err")"
  "$check" "$tmp/m.csv" "$schema" --rows 1 || die "systemmap results do not check"
  grep -q ';mem_offset=24;' "$tmp/m.csv" ||
    die "systemmap offset not recorded: $(tail -1 "$tmp/m.csv")"
  ;;
stdout)
  "$bench" --schemes none,global-atomic --min-time 0.02 --reps 2 \
    >"$out" 2>"$tmp/err" || die "run failed"
  "$check" "$out" "$schema" --rows 4 || die "stdout results do not check"
  ;;
harness)
  "$bench" --workload harness --threads 1,max --min-time 0.02 --reps 1 \
    --out "$out" 2>"$tmp/err" || die "run failed: $(cat "$tmp/err")"
  "$check" "$out" "$schema" || die "results do not check out"
  awk -F, 'NR>1 && ($7 != "harness" || $8 != "none") {exit 1}' "$out" ||
    die "harness rows must say workload harness, scheme none"
  # No pool: its cells (nareas, nslabs, kconfig, area_layout) are empty.
  awk -F, 'NR>1 && ($13 $14 $18 $19 != "") {exit 1}' "$out" ||
    die "harness rows must leave the pool cells empty"
  ;;
workloads)
  "$bench" --list-workloads >"$out" || die "--list-workloads failed"
  grep -q '^swiotlb ' "$out" || die "swiotlb not listed"
  grep -q '^harness ' "$out" || die "harness not listed"
  expect_usage_error --param depth=2
  expect_usage_error --workload harness --param depth
  expect_usage_error --workload nosuch
  # The workload's name leads every run name; no pool line without one.
  "$bench" --workload harness --dry-run >"$out" || die "dry run failed"
  grep -q '^harness/compact/t:1/sizes:4k/qd:16/rep:0 ' "$out" ||
    die "harness run name: $(cat "$out")"
  ! grep -q '^# pool' "$out" || die "harness dry run names a pool"
  ;;
truth)
  if ! grep -qw constant_tsc /proc/cpuinfo || ! grep -qw nonstop_tsc /proc/cpuinfo; then
    expect_usage_error --truth
    exit 0
  fi
  "$bench" --truth --schemes none,global-atomic --threads 1,max \
    --min-time 0.02 --reps 1 --out "$out" 2>"$tmp/err" ||
    die "run failed: $(cat "$tmp/err")"
  "$check" "$out" "$schema" --truth || die "results do not check out"
  # global-atomic is exact: single-threaded its report equals the truth.
  awk -F, 'NR>1 && $8=="global-atomic" && $10==1 && $34!=$35 {exit 1}' "$out" ||
    die "global-atomic at 1 thread differs from the truth"
  ;;
filter)
  "$bench" --schemes none,global-atomic --min-time 0.02 --reps 1 \
    --benchmark_filter='global-atomic' --out "$out" 2>"$tmp/err" ||
    die "run failed: $(cat "$tmp/err")"
  "$check" "$out" "$schema" --rows 1 --schemes global-atomic ||
    die "filter did not select one run"
  # A filter that selects nothing, or is no regular expression, is an
  # error, not an empty "successful" run.
  expect_usage_error --schemes none --min-time 0.02 --reps 1 --benchmark_filter=nosuchrun
  expect_usage_error --schemes none --min-time 0.02 --reps 1 '--benchmark_filter=('
  ;;
resume_after_kill)
  args=(--schemes "$all_schemes" --threads 1 --min-time 0.05 --reps 3 --out "$out")
  total=$((nschemes * 3))
  "$bench" "${args[@]}" 2>"$tmp/err1" &
  pid=$!
  # Kill -9 in the middle: after a few rows, well before the end.
  for _ in $(seq 1 400); do
    [ "$(rows "$out")" -ge 4 ] && break
    sleep 0.02
  done
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  before=$(rows "$out")
  [ "$before" -ge 4 ] && [ "$before" -lt "$total" ] ||
    die "kill landed at $before of $total rows"
  cp "$out" "$tmp/before.csv"
  "$bench" "${args[@]}" --resume 2>"$tmp/err2" ||
    die "resume failed: $(cat "$tmp/err2")"
  grep -q 'resuming' "$tmp/err2" || die "no resume note"
  "$check" "$out" "$schema" --rows "$total" --schemes "$all_schemes" ||
    die "resumed results do not check out"
  # Every finished row before the kill is still there, unchanged.
  cmp -s <(head -c "$(stat -c %s "$tmp/before.csv")" "$out") "$tmp/before.csv" ||
    die "rows written before the kill changed"
  # One run_id for the whole suite run.
  [ "$(awk -F, 'NR>1{print $2}' "$out" | sort -u | wc -l)" -eq 1 ] ||
    die "more than one run_id after resume"
  # A finished file: resume runs nothing more.
  "$bench" "${args[@]}" --resume 2>"$tmp/err3" || die "second resume failed"
  [ "$(rows "$out")" -eq "$total" ] || die "second resume added rows"
  ;;
torn_line)
  args=(--schemes none,global-atomic --min-time 0.02 --reps 2 --out "$out")
  "$bench" "${args[@]}" --reps 1 2>/dev/null || die "first run failed"
  good=$(cat "$out")
  # A row cut in the middle, as a kill inside write() would leave it.
  head -c 70 <(tail -n 1 "$out") >>"$out"
  "$bench" "${args[@]}" --resume 2>"$tmp/err" || die "resume failed: $(cat "$tmp/err")"
  grep -q 'partial line' "$tmp/err" || die "no note about the partial line"
  "$check" "$out" "$schema" --rows 4 || die "repaired results do not check"
  [ "$(head -n 3 "$out")" = "$good" ] || die "good rows changed"
  ;;
sigint)
  args=(--schemes "$all_schemes" --threads 1 --min-time 0.1 --reps 3 --out "$out")
  "$bench" "${args[@]}" 2>"$tmp/err" &
  pid=$!
  for _ in $(seq 1 400); do
    [ "$(rows "$out")" -ge 2 ] && break
    sleep 0.02
  done
  kill -INT "$pid"
  wait "$pid"
  rc=$?
  [ "$rc" -eq 130 ] || die "exit $rc after SIGINT, want 130"
  grep -q 'interrupted' "$tmp/err" || die "no note on interruption"
  grep -q -- "$out" "$tmp/err" || die "the note does not say where rows are"
  "$check" "$out" "$schema" || die "rows after SIGINT do not check out"
  [ "$(rows "$out")" -lt $((nschemes * 3)) ] || die "SIGINT did not stop the run"
  ;;
dry_run)
  "$bench" --dry-run --topology "synthetic:pack:2 core:2 pu:2" --threads 1,max \
    --layouts compact,scatter --schemes none >"$tmp/plan" 2>"$tmp/err" ||
    die "dry run failed: $(cat "$tmp/err")"
  [ "$(grep -c '^swiotlb/' "$tmp/plan")" -eq 12 ] || die "want 12 planned runs"
  grep -q 'scatter/t:8/.*cpus=0-7' "$tmp/plan" || die "scatter x8 not on cpus 0-7"
  # A CPU list with commas inside the comma-separated --layouts: the ids
  # after cpus: are its own ("cpus:0,2" used to fail as layout '2').
  "$bench" --dry-run --topology "synthetic:pack:2 core:2 pu:2" --threads 2 \
    --layouts cpus:1,6-7,compact --schemes none --reps 1 >"$tmp/plan" 2>"$tmp/err" ||
    die "cpus list dry run failed: $(cat "$tmp/err")"
  [ "$(grep -c '^swiotlb/' "$tmp/plan")" -eq 2 ] || die "want 2 planned runs: $(cat "$tmp/plan")"
  grep -q '^swiotlb/none/cpus:1,6-7/t:2/.* cpus=1+6 ' "$tmp/plan" || die "cpus:1,6-7 not planned on 1,6: $(cat "$tmp/plan")"
  grep -q '^swiotlb/none/compact/t:2/' "$tmp/plan" || die "compact lost after the cpus list"
  expect_usage_error --layouts 0,1
  # Where periodic work goes: the highest CPU no worker uses, else worker
  # 0's loop; none for a scheme without periodic().
  "$bench" --dry-run --topology "synthetic:pack:2 core:2 pu:2" --threads 1,max \
    --schemes none,sampled --reps 1 >"$tmp/plan" 2>"$tmp/err" ||
    die "periodic dry run failed: $(cat "$tmp/err")"
  grep -q '^swiotlb/sampled/compact/t:1/.* cpus=0 .*periodic=cpu:7$' "$tmp/plan" ||
    die "sampled x1 not given spare CPU 7: $(cat "$tmp/plan")"
  grep -q '^swiotlb/sampled/compact/t:8/.*periodic=worker0$' "$tmp/plan" ||
    die "sampled x8 not in worker 0's loop"
  grep -q '^swiotlb/none/compact/t:1/.*periodic=none$' "$tmp/plan" ||
    die "none has periodic work"
  "$bench" --dry-run --topology "synthetic:pack:2 core:2 pu:2" --threads 1 \
    --schemes sampled --periodic-on worker --reps 1 >"$tmp/plan" 2>&1 ||
    die "--periodic-on worker dry run failed"
  grep -q 'periodic=worker0$' "$tmp/plan" || die "--periodic-on worker ignored"
  ;;
host_facts)
  # Issue 12, item 7: facts read below a fake sysfs/procfs root.
  r=$tmp/root
  mkdir -p "$r/sys/devices/system/cpu/cpu0/cpufreq" "$r/sys/devices/system/cpu/smt" \
    "$r/sys/devices/system/cpu/vulnerabilities" "$r/proc/sys/kernel" \
    "$r/sys/kernel/mm/transparent_hugepage"
  echo performance >"$r/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"
  echo acpi-cpufreq >"$r/sys/devices/system/cpu/cpu0/cpufreq/scaling_driver"
  echo on >"$r/sys/devices/system/cpu/smt/control"
  echo 'Mitigation: Retpolines' >"$r/sys/devices/system/cpu/vulnerabilities/spectre_v2"
  echo 1 >"$r/proc/sys/kernel/numa_balancing"
  echo 'always madvise [never]' >"$r/sys/kernel/mm/transparent_hugepage/enabled"
  printf 'processor\t: 0\nmicrocode\t: 0xa1\nflags\t\t: fpu tsc\n' >"$r/proc/cpuinfo"
  "$bench" --host-facts --host-root "$r" >"$tmp/f" 2>"$tmp/e" || die "--host-facts failed"
  for want in 'cpufreq_driver: acpi-cpufreq' 'cpufreq_governor: performance' \
    'smt: on' 'microcode: 0xa1' 'mitigations: mitigated=spectre_v2' 'thp: never' \
    'numa_balancing: on' 'virt: none' 'boost: unknown' \
    'vulnerability spectre_v2: Mitigation: Retpolines'; do
    grep -qxF "$want" "$tmp/f" || die "no line '$want': $(cat "$tmp/f")"
  done
  grep -q WARNING "$tmp/f" && die "warned on a bare-metal performance host"
  # The same facts reach every row.
  "$bench" --host-root "$r" --schemes none --reps 1 --min-time 0.02 \
    --out "$out" 2>"$tmp/e" || die "run failed: $(cat "$tmp/e")"
  "$check" "$out" "$schema" --rows 1 >/dev/null || die "check_results failed"
  head -1 "$out" | grep -q ',cpufreq_governor,' || die "no cpufreq_governor column"
  tail -1 "$out" | grep -q ',acpi-cpufreq,performance,,on,0xa1,mitigated=spectre_v2,never,on,none,' ||
    die "row facts: $(tail -1 "$out")"
  grep -q 'WARNING' "$tmp/e" && die "warned on stderr"
  # A VM with powersave: two warnings, on --host-facts and on a run.
  echo powersave >"$r/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"
  printf 'processor\t: 0\nflags\t\t: fpu hypervisor\n' >"$r/proc/cpuinfo"
  "$bench" --host-facts --host-root "$r" >"$tmp/f" || die "--host-facts failed"
  grep -q '^WARNING: cpufreq governor is powersave, not performance' "$tmp/f" || die "no governor warning"
  grep -q '^WARNING: this is a virtual machine' "$tmp/f" || die "no VM warning"
  rm -f "$out"
  "$bench" --host-root "$r" --schemes none --reps 1 --min-time 0.02 \
    --out "$out" 2>"$tmp/e" || die "run failed"
  [ "$(grep -c '^swtlb-bench: WARNING: ' "$tmp/e")" -eq 2 ] || die "want 2 warnings: $(cat "$tmp/e")"
  ;;
issue12_row)
  # Fairness, hand-off and placement cells of real rows (no timing).
  [ "$(nproc)" -ge 2 ] || { echo "SKIP: needs 2 CPUs"; exit 77; }
  "$bench" --schemes none,global-atomic --threads 1,2 --bounce both --reps 1 \
    --min-time 0.05 --out "$out" 2>"$tmp/e" || die "run failed: $(cat "$tmp/e")"
  "$check" "$out" "$schema" --rows 8 >/dev/null || die "check_results failed"
  grep -q '^swtlb-bench: hand-off cpus=0-1: [a-z-]*:0-1=[0-9.]*; set mean [0-9.]* ns one way$' \
    "$tmp/e" || die "no hand-off line: $(cat "$tmp/e")"
  python3 - "$out" <<'PY' || die "issue-12 cells"
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 8, len(rows)
for r in rows:
    t = int(r["threads"])
    lo, hi, j = int(r["ops_thread_min"]), int(r["ops_thread_max"]), float(r["jain_index"])
    # A starved thread may finish a short loaded window with 0 pairs.
    assert 0 <= lo <= hi and hi > 0, r
    assert lo < hi or abs(j - 1.0) < 1e-6, r  # equal work: index 1
    assert 1.0 / t - 1e-9 <= j <= 1.0 + 1e-9, r
    if t == 1:
        assert lo == hi and r["handoff_ns"] == "" and r["handoff_pairs"] == "", r
    else:
        assert float(r["handoff_ns"]) > 0, r
        assert re.fullmatch(r"[a-z-]+:0-1=[0-9.]+", r["handoff_pairs"]), r
    assert re.fullmatch(r"node:\d+|local", r["meta_mem"]), r
    assert r["meta_pages"] == "" or re.fullmatch(r"\d+:\d+(\+\d+:\d+)*", r["meta_pages"]), r
    if r["bounce"] == "1":
        assert r["bounce_page_size"] == "4k", r
        assert r["bounce_pages"] == "" or re.fullmatch(r"\d+:16384", r["bounce_pages"]), r
    else:
        assert r["bounce_page_size"] == "" and r["bounce_pages"] == "", r
PY
  # --handoff-ms 0: no pre-flight, the cell stays empty (never 0).
  rm -f "$out"
  "$bench" --schemes none --threads 2 --reps 1 --min-time 0.02 --handoff-ms 0 \
    --out "$out" 2>"$tmp/e" || die "run failed"
  python3 -c '
import csv, re, sys
r = list(csv.DictReader(open(sys.argv[1])))[0]
assert r["handoff_ns"] == "", r
assert re.fullmatch(r"[a-z-]+:0-1", r["handoff_pairs"]), r
' "$out" || die "--handoff-ms 0 wrote a figure"
  grep -q 'hand-off cpus' "$tmp/e" && die "--handoff-ms 0 measured"
  ;;
handoff_each)
  # --handoff-each rep: a pre-flight before each rep that runs (a filter
  # leaves rep 1 out), each row carrying its own rep's (no timing: the
  # figures are compared with the stderr lines, not with numbers).
  [ "$(nproc)" -ge 2 ] || { echo "SKIP: needs 2 CPUs"; exit 77; }
  expect_usage_error --handoff-each round
  "$bench" --schemes none,global-atomic --threads 1,2 --reps 3 --min-time 0.02 \
    --handoff-each rep --benchmark_filter='rep:[02]/' --out "$out" \
    2>"$tmp/e" || die "run failed: $(cat "$tmp/e")"
  "$check" "$out" "$schema" --rows 8 >/dev/null || die "check_results failed"
  [ "$(grep -o 'hand-off[a-z0-9 ]* cpus' "$tmp/e" | paste -sd,)" = \
    "hand-off before rep 0 cpus,hand-off before rep 2 cpus" ] ||
    die "pre-flights: $(cat "$tmp/e")"
  python3 - "$out" "$tmp/e" <<'PY' || die "rows do not carry their rep's hand-off"
import csv, re, sys
said = dict(re.findall(r"hand-off before rep (\d+) cpus=0-1: (\S+);",
                       open(sys.argv[2]).read()))
rows = list(csv.DictReader(open(sys.argv[1])))
assert sorted({r["rep"] for r in rows}) == ["0", "2"], rows
for r in rows:
    want = said[r["rep"]] if r["threads"] == "2" else ""
    assert r["handoff_pairs"] == want, (r["rep"], r["handoff_pairs"], said)
PY
  ;;
placement)
  # Issue 12, item 5: what can be checked without NUMA nodes.
  xml=$(dirname "$schema")/../tests/data/topologies/24em64t-2n6c2t-pci.xml
  "$bench" --dry-run --topology "xml:$xml" --threads 4 --schemes none --reps 1 \
    >"$tmp/plan" 2>"$tmp/e" || die "dry run failed: $(cat "$tmp/e")"
  grep -q ' handoff=smt:0-12;cache:0-2 meta=node:0 ' "$tmp/plan" || die "plan: $(cat "$tmp/plan")"
  "$bench" --dry-run --topology "xml:$xml" --threads 2 --layouts node:1 --schemes none \
    --reps 1 --meta-mem node:1 >"$tmp/plan" 2>"$tmp/e" || die "node:1 dry run failed"
  grep -q ' cpus=1+13 .* handoff=smt:1-13 meta=node:1 ' "$tmp/plan" || die "plan: $(cat "$tmp/plan")"
  expect_usage_error --dry-run --topology "xml:$xml" --meta-mem node:2
  grep -q 'nodes by OS index: 0-1' "$tmp/stderr" || die "node list not named"
  expect_usage_error --meta-mem bogus --dry-run
  expect_usage_error --bounce-pages giant
  # Huge pages: refused before any work when a (fake) meminfo has none.
  mkdir -p "$tmp/root/proc"
  printf 'HugePages_Total: 0\nHugePages_Free: 0\nHugepagesize: 2048 kB\n' >"$tmp/root/proc/meminfo"
  expect_usage_error --host-root "$tmp/root" --bounce on --bounce-pages huge \
    --schemes none --reps 1 --min-time 0.02 --out "$out"
  grep -q 'needs 32 huge pages of 2048 kB, 0 free' "$tmp/stderr" || die "huge refusal: $(cat "$tmp/stderr")"
  [ ! -e "$out" ] || die "a results file was made before the refusal"
  ;;
*)
  die "unknown case"
  ;;
esac
exit 0
