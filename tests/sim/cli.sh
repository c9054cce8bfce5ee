#!/usr/bin/env bash
# tests/sim/cli.sh SIM REPLAY: swtlb-sim's command line, CSV and trace.
set -u
sim=$1 replay=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# Bad input: exit 2, exactly one line on stderr naming the problem.
bad() { # expected-substring args...
  local want=$1 rc lines
  shift
  "$sim" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  lines=$(wc -l <"$tmp/err")
  [ "$rc" -eq 2 ] || fail "$* -> exit $rc, expected 2"
  [ "$lines" -eq 1 ] || fail "$* -> $lines lines on stderr"
  grep -q -- "$want" "$tmp/err" || fail "$* -> '$(cat "$tmp/err")' lacks '$want'"
  [ -s "$tmp/out" ] && fail "$* -> wrote to stdout"
}
bad "unknown option" --bogus
bad "--cpus" --cpus 0
bad "--cpus" --cpus 12x
bad "--cpus" --cpus -3
bad "needs a value" --cpus
bad "unknown scenario" --scenario nope
bad "unknown scheme" --schemes global-atomic,nope
bad "need" --small 4k
bad "--sizes" --sizes 4q
bad "--nslabs" --nslabs 1000 --nareas 8
bad "--nareas" --nareas 3
bad "--big" --scenario mkelley --big 4k-8k
bad "--service-us" --service-us 9-3
bad "--remote-pct" --remote-pct 101
bad "unexpected argument" extra
bad "--sizes" --scenario mkelley --sizes 4k
bad "--service-us" --service-us -1
bad "--cpus" --cpus " 8"
bad "--cpus" --cpus 0x
bad "--grant" --grant -1
bad "--grant" --grant 99999999
bad "--grant" --grant 32k
bad "--ios" --ios 99999999999999999999
# An unwritable --emit-trace fails before any output, leaving no file.
bad "x.trace: No such file" --ios 100 --emit-trace "$tmp/no/such/dir/x.trace"
bad "x.trace: No such file" --ios 100 --out "$tmp/ro.csv" --emit-trace "$tmp/no/x.trace"
[ -e "$tmp/ro.csv" ] && fail "--out written although --emit-trace failed"
bad "same file" --ios 100 --out "$tmp/same.csv" --emit-trace "$tmp/same.csv"
[ -e "$tmp/same.csv" ] && fail "--out and --emit-trace on one file wrote it"
# Numbers are decimal (0x hex only for --min-align-mask), never octal:
# 010 CPUs is ten.
"$sim" --ios 100 --schemes none --cpus 010 >/dev/null 2>"$tmp/err" ||
  fail "--cpus 010 failed"
grep -q "^swtlb-sim: 10 virtual CPUs" "$tmp/err" || fail "--cpus 010 is not 10"

"$sim" --help >"$tmp/help" 2>&1 || fail "--help exits non-zero"
grep -q "scenario mkelley" "$tmp/help" || fail "--help lacks the scenario"

# CSV on stdout: header + one row per scheme, workload swiotlb simulated
# (layout virtual), no timing.
"$sim" --scenario mkelley --schemes all >"$tmp/all.csv" 2>"$tmp/table" ||
  fail "mkelley run failed"
nschemes=$("$replay" --list-schemes | wc -l)
rows=$(($(wc -l <"$tmp/all.csv") - 1))
[ "$rows" -eq "$nschemes" ] || fail "$rows rows for $nschemes schemes"
grep -q "^area-hiwater " "$tmp/table" || fail "no table on stderr"
col() { # name file -> values of that column, by header name
  awk -F, -v n="$1" 'NR==1{for(i=1;i<=NF;i++) if($i==n) c=i; next}
    {print $c}' "$2"
}
[ "$(col workload "$tmp/all.csv" | sort -u)" = swiotlb ] || fail "workload not swiotlb"
[ "$(col layout "$tmp/all.csv" | sort -u)" = virtual ] || fail "layout not virtual"
[ -z "$(col wall_ns "$tmp/all.csv" | sort -u)" ] || fail "wall_ns not empty"
[ -z "$(col ns_per_op "$tmp/all.csv" | sort -u)" ] || fail "ns_per_op not empty"
truth=$(col hiwater_truth "$tmp/all.csv" | sort -u)
[ "$(echo "$truth" | wc -l)" -eq 1 ] || fail "schemes disagree on the truth"

# --out as swtlb-bench's: an existing file is refused, --resume appends
# rows (the header once, the file's run_id kept); a foreign file is never
# appended to.
"$sim" --ios 500 --schemes none,escrow --out "$tmp/r.csv" 2>/dev/null || fail "--out"
bad "add --resume" --ios 500 --schemes escrow --out "$tmp/r.csv"
"$sim" --ios 500 --schemes escrow --out "$tmp/r.csv" --resume 2>/dev/null || fail "--out --resume"
[ "$(col run_id "$tmp/r.csv" | sort -u | wc -l)" -eq 1 ] || fail "run_id not kept"
[ "$(grep -c '^schema_version' "$tmp/r.csv")" -eq 1 ] || fail "header repeated"
[ "$(wc -l <"$tmp/r.csv")" -eq 4 ] || fail "expected 3 rows in r.csv"
echo "a,b" >"$tmp/foreign.csv"
bad "not this schema" --ios 10 --out "$tmp/foreign.csv" --resume
[ "$(cat "$tmp/foreign.csv")" = "a,b" ] || fail "foreign file changed"
bad "needs --out" --ios 10 --resume
bad "no simulator model" --workload harness
bad "unknown workload" --workload nosuch

# --emit-trace: swtlb-replay reproduces the truth and the per-area sum.
"$sim" --cpus 16 --remote-pct 20 --ios 3000 --sizes 4k-512k \
  --schemes global-atomic --emit-trace "$tmp/t.trace" >"$tmp/t.csv" 2>/dev/null ||
  fail "--emit-trace run failed"
oracle=$(grep -o 'hiwater_exact=[0-9]*' "$tmp/t.trace" | cut -d= -f2)
areas=$(grep -o 'area_hiwater_sum=[0-9]*' "$tmp/t.trace" | cut -d= -f2)
[ "$oracle" = "$(col hiwater_truth "$tmp/t.csv")" ] || fail "oracle != CSV truth"
got=$("$replay" --scheme global-atomic --report-hiwater "$tmp/t.trace" | tail -1)
[ "$got" = "hiwater $oracle" ] || fail "replay global-atomic: '$got', want $oracle"
got=$("$replay" --scheme area-hiwater --report-hiwater "$tmp/t.trace" | tail -1)
[ "$got" = "hiwater $areas" ] || fail "replay area-hiwater: '$got', want $areas"
last=$("$replay" "$tmp/t.trace" | tail -1)
[ "$last" = "used 0$(printf ' 0%.0s' $(seq 16))" ] || fail "replay ends with '$last'"
[ -e "$tmp/t.trace.tmp" ] && fail "temporary trace left behind"

# A pool too small for the big I/Os: they fail, and the run still ends.
timeout 60 "$sim" --scenario mkelley --nslabs 1024 --schemes none \
  >"$tmp/small.csv" 2>/dev/null || fail "mkelley on a 2 MiB pool did not end"
[ "$(col map_failures "$tmp/small.csv")" -gt 0 ] 2>/dev/null ||
  fail "no map failures on a 2 MiB pool"


# The coherence model (--model): flags need it; the topology must hold
# --cpus PUs; --model-out is a regular file of its own header.
bad "need --model" --lat-cache 50
bad "need --model" --topology 'synthetic:pack:1 core:2 pu:1'
bad "fewer than --cpus 8" --model --topology 'synthetic:pack:1 core:2 pu:2'
bad "--topology" --model --topology 'synthetic:nonsense'
bad "directory" --model --topology 'synthetic:pack:1 core:2 pu:1' --cpus 2 \
  --model-out "$tmp"
echo "not,a,model,csv" >"$tmp/other.csv"
bad "header differs" --model --topology 'synthetic:pack:1 core:2 pu:1' --cpus 2 \
  --model-out "$tmp/other.csv"
bad "packed or padded" --area-layout diagonal
bad "above 256 KiB" --scenario loop --sizes 1m
mcol() { # name file -> values of that model CSV column
  awk -F, -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i
    next } { print $c }' "$2"
}
# Two SMT siblings in swtlb-bench's loop: with padded areas, none moves no
# line at all; packed, the shared area line moves; global-atomic moves
# io_tlb_mem's line on top. Rows append to one file, header once.
for lay in packed padded; do
  "$sim" --scenario loop --cpus 2 --sizes 4k --ios 20000 --area-layout "$lay" \
    --schemes none,global-atomic --model \
    --topology 'synthetic:pack:1 core:1 pu:2' --model-out "$tmp/m.csv" \
    >/dev/null 2>"$tmp/m.err" || fail "--model ($lay) failed"
done
grep -q "busiest line" "$tmp/m.err" || fail "--model printed no table"
[ "$(grep -c '^model_schema' "$tmp/m.csv")" -eq 1 ] || fail "model CSV header"
[ "$(($(wc -l <"$tmp/m.csv") - 1))" -eq 4 ] || fail "model CSV rows"
mapfile -t x < <(mcol xfer_smt "$tmp/m.csv")
mapfile -t o < <(mcol xfer_cache "$tmp/m.csv")
awk -v p="${x[0]}" -v g="${x[1]}" -v q="${x[2]}" -v h="${x[3]}" 'BEGIN {
  exit !(p > 0.5 && g > p + 0.5 && q == 0 && h > 0.5) }' ||
  fail "transfers none/ga packed ${x[0]} ${x[1]}, padded ${x[2]} ${x[3]}"
[ "${o[*]}" = "0.0000 0.0000 0.0000 0.0000" ] ||
  fail "SMT siblings made cache-class transfers: ${o[*]}"
# The node class (model_schema 4): two NUMA nodes in each package (SNC,
# NPS) make global-atomic's line cross nodes inside a package, counted as
# node and in remote_per_pair (it leaves the L3); with one node per
# package the same pairs are package. Exact counts: the model is
# deterministic.
for t in 'pack:2 numa:2 l3:1 core:2 pu:1' 'pack:2 l3:2 core:2 pu:1'; do
  "$sim" --scenario loop --cpus 8 --sizes 4k --ios 4000 \
    --schemes global-atomic --model --topology "synthetic:$t" \
    --model-out "$tmp/n.csv" >/dev/null 2>"$tmp/n.err" ||
    fail "--model ($t) failed"
done
grep -q ' node remote ns/pair' "$tmp/n.err" || fail "no node column on stderr"
python3 - "$tmp/n.csv" <<'PY' || fail "node class: $(cat "$tmp/n.csv")"
import csv, sys
snc, one = csv.DictReader(open(sys.argv[1]))
f = lambda r, k: float(r[k])
assert snc["model_schema"] == one["model_schema"] == "4"
assert f(snc, "xfer_node") > 0.1 and f(one, "xfer_node") == 0
assert f(snc, "lat_node_ns") == 130 and snc["lat_source"].endswith(";node=default")
assert f(one, "xfer_package") > 0.1
for r in (snc, one):
    far = f(r, "xfer_package") + f(r, "xfer_node") + f(r, "xfer_remote")
    assert abs(far - f(r, "remote_per_pair")) < 1e-3
    near = f(r, "xfer_smt") + f(r, "xfer_cache")
    assert abs(near + far - f(r, "xfer_per_pair")) < 1e-3
PY
# warm_stats: the scheme's statistics when the model's window opened, so
# coord= there is above 0 (the climb) and below the whole run's.
"$sim" --cpus 32 --sizes 4k:70,16k:20,64k:9,256k:1 --ios 20000 \
  --schemes escrow-tier --model --topology 'synthetic:pack:2 core:8 pu:2' \
  --model-out "$tmp/w.csv" >/dev/null 2>&1 || fail "--model (warm) failed"
python3 - "$tmp/w.csv" <<'PY' || fail "warm_stats not between 0 and stats"
import csv, re, sys
row = next(csv.DictReader(open(sys.argv[1])))
coord = lambda s: int(re.search(r"coord=(\d+)", s).group(1))
sys.exit(not 0 < coord(row["warm_stats"]) < coord(row["stats"]))
PY

[ "$fails" -eq 0 ] && echo "sim cli: all checks passed"
exit $((fails > 0))
