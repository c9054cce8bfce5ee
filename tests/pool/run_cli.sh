#!/usr/bin/env bash
# Bad command lines: exit status 2, one line on stderr naming the problem,
# nothing on stdout. usage: run_cli.sh SWTLB_REPLAY GOOD_TRACE
set -u
replay=$1 good=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0

expect_error() { # words, args...
  local words=$1
  shift
  "$replay" "$@" >"$tmp/out" 2>"$tmp/err"
  local status=$?
  if [ "$status" -ne 2 ] || [ -s "$tmp/out" ] ||
     [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -qF -- "$words" "$tmp/err"; then
    echo "FAIL: $* -> status $status, stderr: $(cat "$tmp/err")"
    fails=$((fails + 1))
  else
    echo "ok: $* -> $(cat "$tmp/err")"
  fi
}

expect_error 'unknown scheme "no-such-scheme"' --scheme no-such-scheme "$good"
expect_error "unknown option '--frobnicate'" --frobnicate "$good"
expect_error 'needs a value' "$good" --scheme
expect_error 'unknown --kconfig "dynamic-maybe"' --kconfig dynamic-maybe "$good"
expect_error 'unknown --area-layout "sparse"' --area-layout sparse "$good"
expect_error 'no TRACE given'
expect_error 'more than one TRACE given' "$good" "$good"
expect_error "$tmp/missing.trace: cannot open" "$tmp/missing.trace"

# And the good trace replays with status 0.
if ! "$replay" "$good" >"$tmp/out" 2>"$tmp/err" || [ -s "$tmp/err" ] ||
   ! tail -n 1 "$tmp/out" | grep -q '^used '; then
  echo "FAIL: good trace: $(cat "$tmp/err")"
  fails=$((fails + 1))
fi
exit "$fails"
