#!/usr/bin/env bash
# swtlb-replay --workload memcg: usage errors exit 2 with one line and no
# stdout; a missing file names itself.
# usage: run_cli.sh SWTLB_REPLAY TRACE
set -u
replay=$1 trace=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
expect2() { # words, args...
  local words=$1; shift
  "$replay" "$@" >"$tmp/out" 2>"$tmp/err"; local st=$?
  if [ "$st" -ne 2 ] || [ -s "$tmp/out" ] || [ "$(wc -l <"$tmp/err")" -ne 1 ] ||
     ! grep -qF -- "$words" "$tmp/err"; then
    echo "FAIL: $* -> status $st, stderr: $(cat "$tmp/err")"; fail=1
  fi
}
expect2 'unknown --workload "nope"' --workload nope "$trace"
expect2 'swiotlb options' --workload memcg --kconfig dynamic-on "$trace"
expect2 'keeps no watermark' --workload memcg --scheme none "$trace"
expect2 'unknown memcg scheme "escrow"' --workload memcg --scheme escrow "$trace"
list=$("$replay" --workload memcg --list-schemes | tr '\n' ' ')
case $list in
  *racy-max*global-atomic*|*global-atomic*racy-max*) ;;
  *) echo "FAIL: memcg schemes: $list"; fail=1 ;;
esac
case $list in *escrow*) echo "FAIL: escrow listed for memcg"; fail=1 ;; esac
expect2 'need --workload memcg' --report-peaks "$trace"
# --hooks-indirect serves both workloads; --lock and --mem-offset are swiotlb's.
expect2 'swiotlb options' --workload memcg --lock pv "$trace"
expect2 'swiotlb options' --workload memcg --mem-offset 8 "$trace"
expect2 'no TRACE given' --workload memcg
expect2 "$tmp/absent: No such file" --workload memcg "$tmp/absent"
"$replay" --workload memcg "$trace" >"$tmp/out" || { echo "FAIL: good trace"; fail=1; }
[ -s "$tmp/out" ] || { echo "FAIL: no output"; fail=1; }
[ "$fail" -eq 0 ] && echo ok
exit "$fail"
