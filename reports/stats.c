// SPDX-License-Identifier: GPL-2.0-only
/* reports/stats.c: see stats.h. */
#include "reports/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reports/strbuf.h"

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

double stats_median(const double *v, size_t n)
{
	double *s = xmalloc(n * sizeof(*s)), m;

	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	m = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	free(s);
	return m;
}

double stats_min(const double *v, size_t n)
{
	double m = v[0];

	for (size_t i = 1; i < n; i++)
		if (v[i] < m)
			m = v[i];
	return m;
}

double stats_max(const double *v, size_t n)
{
	double m = v[0];

	for (size_t i = 1; i < n; i++)
		if (v[i] > m)
			m = v[i];
	return m;
}

/*
 * Counts of arrangements by U, through the recurrence
 * c(m, n, u) = c(m - 1, n, u - n) + c(m, n - 1, u)
 * (the largest value comes from the first sample, adding n to U, or from
 * the second, adding nothing). Doubles hold the counts: C(60, 30) ~ 1.2e17
 * is exact to within the relative precision that a p-value needs.
 */
double stats_mwu_exact_cdf(size_t m, size_t n, long u)
{
	size_t umax = m * n, w = umax + 1;
	double *c, total = 0, below = 0;

	if (u < 0)
		return 0;
	if ((size_t)u >= umax)
		return 1;
	/* c[i][j][k] for i <= m, j <= n, k <= umax, kept as (n+1) planes per
	 * i: two i-planes suffice. */
	double *prev = calloc((n + 1) * w, sizeof(double));
	double *cur = calloc((n + 1) * w, sizeof(double));

	if (!prev || !cur) {
		free(prev);
		free(cur);
		return NAN;
	}
	for (size_t j = 0; j <= n; j++)
		prev[j * w + 0] = 1; /* i = 0: one arrangement, U = 0 */
	for (size_t i = 1; i <= m; i++) {
		memset(cur, 0, (n + 1) * w * sizeof(double));
		cur[0] = 1; /* j = 0: U = 0 */
		for (size_t j = 1; j <= n; j++)
			for (size_t k = 0; k <= i * j; k++) {
				double v = cur[(j - 1) * w + k];

				if (k >= j)
					v += prev[j * w + k - j];
				cur[j * w + k] = v;
			}
		c = prev;
		prev = cur;
		cur = c;
	}
	for (size_t k = 0; k <= umax; k++) {
		total += prev[n * w + k];
		if (k <= (size_t)u)
			below += prev[n * w + k];
	}
	free(prev);
	free(cur);
	return below / total;
}

struct ranked {
	double v;
	int from_a;
};

static int cmp_ranked(const void *x, const void *y)
{
	return cmp_double(&((const struct ranked *)x)->v,
			  &((const struct ranked *)y)->v);
}

struct mwu_result stats_mann_whitney(const double *a, size_t na,
				     const double *b, size_t nb)
{
	struct mwu_result r = {MWU_NA, 0, NAN, stats_mwu_min_p(na, nb)};
	size_t n = na + nb, i, j;
	struct ranked *all;
	double rank_sum_a = 0, tie_term = 0, mu, sigma2, d;
	int ties = 0;

	if (na < MWU_MIN_SAMPLES || nb < MWU_MIN_SAMPLES)
		return r;
	all = xmalloc(n * sizeof(*all));
	for (i = 0; i < na; i++)
		all[i] = (struct ranked){a[i], 1};
	for (i = 0; i < nb; i++)
		all[na + i] = (struct ranked){b[i], 0};
	qsort(all, n, sizeof(*all), cmp_ranked);
	/* Mid-ranks (1-based) for tied runs. */
	for (i = 0; i < n; i = j) {
		double t, mid;

		for (j = i + 1; j < n && all[j].v == all[i].v; j++)
			;
		t = (double)(j - i);
		mid = (double)(i + 1 + j) / 2;
		for (size_t k = i; k < j; k++)
			if (all[k].from_a)
				rank_sum_a += mid;
		if (j - i > 1) {
			ties = 1;
			tie_term += t * t * t - t;
		}
	}
	free(all);
	r.u = rank_sum_a - (double)na * (double)(na + 1) / 2;
	mu = (double)na * (double)nb / 2;
	if (!ties && na <= MWU_EXACT_MAX && nb <= MWU_EXACT_MAX) {
		long u = (long)llround(r.u);
		long lo = u < (long)(na * nb) - u ? u : (long)(na * nb) - u;

		r.method = MWU_EXACT;
		r.p = 2 * stats_mwu_exact_cdf(na, nb, lo);
		if (r.p > 1)
			r.p = 1;
		return r;
	}
	r.method = MWU_NORMAL;
	sigma2 = (double)na * (double)nb / 12 *
		 ((double)(n + 1) - tie_term / ((double)n * (double)(n - 1)));
	d = fabs(r.u - mu) - 0.5;
	if (sigma2 <= 0 || d <= 0) {
		r.p = 1; /* every value tied, or U at its mean */
		return r;
	}
	r.p = erfc(d / sqrt(sigma2) / sqrt(2.0));
	if (r.p > 1)
		r.p = 1;
	return r;
}

const char *stats_mwu_method_name(enum mwu_method m)
{
	switch (m) {
	case MWU_EXACT:
		return "exact";
	case MWU_NORMAL:
		return "normal";
	default:
		return "n/a";
	}
}

double stats_mwu_min_p(size_t m, size_t n)
{
	double c = 1;

	for (size_t i = 1; i <= m; i++)
		c = c * (double)(n + i) / (double)i;
	return c <= 2 ? 1.0 : 2.0 / c;
}
