#!/usr/bin/env python3
"""The measured side of `scripts/model validate`: 2-thread ratios of each
scheme to `none`, paired within a round.

swtlb-bench runs rep r of every configuration in one round, so a scheme's
rep r and none's rep r ran seconds apart, in the same state of the host.
This host is bimodal (whole rounds run at about 60% of the others): a ratio
of two medians can pair a fast scheme run with a slow none run, a ratio per
round cannot. Prints, tab-separated, "LAYOUT/SCHEME<TAB>median ratio<TAB>
median ops/s<TAB>each round's ratio, in round order" for every scheme but
none, and "padded-over-packed/none" for none's padded over its packed.

Rows used: workload swiotlb, layout compact, bounce 0, sizes 4k, threads 2,
ops_per_sec > 0. The file has passed swtlb-report's checks (regular file,
size cap, well-formed) before this reads it.
"""
import csv
import statistics
import sys


def paired(runs, num, den):
    """num's ops/s over den's, round by round: median, num's median ops/s,
    and the rounds' ratios in round order; None if no round has both."""
    rounds = sorted((r for (l, s, r) in runs if (l, s) == num
                     and (den[0], den[1], r) in runs), key=int)
    if not rounds:
        return None
    ratios = [runs[num + (r,)] / runs[den + (r,)] for r in rounds]
    return "%.6f\t%.1f\t%s" % (
        statistics.median(ratios),
        statistics.median([runs[num + (r,)] for r in rounds]),
        " ".join("%.2f" % x for x in ratios))


def validated(row):
    """(area_layout, scheme, rep, ops/s) of a row validate compares, or
    None for any other row or one without a usable rate or rep."""
    try:
        if (row["workload"], row["layout"], row["bounce"], row["size_dist"],
                row["threads"]) != ("swiotlb", "compact", "0", "4k", "2"):
            return None
        ops = float(row["ops_per_sec"])
        key = (row["area_layout"], row["scheme"], row["rep"])
    except (KeyError, ValueError, TypeError):
        return None
    if 0 < ops < float("inf") and key[2].isascii() and key[2].isdigit():
        return key[:2] + (str(int(key[2])), ops)  # "007" is round 7
    return None


def load(path, extra=()):
    """The validated rows: (area_layout, scheme, rep) -> ops/s, and, for
    each column named in extra, (area_layout, scheme, rep) -> its text."""
    runs, cells = {}, {c: {} for c in extra}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            v = validated(row)
            if v:
                runs[v[:3]] = v[3]
                for c in extra:
                    cells[c][v[:3]] = row.get(c) or ""
    return (runs, cells) if extra else runs


def main(path):
    runs = load(path)
    out = []
    keys = sorted({(l, s) for (l, s, _) in runs})
    for layout, scheme in keys:
        if scheme == "none":
            continue
        line = paired(runs, (layout, scheme), (layout, "none"))
        if line:
            out.append("%s/%s\t%s" % (layout, scheme, line))
    line = paired(runs, ("padded", "none"), ("packed", "none"))
    if line:
        out.append("padded-over-packed/none\t" + line)
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: paired_ratios.py RESULTS.csv")
    main(sys.argv[1])
