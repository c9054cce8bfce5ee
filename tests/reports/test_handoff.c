// SPDX-License-Identifier: GPL-2.0-only
/* tests/reports/test_handoff.c: ceiling and hand-offs per op arithmetic,
 * the unfairness threshold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>

#include "reports/handoff.h"

static void test_ceiling(void **state)
{
	double v = -1;

	(void)state;
	assert_true(handoff_ceiling(50.0, &v));
	assert_true(fabs(v - 20e6) < 1e-3); /* 1e9 / 50 ns */
	assert_true(handoff_ceiling(0.25, &v));
	assert_true(fabs(v - 4e9) < 1e-3);
	v = -1;
	assert_false(handoff_ceiling(0.0, &v));
	assert_false(handoff_ceiling(-3.0, &v));
	assert_false(handoff_ceiling(NAN, &v));
	assert_false(handoff_ceiling(INFINITY, &v));
	assert_true(v == -1); /* untouched when unknown */
}

static void test_per_op(void **state)
{
	double v = -1;

	(void)state;
	/* 5 M ops/s against a 20 M ceiling: each op costs four hand-offs. */
	assert_true(handoffs_per_op(5e6, 50.0, &v));
	assert_true(fabs(v - 4.0) < 1e-12);
	/* Faster than the ceiling: not serialised on one line. */
	assert_true(handoffs_per_op(40e6, 50.0, &v));
	assert_true(fabs(v - 0.5) < 1e-12);
	v = -1;
	assert_false(handoffs_per_op(0.0, 50.0, &v));
	assert_false(handoffs_per_op(5e6, 0.0, &v));
	assert_false(handoffs_per_op(NAN, 50.0, &v));
	assert_true(v == -1);
}

static void test_unfair(void **state)
{
	(void)state;
	/* 2 threads, one doing 7x the other: 0.64. */
	assert_true(jain_unfair(64.0 / 100.0));
	/* Exactly 2x at 2 threads sits on the threshold: not marked. */
	assert_false(jain_unfair(9.0 / 10.0));
	assert_false(jain_unfair(1.0));
	assert_true(UNFAIR_JAIN == 0.9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ceiling),
	    cmocka_unit_test(test_per_op),
	    cmocka_unit_test(test_unfair),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
