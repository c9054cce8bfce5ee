/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/fairness.h: how evenly the threads of one run shared the
 * work (issue 12, item 4). A mean over threads hides a run in which one
 * pinned thread did 7x the pairs of the other; these figures do not.
 */
#ifndef SWTLB_BENCH_FAIRNESS_H
#define SWTLB_BENCH_FAIRNESS_H

#include <stdbool.h>
#include <stdint.h>

struct swtlb_fairness {
	bool known; /* false for no thread, or no work at all */
	uint64_t min, max;
	double jain; /* (sum x)^2 / (n sum x^2): 1 equal, 1/n one did all */
};

void swtlb_fairness_of(const uint64_t *ops, unsigned int n,
		       struct swtlb_fairness *f);

#endif /* SWTLB_BENCH_FAIRNESS_H */
