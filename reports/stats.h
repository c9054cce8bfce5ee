/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reports/stats.h: the statistics of a report: median and range over
 * repetitions, and the two-sided Mann-Whitney U test between two schemes.
 */
#ifndef SWTLB_REPORTS_STATS_H
#define SWTLB_REPORTS_STATS_H

#include <stddef.h>

/* Median of n > 0 values (mean of the middle two when n is even). */
double stats_median(const double *v, size_t n);
double stats_min(const double *v, size_t n);
double stats_max(const double *v, size_t n);

/* Below this many samples on either side no p-value is given ("n/a"). */
#define MWU_MIN_SAMPLES 3
/* Largest per-side sample count for which the exact distribution is used. */
#define MWU_EXACT_MAX 30

enum mwu_method {
	MWU_NA,	    /* fewer than MWU_MIN_SAMPLES on a side */
	MWU_EXACT,  /* exact null distribution of U (no ties, small samples) */
	MWU_NORMAL, /* normal approximation, tie-corrected, continuity 0.5 */
};

struct mwu_result {
	enum mwu_method method;
	double u;     /* U of the first sample: pairs (a, b) with a > b,
			 ties counting one half */
	double p;     /* two-sided p-value; meaningless for MWU_NA */
	double min_p; /* the smallest p these sample sizes allow */
};

struct mwu_result stats_mann_whitney(const double *a, size_t na,
				     const double *b, size_t nb);
/*
 * Exact P(U <= u) under the null hypothesis for sample sizes m and n
 * (no ties): the number of arrangements with U <= u over C(m+n, m).
 */
double stats_mwu_exact_cdf(size_t m, size_t n, long u);
const char *stats_mwu_method_name(enum mwu_method m);
/* The smallest two-sided p any data can give with m and n samples,
 * 2 / C(m+n, m): 0.1 at 3 a side, so such a test can never reach 0.05. */
double stats_mwu_min_p(size_t m, size_t n);

#endif /* SWTLB_REPORTS_STATS_H */
