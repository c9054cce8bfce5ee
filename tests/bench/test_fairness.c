// SPDX-License-Identifier: GPL-2.0-only
/* tests/bench/test_fairness.c: per-thread min, max and Jain's index. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "bench/bench/fairness.h"

static void test_equal_and_skewed(void **state)
{
	static const uint64_t equal[4] = {100, 100, 100, 100};
	/* The run: one of two pinned threads did 7x the other. */
	static const uint64_t seven[2] = {7000, 1000};
	static const uint64_t one_did_all[4] = {0, 0, 400, 0};
	struct swtlb_fairness f;

	(void)state;
	swtlb_fairness_of(equal, 4, &f);
	assert_true(f.known);
	assert_int_equal(f.min, 100);
	assert_int_equal(f.max, 100);
	assert_true(f.jain > 0.999999 && f.jain <= 1.0);
	swtlb_fairness_of(seven, 2, &f);
	assert_int_equal(f.min, 1000);
	assert_int_equal(f.max, 7000);
	/* 8000^2 / (2 x (49e6 + 1e6)) = 0.64 */
	assert_true(f.jain > 0.6399 && f.jain < 0.6401);
	swtlb_fairness_of(one_did_all, 4, &f);
	assert_int_equal(f.min, 0);
	assert_int_equal(f.max, 400);
	assert_true(f.jain > 0.2499 && f.jain < 0.2501); /* 1/n */
}

static void test_unknown(void **state)
{
	static const uint64_t none[3] = {0, 0, 0};
	static const uint64_t big[2] = {UINT64_C(1) << 62, UINT64_C(1) << 62};
	struct swtlb_fairness f;

	(void)state;
	swtlb_fairness_of(none, 3, &f);
	assert_false(f.known); /* 0/0: no share to judge, never "fair" */
	swtlb_fairness_of(none, 0, &f);
	assert_false(f.known);
	swtlb_fairness_of(big, 2, &f); /* squares beyond 64 bits */
	assert_true(f.known);
	assert_true(f.jain > 0.999999 && f.jain < 1.000001);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_equal_and_skewed),
	    cmocka_unit_test(test_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
