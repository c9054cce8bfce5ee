#!/usr/bin/env python3
"""scripts/model grant: the table of docs/schemes.md "Error against slow
paths" from OUTDIR/grant.csv (swtlb-sim --model-out rows of none,
escrow, escrow-grant and escrow-tier run with --grant G).

One row per scenario, CPUs, scheme and grant: the mark's error, the bound
(G), every slow path per 1000 maps after the warm-up (the scheme's coord=,
its statistics at the end less those at the warm-up, `warm_stats`), the
machine-wide ones (escrow-tier's remote=; every one of the others'), and
the package + remote transfers per pair beyond none's in the same cell.

The CSV is the model's own output, read by column name; a cell is printed
as a number or a fixed set of names, never raw text from the file.
"""
import csv
import math
import re
import sys

SAFE = re.compile(r"[^A-Za-z0-9_.+ -]")


def stat(text, name):
    """The number after name= in a stats string, or None."""
    m = re.search(r"(?:^| )%s=([0-9]+)" % re.escape(name), text or "")
    return int(m.group(1)) if m else None


def per_1000(row, name):
    now, warm = stat(row["stats"], name), stat(row.get("warm_stats"), name)
    try:
        maps = int(row["maps"])
    except ValueError:
        return "?"
    if now is None or warm is None or maps == 0:
        return "-"
    return "%.1f" % (1000.0 * (now - warm) / maps)


def finite(text):
    """The number in text, or None for anything else (nan, inf, words)."""
    try:
        v = float(text)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def error(row):
    rep, truth = finite(row["hiwater_reported"]), finite(row["hiwater_truth"])
    if rep is None or not truth:
        return "-"
    return "%+.1f%% (%+d)" % (100.0 * (rep / truth - 1), int(rep - truth))


def scenario(row):
    return "mkelley" if row["size_dist"].startswith("mkelley") else "mixed"


def remote(row):
    return finite(row["remote_per_pair"])


def main(path):
    rows = list(csv.DictReader(open(path, newline="")))
    base = {(scenario(r), r["cpus"]): remote(r)
            for r in rows if r["scheme"] == "none"}
    print("| scenario | CPUs | scheme | grant G (bound) | error of the mark "
          "| slow paths / 1000 maps | of them machine-wide "
          "| package + remote / pair over none's |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        s = r["scheme"]
        if s not in ("escrow", "escrow-grant", "escrow-tier"):
            continue
        key = (scenario(r), r["cpus"])
        grant = stat(r["stats"], "grant") or 0
        own = remote(r)
        over = ("%.3f" % (own - base[key])
                if own is not None and base.get(key) is not None else "-")
        wide = "remote" if s == "escrow-tier" else "coord"
        print("| %s | %s | `%s` | %d | %s | %s | %s | %s |" % (
            key[0], SAFE.sub("?", key[1])[:6], s, grant, error(r),
            per_1000(r, "coord"), per_1000(r, wide), over))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: grant_table.py OUTDIR/grant.csv")
    main(sys.argv[1])
