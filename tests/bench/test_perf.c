// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/bench/test_perf.c: per-thread perf counters. What the machine can
 * count is not assumed: every event is either counted or explained, and
 * the status agrees with which events were counted.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "bench/bench/perf.h"

static void test_open_count_or_explain(void **state)
{
	struct swtlb_perf p;
	struct swtlb_perf_values v;
	volatile uint64_t sink = 0;
	bool hw = false, sw = false;
	const char *status;

	(void)state;
	swtlb_perf_open(&p, NULL);
	swtlb_perf_enable(&p);
	for (int i = 0; i < 1000000; i++)
		sink += (uint64_t)i;
	(void)sink; /* clang: set but not used */
	swtlb_perf_disable(&p);
	swtlb_perf_read(&p, &v);
	swtlb_perf_close(&p);
	for (int e = 0; e < SWTLB_PERF_NEVENTS; e++) {
		char line[512];

		if (v.known[e]) {
			assert_true(v.value[e] >= 0);
			assert_int_equal(v.hw[e], e < SWTLB_PERF_NHW);
			if (e < SWTLB_PERF_NHW)
				hw = true;
			else
				sw = true;
			continue;
		}
		/* Unknown: there is a reason, and it reads as one line. */
		assert_int_not_equal(v.err[e], 0);
		swtlb_perf_explain(e, v.err[e], line, sizeof(line));
		assert_non_null(strstr(line, swtlb_perf_event_name(e)));
		assert_null(strchr(line, '\n'));
	}
	status = swtlb_perf_status(&v);
	if (!strcmp(status, "hw") || !strcmp(status, "multiplexed"))
		assert_true(hw || sw);
	else if (!strcmp(status, "sw-only"))
		assert_true(sw && !hw);
	else
		assert_true(!strcmp(status, "none") && !hw && !sw);
	/* Counted work: a million additions run at least that many user
	 * instructions, whenever instructions can be counted. */
	if (v.known[SWTLB_PERF_INSTRUCTIONS])
		assert_true(v.value[SWTLB_PERF_INSTRUCTIONS] >= 1e6);
}

static void test_accumulate_needs_every_thread(void **state)
{
	struct swtlb_perf_values a, b, sum;

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.known[SWTLB_PERF_CYCLES] = b.known[SWTLB_PERF_CYCLES] = true;
	a.hw[SWTLB_PERF_CYCLES] = b.hw[SWTLB_PERF_CYCLES] = true;
	a.value[SWTLB_PERF_CYCLES] = 10;
	b.value[SWTLB_PERF_CYCLES] = 5;
	a.known[SWTLB_PERF_CONTEXT_SWITCHES] = true; /* b: unknown */
	b.err[SWTLB_PERF_CONTEXT_SWITCHES] = 13;
	b.scaled[SWTLB_PERF_CYCLES] = true;
	swtlb_perf_accumulate(&sum, &a, true);
	swtlb_perf_accumulate(&sum, &b, false);
	assert_true(sum.known[SWTLB_PERF_CYCLES]);
	assert_float_equal(sum.value[SWTLB_PERF_CYCLES], 15, 0);
	assert_false(sum.known[SWTLB_PERF_CONTEXT_SWITCHES]);
	assert_int_equal(sum.err[SWTLB_PERF_CONTEXT_SWITCHES], 13);
	assert_string_equal(swtlb_perf_status(&sum), "multiplexed");
	sum.scaled[SWTLB_PERF_CYCLES] = false;
	assert_string_equal(swtlb_perf_status(&sum), "hw");
	memset(&sum, 0, sizeof(sum));
	assert_string_equal(swtlb_perf_status(&sum), "none");
	sum.known[SWTLB_PERF_CPU_MIGRATIONS] = true;
	assert_string_equal(swtlb_perf_status(&sum), "sw-only");
}

static void test_explanations(void **state)
{
	static const int errs[] = {ENOENT, EOPNOTSUPP, EACCES,		 EPERM,
				   EMFILE, EINVAL,     SWTLB_PERF_ENEVER};
	char line[512];

	(void)state;
	for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		swtlb_perf_explain(SWTLB_PERF_CYCLES, errs[i], line,
				   sizeof(line));
		assert_non_null(strstr(line, "cycles"));
		assert_non_null(strstr(line, "empty"));
	}
	swtlb_perf_explain(SWTLB_PERF_CYCLES, EACCES, line, sizeof(line));
	assert_non_null(strstr(line, "perf_event_paranoid"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_open_count_or_explain),
	    cmocka_unit_test(test_accumulate_needs_every_thread),
	    cmocka_unit_test(test_explanations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
