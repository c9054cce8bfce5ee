// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/reports/test_stats.c: medians and the Mann-Whitney U test.
 * Every expected value says where it comes from.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "reports/stats.h"

/* cmocka 1.1 compares floats as float; p-values need doubles. */
#define assert_near(a, b, eps) assert_true(fabs((a) - (b)) <= (eps))

static void test_median(void **state)
{
	const double odd[] = {3, 1, 2}, even[] = {4, 1, 3, 2};

	(void)state;
	assert_true(stats_median(odd, 3) == 2);
	/* Even count: mean of the middle two, (2 + 3) / 2. */
	assert_true(stats_median(even, 4) == 2.5);
	assert_true(stats_min(even, 4) == 1);
	assert_true(stats_max(even, 4) == 4);
}

/*
 * Brute force: every way of choosing which m of the m + n ranks belong to
 * the first sample (bit masks), U = sum over its ranks r_i of
 * (r_i - 1) - (i - 1). An independent check of the recurrence.
 */
static double brute_cdf(unsigned m, unsigned n, long u)
{
	unsigned long total = 0, below = 0;

	for (unsigned long mask = 0; mask < 1ul << (m + n); mask++) {
		long uu = 0, seen_a = 0;

		if ((unsigned)__builtin_popcountl(mask) != m)
			continue;
		for (unsigned r = 0; r < m + n; r++)
			if (mask & (1ul << r)) {
				uu += (long)r - seen_a; /* B values below */
				seen_a++;
			}
		total++;
		below += uu <= u;
	}
	return (double)below / (double)total;
}

static void test_exact_cdf_matches_enumeration(void **state)
{
	(void)state;
	for (unsigned m = 1; m <= 7; m++)
		for (unsigned n = 1; n <= 7; n++)
			for (long u = -1; u <= (long)(m * n) + 1; u++)
				assert_near(stats_mwu_exact_cdf(m, n, u),
					    brute_cdf(m, n, u), 1e-12);
}

static void test_exact_known_values(void **state)
{
	const double lo3[] = {1, 2, 3}, hi3[] = {4, 5, 6};
	const double lo5[] = {50, 60, 70, 80, 90};
	const double hi5[] = {100, 110, 120, 130, 140};
	const double mid3[] = {105, 115, 125};
	struct mwu_result r;

	(void)state;
	/* 3 vs 3 fully separated: U = 0, P(U <= 0) = 1 / C(6,3) = 1/20,
	 * two-sided 2/20 = 0.1 (the smallest p that 3 reps can give). */
	r = stats_mann_whitney(lo3, 3, hi3, 3);
	assert_int_equal(r.method, MWU_EXACT);
	assert_true(r.u == 0);
	assert_near(r.p, 0.1, 1e-12);
	/* Same, the other way round: U = 9, p still 0.1. */
	r = stats_mann_whitney(hi3, 3, lo3, 3);
	assert_true(r.u == 9);
	assert_near(r.p, 0.1, 1e-12);
	/* 5 vs 5 separated: 2 / C(10,5) = 2/252 = 0.0079365... */
	r = stats_mann_whitney(lo5, 5, hi5, 5);
	assert_near(r.p, 2.0 / 252, 1e-12);
	/* 3 vs 5 (the basic.csv fixture's area-hiwater vs none): pairs with
	 * a > b are 1 + 2 + 3 = 6, so U = 6 of mn = 15, min(U, 15 - U) = 6.
	 * Arrangements with U <= 6 = partitions of 0..6 into at most 3 parts
	 * of at most 5: 1+1+2+3+4+5+6 = 22 of C(8,3) = 56 (by hand), so
	 * p = 2 * 22/56 = 0.785714... */
	r = stats_mann_whitney(mid3, 3, hi5, 5);
	assert_int_equal(r.method, MWU_EXACT);
	assert_true(r.u == 6);
	assert_near(r.p, 44.0 / 56, 1e-12);
}

static void test_normal_with_ties(void **state)
{
	const double a[] = {20, 20, 30, 30}, b[] = {10, 10, 20, 20};
	const double same[] = {7, 7, 7};
	struct mwu_result r;

	(void)state;
	/* U = 3 + 3 + 4 + 4 = 14 (ties count 1/2), mean mn/2 = 8. Ties: t = 2
	 * (10), 4 (20), 2 (30): sum(t^3 - t) = 6 + 60 + 6 = 72. Variance =
	 * mn/12 * (N + 1 - 72/(N(N-1))) = 16/12 * (9 - 72/56) = 10.285714.
	 * z = (|14 - 8| - 0.5) / sqrt(10.285714) = 1.714932;
	 * p = erfc(z / sqrt 2) = 0.0863587396 (python3 math.erfc). */
	r = stats_mann_whitney(a, 4, b, 4);
	assert_int_equal(r.method, MWU_NORMAL);
	assert_true(r.u == 14);
	assert_near(r.p, 0.08635873964701243, 1e-9);
	/* All values tied: no evidence of a difference at all. */
	r = stats_mann_whitney(same, 3, same, 3);
	assert_int_equal(r.method, MWU_NORMAL);
	assert_near(r.p, 1.0, 0);
}

static void test_large_samples_use_normal(void **state)
{
	double a[40], b[40];
	struct mwu_result r;

	(void)state;
	for (int i = 0; i < 40; i++) {
		a[i] = i;	/* 0..39 */
		b[i] = i + 0.5; /* interleaved, no ties */
	}
	/* Beyond MWU_EXACT_MAX a side: normal approximation. U = sum over
	 * a_i of the b below it = 0 + 1 + ... + 39 = 780, mean 800: close
	 * to the mean, so p is large (no difference). */
	r = stats_mann_whitney(a, 40, b, 40);
	assert_int_equal(r.method, MWU_NORMAL);
	assert_true(r.u == 780);
	assert_true(r.p > 0.5 && r.p <= 1);
}

static void test_too_few_samples(void **state)
{
	const double two[] = {1, 2}, five[] = {3, 4, 5, 6, 7};

	(void)state;
	/* Below 3 repetitions on a side the report says "n/a". */
	assert_int_equal(stats_mann_whitney(two, 2, five, 5).method, MWU_NA);
	assert_int_equal(stats_mann_whitney(five, 5, two, 2).method, MWU_NA);
	assert_int_equal(stats_mann_whitney(five, 3, five, 3).method,
			 MWU_NORMAL); /* identical samples are ties */
}

/* The smallest p a sample-size pair allows, 2 / C(m+n, m): 3 a side can
 * never be significant at 0.05 (why the default suite runs more reps),
 * and the exact test's most extreme arrangement reaches that bound. */
static void test_min_p(void **state)
{
	const double a[] = {1, 2, 3}, b[] = {4, 5, 6};
	const double c[] = {1, 2, 3, 4}, d[] = {5, 6, 7, 8};
	struct mwu_result r;

	(void)state;
	assert_float_equal(stats_mwu_min_p(3, 3), 0.1, 1e-12);
	assert_float_equal(stats_mwu_min_p(4, 4), 2.0 / 70, 1e-12);
	assert_float_equal(stats_mwu_min_p(5, 5), 2.0 / 252, 1e-12);
	assert_float_equal(stats_mwu_min_p(3, 5), 2.0 / 56, 1e-12);
	assert_float_equal(stats_mwu_min_p(1, 1), 1.0, 1e-12);
	r = stats_mann_whitney(a, 3, b, 3);
	assert_float_equal(r.p, r.min_p, 1e-12);
	assert_true(r.p > 0.05);
	r = stats_mann_whitney(c, 4, d, 4);
	assert_float_equal(r.p, 2.0 / 70, 1e-12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_median),
	    cmocka_unit_test(test_exact_cdf_matches_enumeration),
	    cmocka_unit_test(test_exact_known_values),
	    cmocka_unit_test(test_normal_with_ties),
	    cmocka_unit_test(test_large_samples_use_normal),
	    cmocka_unit_test(test_too_few_samples),
	    cmocka_unit_test(test_min_p),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
