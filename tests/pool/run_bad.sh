#!/usr/bin/env bash
# A malformed trace: exit status 2, nothing on stdout, exactly one line on
# stderr that starts with "TRACE:LINE: " and contains the expected words.
# The trace's first line says what to expect:  # expect LINE: words
# usage: run_bad.sh SWTLB_REPLAY TRACE [replay options...]
set -u
replay=$1 trace=$2
shift 2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

head=$(head -n 1 "$trace")
line=$(sed -n 's/^# expect \([0-9]*\): .*/\1/p' <<<"$head")
words=$(sed -n 's/^# expect [0-9]*: //p' <<<"$head")
[ -n "$line" ] && [ -n "$words" ] || { echo "bad fixture header: $head"; exit 1; }

"$replay" "$@" "$trace" >"$tmp/out" 2>"$tmp/err"
status=$?
fail=0
[ "$status" -eq 2 ] || { echo "exit status $status, want 2"; fail=1; }
[ ! -s "$tmp/out" ] || { echo "stdout not empty:"; head -3 "$tmp/out"; fail=1; }
[ "$(wc -l <"$tmp/err")" -eq 1 ] || { echo "stderr is not one line:"; cat "$tmp/err"; fail=1; }
msg=$(head -n 1 "$tmp/err")
case $msg in
  "$trace:$line: "*) ;;
  *) echo "message '$msg' does not start with '$trace:$line: '"; fail=1 ;;
esac
case $msg in
  *"$words"*) ;;
  *) echo "message '$msg' lacks '$words'"; fail=1 ;;
esac
[ "$fail" -eq 0 ] && echo "ok: $msg"
exit "$fail"
