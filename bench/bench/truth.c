// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/truth.c: --truth glue (see the header). */
#include "bench/bench/truth.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench/bench/body.h"
#include "bench/common/truth.h"

int swtlb_bench_truth_thread_init(struct swtlb_bench_run *run, unsigned int idx,
				  struct swtlb_truth_log **log)
{
	size_t cap;

	*log = NULL;
	if (!run->env->opts->truth || !run->cfg->wl->truth_units)
		return 0;
	/* Enough for the window at a generous per-thread rate, within the
	 * budget: touching the pages costs time before every run. */
	cap = (size_t)(SWTLB_BENCH_TRUTH_RECORDS_PER_S *
		       run->env->opts->min_time) +
	      2 * run->env->opts->queue_depth + 1024;
	if (cap > SWTLB_BENCH_TRUTH_BUDGET_BYTES /
		      sizeof(struct swtlb_truth_rec) / run->cfg->threads)
		cap = SWTLB_BENCH_TRUTH_BUDGET_BYTES /
		      sizeof(struct swtlb_truth_rec) / run->cfg->threads;
	*log = swtlb_truth_log_new(cap);
	if (!*log)
		return -1;
	run->truth_logs[idx] = *log;
	return 0;
}

void swtlb_bench_truth_thread_fini(struct swtlb_bench_run *run,
				   unsigned int idx,
				   struct swtlb_truth_log *log)
{
	if (!log)
		return;
	run->truth_logs[idx] = NULL;
	swtlb_truth_log_free(log);
}

void swtlb_bench_truth_merge(struct swtlb_bench_run *run)
{
	struct swtlb_truth_result res;
	char err[200];

	run->truth_known = false;
	if (run->env->opts->truth && !run->cfg->wl->truth_units)
		snprintf(run->truth_note, sizeof(run->truth_note),
			 "workload %s keeps no count: hiwater_truth left "
			 "empty",
			 run->cfg->workload);
	if (!run->env->opts->truth || !run->cfg->wl->truth_units)
		return;
	for (unsigned int t = 0; t < run->cfg->threads; t++) {
		if (!run->truth_logs[t])
			return;
		if (run->truth_logs[t]->overflow) {
			snprintf(run->truth_note, sizeof(run->truth_note),
				 "truth log full (more than %zu operations "
				 "per thread): hiwater_truth left empty; use "
				 "a shorter --min-time",
				 run->truth_logs[t]->cap);
			return;
		}
	}
	if (swtlb_truth_merge(run->truth_logs, run->cfg->threads, 0, &res, err,
			      sizeof(err))) {
		snprintf(run->truth_note, sizeof(run->truth_note),
			 "truth merge: %s", err);
		return;
	}
	run->truth_known = res.known;
	run->truth = res.lo;
	run->truth_hi_known = res.hi_known;
	run->truth_hi = res.hi;
}
