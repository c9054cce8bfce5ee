/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/truth.h: --truth in swtlb-bench, over bench/common/truth.h.
 *
 * Each worker gets a preallocated log sized for its share of a fixed memory
 * budget; every map and unmap of the run (the fill before the window, the
 * window, the drain after it) is recorded, so the merge starts from an
 * empty pool. A log that overflows makes the truth unknown (empty cell).
 */
#ifndef SWTLB_BENCH_TRUTH_GLUE_H
#define SWTLB_BENCH_TRUTH_GLUE_H

#include <stddef.h>

struct swtlb_bench_run;
struct swtlb_truth_log;

/* Log records per worker: RECORDS_PER_S x --min-time (two records per
 * map+unmap pair, well above what a logged loop reaches), within a memory
 * budget shared by the workers. */
#define SWTLB_BENCH_TRUTH_RECORDS_PER_S 16e6
#define SWTLB_BENCH_TRUTH_BUDGET_BYTES	(1UL << 30)

/* NULL in *log without --truth (or for a workload without a count); 0, or -1 if
 * out of memory. */
int swtlb_bench_truth_thread_init(struct swtlb_bench_run *run, unsigned int idx,
				  struct swtlb_truth_log **log);
void swtlb_bench_truth_thread_fini(struct swtlb_bench_run *run,
				   unsigned int idx,
				   struct swtlb_truth_log *log);
/* Thread 0 after the run: merges the logs into run->truth. */
void swtlb_bench_truth_merge(struct swtlb_bench_run *run);

#endif /* SWTLB_BENCH_TRUTH_GLUE_H */
