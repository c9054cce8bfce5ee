#!/usr/bin/env python3
"""scripts/model scale: the two Markdown tables of docs/sim.md
("Projections") from OUTDIR/scale.csv, so the doc's figures are a file
the script writes, not hand-copied.

1. Every scheme at 512 virtual CPUs on the 4-package synthetic host:
   transfers per pair, package + node + remote (every transfer that
   leaves the L3: remote_per_pair), ns per pair, ceiling and
   projection in M pairs/s, the busiest line, the mark's error.
2. The hwloc exports, each at its own size: projected M pairs/s with
   package + node + remote transfers per pair in brackets.

The CSV is the model's own output (swtlb-sim --model-out), model_schema 3
or 4 (4 added the node class, counted in remote_per_pair), read by column
name; cells are printed as numbers or a fixed set of names, never raw.
"""
import csv
import re
import sys

BIG = "synthetic:pack:4 l3:2 core:32 pu:2"
SAFE = re.compile(r"[^A-Za-z0-9_().+ -]")


def cell(text):
    """A name from the file, reduced to characters harmless in Markdown."""
    return SAFE.sub("?", text)[:40]


def num(text, fmt):
    try:
        return fmt % float(text)
    except ValueError:
        return "?"


def error(row):
    rep, truth = row["hiwater_reported"], row["hiwater_truth"]
    if not rep or not truth or float(truth) == 0:
        return "-"
    return "%+.1f%%" % (100.0 * (float(rep) / float(truth) - 1))


def main(path):
    rows = list(csv.DictReader(open(path, newline="")))
    print("| scheme | transfers / pair | package + node + remote "
          "| ns / pair "
          "| ceiling M/s | projected M/s | busiest line | error |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        if r["topology"] == BIG and r["cpus"] == "512":
            print("| `%s` | %s | %s | %s | %s | %s | %s | %s |" % (
                cell(r["scheme"]), num(r["xfer_per_pair"], "%.2f"),
                num(r["remote_per_pair"], "%.2f"),
                num(r["ns_per_pair"], "%.0f"),
                num(float(r["ceiling_pairs_per_s"] or 0) / 1e6, "%.1f"),
                num(float(r["projected_pairs_per_s"] or 0) / 1e6, "%.1f"),
                cell(r["hot_line"]), error(r)))
    exports = []
    for r in rows:
        t = r["topology"]
        if t.startswith("xml:"):
            name = cell(t.rsplit("/", 1)[-1].removesuffix(".xml"))
            if (name, r["cpus"]) not in exports:
                exports.append((name, r["cpus"]))
    if not exports:
        return
    print()
    print("| scheme | " + " | ".join("%s (%s CPUs)" % e for e in exports)
          + " |")
    print("|---|" + "---|" * len(exports))
    schemes = []
    for r in rows:
        if r["topology"].startswith("xml:") and r["scheme"] not in schemes:
            schemes.append(r["scheme"])
    for s in schemes:
        cells = []
        for name, cpus in exports:
            hit = [r for r in rows if r["scheme"] == s and r["cpus"] == cpus
                   and r["topology"].startswith("xml:")
                   and cell(r["topology"].rsplit("/", 1)[-1]
                            .removesuffix(".xml")) == name]
            cells.append("%s (%s)" % (
                num(float(hit[0]["projected_pairs_per_s"] or 0) / 1e6, "%.1f"),
                num(hit[0]["remote_per_pair"], "%.2f")) if hit else "-")
        print("| `%s` | %s |" % (cell(s), " | ".join(cells)))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: scale_tables.py OUTDIR/scale.csv")
    main(sys.argv[1])
