// SPDX-License-Identifier: GPL-2.0-only
/* bench/swtlb_bench_truth.c: --truth glue (see the header). */
#include "bench/swtlb_bench_truth.h"

#include <stddef.h>

#include "bench/swtlb_bench_body.h"

int swtlb_bench_truth_thread_init(struct swtlb_bench_run *run, unsigned int idx,
				  void **log)
{
	(void)run;
	(void)idx;
	*log = NULL;
	return 0;
}

void swtlb_bench_truth_thread_fini(struct swtlb_bench_run *run,
				   unsigned int idx, void *log)
{
	(void)run;
	(void)idx;
	(void)log;
}

void swtlb_bench_truth_merge(struct swtlb_bench_run *run)
{
	run->truth_known = false;
}
