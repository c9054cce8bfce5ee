/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/row.h: the CSV row of one finished run (docs/csv.md): what
 * ran, from the plan, and what it measured, from the counters the run
 * handed to Google Benchmark and its perf values; the pre-flight's
 * placement and hand-off cells (preflight.h).
 */
#ifndef SWTLB_BENCH_ROW_H
#define SWTLB_BENCH_ROW_H

#include <stdbool.h>
#include <stddef.h>

#include "bench/bench/body.h"
#include "bench/bench/plan.h"
#include "bench/bench/preflight.h"
#include "bench/common/csv.h"

/* The row with its newline in buf: its length, or -1 with a reason (no
 * measurement reported, too long). *truth_known: hiwater_truth filled. */
int swtlb_bench_format_row(
    const struct swtlb_bench_plan *plan, const struct swtlb_bench_opts *opts,
    const struct swtlb_preflight *pf, const struct swtlb_host_meta *meta,
    const struct swtlb_gb_run *r, const struct swtlb_bench_run *run, char *buf,
    size_t len, bool *truth_known, char *err, size_t errlen);

#endif /* SWTLB_BENCH_ROW_H */
