// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/fairness.c: per-thread work: min, max, Jain's index. */
#include "bench/bench/fairness.h"

void swtlb_fairness_of(const uint64_t *ops, unsigned int n,
		       struct swtlb_fairness *f)
{
	double sum = 0, sumsq = 0;

	f->known = false;
	f->min = f->max = 0;
	f->jain = 0;
	if (!n)
		return;
	f->min = f->max = ops[0];
	for (unsigned int i = 0; i < n; i++) {
		double x = (double)ops[i];

		if (ops[i] < f->min)
			f->min = ops[i];
		if (ops[i] > f->max)
			f->max = ops[i];
		sum += x;
		sumsq += x * x;
	}
	if (sumsq <= 0)
		return; /* nobody did anything: no share to judge */
	f->jain = sum * sum / ((double)n * sumsq);
	f->known = true;
}
