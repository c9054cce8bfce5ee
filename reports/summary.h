/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reports/summary.h: what a report says about one scheme in one
 * configuration: median and range of ops/s over repetitions, ratio and
 * Mann-Whitney U test against a reference (the baseline scheme, or the old
 * run in --compare), and medians of the per-op counters and high-water
 * figures that were measured.
 */
#ifndef SWTLB_REPORTS_SUMMARY_H
#define SWTLB_REPORTS_SUMMARY_H

#include <stdbool.h>

#include "reports/results.h"
#include "reports/stats.h"

struct opt_val {
	bool known;
	double v;
};

struct summary {
	size_t reps;		      /* rows seen */
	size_t nops;		      /* rows with ops_per_sec measured */
	struct opt_val med, lo, hi;   /* ops/s over repetitions */
	struct opt_val ratio;	      /* med / reference med */
	bool is_reference;	      /* this is the baseline itself */
	struct mwu_result mwu;	      /* vs reference; MWU_NA when none */
	bool has_test;		      /* a reference existed to test against */
	struct opt_val per[NMETRICS]; /* median of each metric */
	struct opt_val map_fail_sum;  /* summed over repetitions */
};

/*
 * Summarises s against ref (NULL: no reference). ref == s marks the
 * reference itself (ratio 1, no test).
 */
void summarize(const struct scheme_stats *s, const struct scheme_stats *ref,
	       struct summary *out);

/* Significance marks of a p-value: "**" below 0.01, "*" below 0.05. */
const char *p_marks(const struct mwu_result *r);

#endif /* SWTLB_REPORTS_SUMMARY_H */
