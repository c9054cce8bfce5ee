/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/swtlb_bench_truth.h: --truth in swtlb-bench, over bench/truth.h.
 */
#ifndef SWTLB_BENCH_TRUTH_H
#define SWTLB_BENCH_TRUTH_H

struct swtlb_bench_run;

/* Per-thread log (NULL without --truth); 0 or -1 when out of memory. */
int swtlb_bench_truth_thread_init(struct swtlb_bench_run *run, unsigned int idx,
				  void **log);
void swtlb_bench_truth_thread_fini(struct swtlb_bench_run *run,
				   unsigned int idx, void *log);
/* Thread 0 after the run: merges the logs into run->truth. */
void swtlb_bench_truth_merge(struct swtlb_bench_run *run);

#endif /* SWTLB_BENCH_TRUTH_H */
