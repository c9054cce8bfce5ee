#!/usr/bin/env bash
# Command-line tests of swtlb-topo, one case per CTest test:
#   cli_cases.sh <case> <swtlb-topo> <topologies dir> <fixtures dir>
# A case fails with a message saying what differed; 77 = skipped (with why).
set -uo pipefail
case_name=$1 topo=$2 topologies=$3 fixtures=$4
syn='synthetic:pack:2 numa:2 core:8 pu:2'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "FAIL [$case_name]: $*" >&2
  echo "--- stdout:" >&2
  cat "$tmp/out" >&2
  echo "--- stderr:" >&2
  cat "$tmp/err" >&2
  exit 1
}

# run ARGS...: stdout in $tmp/out, stderr in $tmp/err, status in $rc.
run() {
  "$topo" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

expect_ok() {
  [ "$rc" -eq 0 ] || fail "exit status $rc, expected 0"
  [ ! -s "$tmp/err" ] || fail "unexpected stderr"
}

# expect_error NEEDLE: status 2, nothing on stdout, one stderr line with it.
expect_error() {
  [ "$rc" -eq 2 ] || fail "exit status $rc, expected 2"
  [ ! -s "$tmp/out" ] || fail "stdout not empty on error"
  [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "stderr is not one line"
  grep -qF -- "$1" "$tmp/err" || fail "stderr lacks '$1'"
  grep -q '^swtlb-topo: ' "$tmp/err" || fail "stderr lacks the tool name"
}

expect_stdout() { # expected text on stdin
  cat >"$tmp/want"
  diff -u "$tmp/want" "$tmp/out" >&2 || fail "stdout differs (diff above)"
}

# Every line in the plan format and the summary equal to a recount.
check_plan_format() {
  local n=$1
  awk -v n="$n" '
    /^thread=/ {
      if ($0 !~ /^thread=[0-9]+ cpu=[0-9]+ core=[0-9]+ package=[0-9]+ numa=[0-9]+$/)
        { print "bad line: " $0; exit 1 }
      split($0, f, /[ =]/)
      if (f[2] != lines) { print "thread index " f[2] " at line " lines; exit 1 }
      lines++
      if (!(f[6] in core)) { core[f[6]]; nc++ }
      if (!(f[8] in pkg)) { pkg[f[8]]; np++ }
      if (!(f[10] in numa)) { numa[f[10]]; nn++ }
      next
    }
    /^summary / {
      want = sprintf("summary threads=%d cores=%d packages=%d numa=%d", lines, nc, np, nn)
      if ($0 != want) { print "summary \"" $0 "\" != recount \"" want "\""; exit 1 }
      if (lines != n) { print lines " thread lines, expected " n; exit 1 }
      done = 1; next
    }
    { print "unexpected line: " $0; exit 1 }
    END { if (!done) { print "no summary line"; exit 1 } }
  ' "$tmp/out" >"$tmp/why" || fail "plan format: $(cat "$tmp/why")"
}

case $case_name in
help)
  run --help
  expect_ok
  for want in "usage: swtlb-topo" "examples:" "--layout" "--threads" \
    "--topology" "--oversubscribe" "cpus:LIST" "node:N"; do
    grep -qF -- "$want" "$tmp/out" || fail "--help lacks '$want'"
  done
  ;;
summary_host)
  run
  expect_ok
  grep -q '^topology: host (this host: can bind)$' "$tmp/out" || fail "header"
  npus=$(grep -o ' pus=[0-9]*' "$tmp/out" | cut -d= -f2)
  [ "$npus" = "$(getconf _NPROCESSORS_ONLN)" ] || fail "pus=$npus, online CPUs $(getconf _NPROCESSORS_ONLN)"
  ;;
summary_synthetic)
  run --topology "$syn"
  expect_ok
  expect_stdout <<'OUT'
topology: synthetic:pack:2 numa:2 core:8 pu:2 (plan only, cannot bind)
packages=2 numa_nodes=4 cores=32 pus=64 allowed_pus=64 smt=2 max_cpu=64
allowed cpus=0-63
package=0 cpus=0-31
package=1 cpus=32-63
numa=0 os_index=0 cpus=0-15
numa=1 os_index=1 cpus=16-31
numa=2 os_index=2 cpus=32-47
numa=3 os_index=3 cpus=48-63
capacity compact=64 scatter=64 cores=32
OUT
  ;;
plan_format)
  for layout in compact scatter cores node:1 cpus:0-3,8,10-11; do
    for n in 1 3 7; do
      run --topology "$syn" --layout "$layout" --threads "$n"
      expect_ok
      check_plan_format "$n"
    done
  done
  ;;
plan_compact8)
  run --topology "$syn" --layout compact --threads 8
  expect_ok
  expect_stdout <<'OUT'
thread=0 cpu=0 core=0 package=0 numa=0
thread=1 cpu=1 core=0 package=0 numa=0
thread=2 cpu=2 core=1 package=0 numa=0
thread=3 cpu=3 core=1 package=0 numa=0
thread=4 cpu=4 core=2 package=0 numa=0
thread=5 cpu=5 core=2 package=0 numa=0
thread=6 cpu=6 core=3 package=0 numa=0
thread=7 cpu=7 core=3 package=0 numa=0
summary threads=8 cores=4 packages=1 numa=1
OUT
  ;;
plan_scatter8)
  run --topology "$syn" --layout scatter --threads 8
  expect_ok
  expect_stdout <<'OUT'
thread=0 cpu=0 core=0 package=0 numa=0
thread=1 cpu=32 core=16 package=1 numa=2
thread=2 cpu=16 core=8 package=0 numa=1
thread=3 cpu=48 core=24 package=1 numa=3
thread=4 cpu=2 core=1 package=0 numa=0
thread=5 cpu=34 core=17 package=1 numa=2
thread=6 cpu=18 core=9 package=0 numa=1
thread=7 cpu=50 core=25 package=1 numa=3
summary threads=8 cores=8 packages=2 numa=4
OUT
  ;;
plan_cores8)
  run --topology "$syn" --layout cores --threads 8
  expect_ok
  expect_stdout <<'OUT'
thread=0 cpu=0 core=0 package=0 numa=0
thread=1 cpu=2 core=1 package=0 numa=0
thread=2 cpu=4 core=2 package=0 numa=0
thread=3 cpu=6 core=3 package=0 numa=0
thread=4 cpu=8 core=4 package=0 numa=0
thread=5 cpu=10 core=5 package=0 numa=0
thread=6 cpu=12 core=6 package=0 numa=0
thread=7 cpu=14 core=7 package=0 numa=0
summary threads=8 cores=8 packages=1 numa=1
OUT
  ;;
plan_half_apart)
  # Linux x86 numbering: cpu i and i+32 are siblings; OS ids, not logical.
  run --topology "synthetic:pack:2 numa:2 core:8 pu:2(indexes=2*32:1*2)" \
    --layout compact --threads 4
  expect_ok
  expect_stdout <<'OUT'
thread=0 cpu=0 core=0 package=0 numa=0
thread=1 cpu=32 core=0 package=0 numa=0
thread=2 cpu=1 core=1 package=0 numa=0
thread=3 cpu=33 core=1 package=0 numa=0
summary threads=4 cores=2 packages=1 numa=1
OUT
  ;;
plan_xml)
  run --topology "xml:$topologies/32em64t-2n8c2t-pci-noio.xml" \
    --layout scatter --threads 4
  expect_ok
  expect_stdout <<'OUT'
thread=0 cpu=0 core=0 package=0 numa=0
thread=1 cpu=8 core=8 package=1 numa=1
thread=2 cpu=1 core=1 package=0 numa=0
thread=3 cpu=9 core=9 package=1 numa=1
summary threads=4 cores=4 packages=2 numa=2
OUT
  ;;
default_threads)
  run --topology "$syn" --layout node:2
  expect_ok
  check_plan_format 16
  grep -q '^summary threads=16 cores=8 packages=1 numa=1$' "$tmp/out" || fail "summary"
  ;;
oversubscribe)
  run --topology "$syn" --layout cpus:5,9 --threads 5 --oversubscribe
  expect_ok
  check_plan_format 5
  [ "$(grep -o 'cpu=[0-9]*' "$tmp/out" | tr '\n' ' ')" = "cpu=5 cpu=9 cpu=5 cpu=9 cpu=5 " ] ||
    fail "the plan does not wrap around"
  ;;
err_too_many_threads)
  run --topology "$syn" --layout cores --threads 33
  expect_error "33 threads but layout 'cores' holds only 32"
  ;;
err_unknown_layout)
  run --topology "$syn" --layout diagonal --threads 2
  expect_error "unknown layout 'diagonal'"
  ;;
err_bad_cpu_list)
  for list in "0-3,x:'x' is not a CPU id" "4-2:'4-2' is descending" \
    "1,,2:empty item" "3,3:cpu 3 is listed twice" ":empty CPU list"; do
    run --topology "$syn" --layout "cpus:${list%%:*}" --threads 1
    expect_error "${list#*:}"
  done
  ;;
err_absent_cpu)
  run --topology "$syn" --layout cpus:0,64 --threads 2
  expect_error "cpu 64 is not in topology"
  run --topology "xml:$fixtures/cpuset-2p4c2t.xml" --layout cpus:4 --threads 1
  expect_error "cpu 4 is outside the allowed cpuset (cgroup/cpuset; allowed: 0-3,8-11)"
  ;;
err_no_such_node)
  run --topology "$syn" --layout node:4 --threads 1
  expect_error "NUMA node 4 does not exist in topology"
  grep -qF "nodes by OS index: 0-3" "$tmp/err" || fail "existing nodes not named"
  ;;
err_unreadable_xml)
  run --topology "xml:$tmp/missing.xml"
  expect_error "cannot read XML topology '$tmp/missing.xml': No such file"
  run --topology "xml:$tmp"
  expect_error "is a directory"
  ;;
err_invalid_xml)
  printf 'not xml at all\n' >"$tmp/garbage.xml"
  run --topology "xml:$tmp/garbage.xml" --layout compact --threads 1
  expect_error "not a valid hwloc XML export"
  run --topology "xml:$fixtures/not-a-topology.xml"
  expect_error "not a valid hwloc XML export"
  ;;
err_bad_synthetic)
  run --topology "synthetic:pack:two"
  expect_error "invalid synthetic topology description 'pack:two'"
  # hwloc builds any size it is given: 10^15 PUs must be refused, not hang.
  timeout 20 "$topo" --topology "synthetic:pack:99999 core:99999 pu:99999" \
    >"$tmp/out" 2>"$tmp/err"
  rc=$?
  expect_error "has more than 8192 PUs"
  run --topology "moon"
  expect_error "unknown topology 'moon'"
  ;;
err_bad_threads)
  for n in 0 -1 x 99999999 ""; do
    run --topology "$syn" --layout compact --threads "$n"
    expect_error "bad thread count '$n'"
  done
  ;;
err_usage)
  run --frobnicate
  expect_error "unknown option '--frobnicate'"
  run --layout
  expect_error "option '--layout' needs a value"
  run --threads 4
  expect_error "--threads needs --layout"
  run stray
  expect_error "unexpected argument 'stray'"
  ;;
bind_refused_synthetic)
  run --topology "$syn" --layout compact --threads 2 --bind
  expect_error "--bind needs the host topology"
  ;;
bind_host)
  run
  expect_ok
  ncpu=$(grep -o ' allowed_pus=[0-9]*' "$tmp/out" | cut -d= -f2)
  [ -n "$ncpu" ] || fail "no allowed_pus in the summary"
  if [ "$ncpu" -lt 2 ]; then
    echo "SKIP: $ncpu allowed CPU, this case binds 2 threads to 2 CPUs"
    exit 77
  fi
  run --layout compact --threads 2 --bind
  expect_ok
  tail -n 1 "$tmp/out" | grep -qx 'bound threads=2' || fail "no 'bound threads=2'"
  sed -i '$d' "$tmp/out" # the plan without the 'bound' line
  check_plan_format 2
  ;;
*)
  echo "unknown case '$case_name'" >&2
  exit 2
  ;;
esac
exit 0
