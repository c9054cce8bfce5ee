// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/phases.c: the --phases line of a run (see body.h). */
#include <stdatomic.h>
#include <stdio.h>

#include "bench/bench/body.h"

void swtlb_bench_phases_format(const struct swtlb_bench_run *run, char *buf,
			       size_t len)
{
	const int64_t *t = run->phase_ns;
	int64_t first = atomic_load(&run->entered_first);
	int64_t last = atomic_load(&run->entered_last);
	int64_t lo = run->res[0].start_ns, hi = lo;
	unsigned int idle = 0;

	/* Oversubscribed, a thread may first run long after the start, or
	 * only after the stop: the spread and the threads with no op. */
	for (unsigned int i = 0; i < run->cfg->threads; i++) {
		int64_t s = run->res[i].start_ns;

		lo = s < lo ? s : lo;
		hi = s > hi ? s : hi;
		idle += run->res[i].ops == 0;
	}
	snprintf(
	    buf, len,
	    "threads entered over %.1f ms, prepared %.1f ms, fill %.1f "
	    "ms, window %.1f ms as thread 0 saw it (stop raised %.1f ms "
	    "after its start; starts spread over %.1f ms; %u of %u "
	    "threads did no op), drain %.1f ms, teardown %.1f ms",
	    (double)(last - first) / 1e6,
	    (double)(t[SWTLB_PHASE_PREPARED] - first) / 1e6,
	    (double)(t[SWTLB_PHASE_FILLED] - t[SWTLB_PHASE_PREPARED]) / 1e6,
	    (double)(t[SWTLB_PHASE_WINDOW_END] - t[SWTLB_PHASE_FILLED]) / 1e6,
	    (double)(run->stop_raised_ns - t[SWTLB_PHASE_FILLED]) / 1e6,
	    (double)(hi - lo) / 1e6, idle, run->cfg->threads,
	    (double)(t[SWTLB_PHASE_DRAINED] - t[SWTLB_PHASE_WINDOW_END]) / 1e6,
	    (double)(t[SWTLB_PHASE_TORN_DOWN] - t[SWTLB_PHASE_DRAINED]) / 1e6);
}
