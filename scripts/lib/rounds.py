#!/usr/bin/env python3
"""scripts/model validate, round by round: each round projected at the
hand-off measured right before it (swtlb-bench --handoff-each rep).

  rounds.py split MEASURED DIR
      For each round (rep) of the validated rows (paired_ratios.load:
      swiotlb, compact, bounce 0, 4k, 2 threads), the hand-off pairs its
      rows carry. Each distinct set of pairs gets one file
      DIR/round-lat-K.csv (the header and that round's validated rows) for
      swtlb-sim --lat-from, so a latency is projected once however many
      rounds share it. Prints "REP<TAB>K" per round, K "-" for a round
      without a measured hand-off.
  rounds.py table MEASURED MAP RUN_MODEL SCHEMES
      MAP: "REP<TAB>MODEL_CSV" lines, the projection (swtlb-sim
      --model-out) at each round's latency; RUN_MODEL: the projection at
      the run's one latency (the summary's), also that of a round MAP
      does not name (no hand-off of its own, or SWTLB_MODEL_LAT_FROM). Prints docs/sim.md's
      per-round table and its summary in Markdown.

Everything printed is a number, a rep index, or a layout or scheme name
of the fixed list validate projects (SCHEMES, comma-separated): nothing
of the file's text reaches the terminal. MEASURED has passed
swtlb-report's checks (regular file, size cap, well-formed) first.
"""
import csv
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paired_ratios import load, validated  # noqa: E402

LAYOUTS = ("packed", "padded")
CLASSES = ("smt", "cache", "package", "node", "remote")
# A round whose none (packed) ran below this share of its fastest round
# is a slow one: the host's slow phase (docs/sim.md). The fastest, not the
# median: in a run mostly in the slow phase the median is a slow round.
SLOW = 0.8
# A round whose hand-off after (the next round's pre-flight) is more than
# this many times its hand-off before, or less than 1/this, may have
# changed phase while it ran: its one latency is then a guess.
SWITCH = 2.0


def measured_pairs(text):
    """The entries of a handoff_pairs cell that carry a figure."""
    return tuple(sorted(e for e in text.split(";") if "=" in e
                        and not e.endswith("=?")))


def split(path, outdir):
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, [r for r in reader if validated(r)]
    pairs = {}  # rep -> the measured pairs of its rows
    for r in rows:
        pairs.setdefault(int(r["rep"]), set()).update(
            measured_pairs(r.get("handoff_pairs") or ""))
    files = {}  # distinct pairs -> K
    for rep in sorted(pairs):
        k = tuple(sorted(pairs[rep]))
        if not k:
            print("%d\t-" % rep)
            continue
        if k not in files:
            files[k] = len(files)
            name = os.path.join(outdir, "round-lat-%d.csv" % files[k])
            with open(name, "w", newline="") as out:
                w = csv.DictWriter(out, header, lineterminator="\n")
                w.writeheader()
                w.writerows(r for r in rows if int(r["rep"]) == rep)
        print("%d\t%d" % (rep, files[k]))


def projections(path):
    """(area_layout, scheme) -> projected pairs/s, and the latencies (a
    short text: the classes not at their default) of a model CSV."""
    proj, lat = {}, "defaults"
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            try:
                proj[(r["area_layout"], r["scheme"])] = float(
                    r["projected_pairs_per_s"])
                src = dict(kv.split("=", 1)
                           for kv in r["lat_source"].split(";"))
                # node: model_schema 4 on (absent before: not listed).
                used = ["%s %.1f" % (c, float(r["lat_%s_ns" % c]))
                        for c in CLASSES
                        if src.get(c, "default") != "default"]
            except (KeyError, ValueError):
                continue
            lat = ", ".join(used) or "defaults"
    return proj, lat


def ratio(table, layout, scheme, base_layout=None):
    num = table.get((layout, scheme))
    den = table.get((base_layout or layout, "none"))
    return num / den if num and den else None


def handoffs(cells):
    """rep -> median one-way hand-off (ns) of the round's rows."""
    per = {}
    for key, text in cells.items():
        try:
            v = float(text)
        except ValueError:
            continue
        if 0 < v < 1e6:
            per.setdefault(int(key[2]), []).append(v)
    return {rep: statistics.median(v) for rep, v in per.items()}


def comparisons(schemes):
    """(label layout, label scheme, num (layout, scheme), den layout)."""
    out = [(l, s, (l, s), l) for l in LAYOUTS for s in schemes
           if s != "none"]
    return out + [("padded / packed", "none", ("padded", "none"), "packed")]


def fmt(x, spec):
    return spec % x if x is not None else "-"


def table(path, mapfile, run_model, schemes):
    runs, cells = load(path, ("handoff_ns",))
    ho = handoffs(cells["handoff_ns"])
    run = projections(run_model)
    rounds = {int(r): run for (_, _, r) in runs}
    with open(mapfile) as f:
        for line in f:
            rep, model = line.rstrip("\n").split("\t")
            rounds[int(rep)] = projections(model)
    run_proj = run[0]
    reps = sorted(rounds)
    none = {r: runs.get(("packed", "none", str(r))) for r in reps}
    known = [v for v in none.values() if v]
    top = max(known) if known else None
    slow = {r for r in reps if none[r] and top and none[r] < SLOW * top}
    print("Each round at its own hand-off: measured 2T ratio of the round, "
          "projected at the transfer latency of the hand-off measured "
          "right before it (after: the next round's, taken right after "
          "this one's last row); fit = projected / measured - 1; slow: "
          "packed none below %d%% of its fastest round; switched: the "
          "hand-off after is over %gx or under 1/%gx the one before (the "
          "host may have changed phase during the round)." %
          (100 * SLOW, SWITCH, SWITCH))
    print()
    seen = {ho.get(r) for r in reps}
    if seen == {None}:
        print("No round carries a measured hand-off: every round is "
              "projected at the run's latency.")
        print()
    elif len(reps) > 1 and len(seen) == 1:
        print("Every round carries the same hand-off: one pre-flight for "
              "the whole file (run without swtlb-bench --handoff-each rep?),"
              " so every round is projected at one latency.")
        print()
    print("| area layout | scheme | round | none packed M pairs/s "
          "| hand-off ns before / after | transfer ns "
          "| measured / none | projected / none | fit |")
    print("|---|---|---|---|---|---|---|---|---|")
    fits = {}
    for label, scheme, num, den in comparisons(schemes):
        for i, r in enumerate(reps):
            a, b = runs.get(num + (str(r),)), runs.get((den, "none", str(r)))
            proj, lat = rounds[r]
            p = ratio(proj, num[0], num[1], den)
            if not (a and b and p):
                continue
            m = a / b
            single = ratio(run_proj, num[0], num[1], den)
            fits.setdefault((label, scheme), []).append(
                (r, p / m - 1, single / m - 1 if single else None))
            after = ho.get(reps[i + 1]) if i + 1 < len(reps) else None
            before = ho.get(r)
            switched = bool(before and after and
                            max(before, after) > SWITCH * min(before, after))
            print("| %s | %s | %d%s%s | %s | %s / %s | %s | %.2f | %.2f "
                  "| %+.0f%% |" % (
                      label, scheme, r, " slow" if r in slow else "",
                      " switched" if switched else "",
                      fmt(none[r] and none[r] / 1e6, "%.2f"),
                      fmt(ho.get(r), "%.1f"), fmt(after, "%.1f"), lat, m, p,
                      100 * (p / m - 1)))
    print()
    print("Median fit over the rounds, each at its own latency against all "
          "at the run's one latency (the summary's), and over the slow "
          "rounds alone:")
    print()
    print("| area layout | scheme | rounds | median fit, own latency "
          "| median fit, run's latency | slow rounds | their median fit, "
          "own latency | their median fit, run's latency |")
    print("|---|---|---|---|---|---|---|---|")
    for (label, scheme), f in fits.items():
        def med(rows, i):
            v = [x[i] for x in rows if x[i] is not None]
            return fmt(100 * statistics.median(v) if v else None,
                       "%+.0f%%")
        s = [x for x in f if x[0] in slow]
        print("| %s | %s | %d | %s | %s | %d | %s | %s |" % (
            label, scheme, len(f), med(f, 1), med(f, 2), len(s),
            med(s, 1) if s else "-", med(s, 2) if s else "-"))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "split":
        split(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 6 and sys.argv[1] == "table":
        table(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5].split(","))
    else:
        sys.exit("usage: rounds.py split MEASURED DIR | "
                 "table MEASURED MAP RUN_MODEL SCHEMES")
