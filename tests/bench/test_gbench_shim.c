// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/bench/test_gbench_shim.c: a C body registered through
 * bench/bench/gbench.h runs under Google Benchmark and its runs reach the C
 * callback with name, iterations, threads, counters (summed or averaged) and
 * manual time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "bench/bench/gbench.h"

struct seen {
	int runs, errors;
	char name[256], family[128];
	void *arg;
	int64_t iterations, threads;
	double real_time_s, sum, avg, per_thread_index;
	bool has_sum, has_avg;
	char error_message[128];
};

static int body_calls;

/* Every thread: 10 iterations of 1 ms manual time; counters:
 * "sum" = 2 per thread (summed), "avg" = 10 x (index + 1) (averaged). */
static void counting_body(struct swtlb_gb_state *st, void *arg)
{
	int idx = swtlb_gb_thread_index(st);

	(void)arg;
	__atomic_add_fetch(&body_calls, 1, __ATOMIC_RELAXED);
	while (swtlb_gb_keep_running(st))
		swtlb_gb_set_iteration_time(st, 0.001);
	swtlb_gb_set_counter(st, "sum", 2.0, SWTLB_GB_SUM);
	swtlb_gb_set_counter(st, "avg", 10.0 * (idx + 1), SWTLB_GB_AVG_THREADS);
	swtlb_gb_set_counter(st, "threads_seen", swtlb_gb_threads(st),
			     SWTLB_GB_AVG_THREADS);
}

static void failing_body(struct swtlb_gb_state *st, void *arg)
{
	(void)arg;
	swtlb_gb_skip_with_error(st, "deliberate failure");
	while (swtlb_gb_keep_running(st))
		;
}

static void collect(const struct swtlb_gb_run *r, void *cbarg)
{
	struct seen *s = cbarg;

	if (r->aggregate)
		return;
	s->runs++;
	if (r->error) {
		s->errors++;
		snprintf(s->error_message, sizeof(s->error_message), "%s",
			 r->error_message);
		return;
	}
	snprintf(s->name, sizeof(s->name), "%s", r->name);
	snprintf(s->family, sizeof(s->family), "%s", r->family);
	s->arg = r->arg;
	s->iterations = r->iterations;
	s->threads = r->threads;
	s->real_time_s = r->real_time_s;
	s->has_sum = swtlb_gb_run_counter(r, "sum", &s->sum);
	s->has_avg = swtlb_gb_run_counter(r, "avg", &s->avg);
}

static void test_body_runs_and_reports(void **state)
{
	struct swtlb_gb_options opt = {
	    .threads = 2, .iterations = 10, .manual_time = true};
	struct seen s;
	int marker;
	double missing;
	char *argv[] = {"test", NULL};
	int argc = 1;

	(void)state;
	memset(&s, 0, sizeof(s));
	swtlb_gb_init(&argc, argv, NULL);
	swtlb_gb_clear();
	assert_int_equal(
	    swtlb_gb_register("shim/counting", counting_body, &marker, &opt),
	    0);
	/* A name is registered once. */
	assert_int_equal(
	    swtlb_gb_register("shim/counting", counting_body, &marker, &opt),
	    -1);
	body_calls = 0;
	assert_int_equal(swtlb_gb_run_all(collect, &s, false), 1);
	assert_int_equal(body_calls, 2);
	assert_int_equal(s.runs, 1);
	assert_int_equal(s.errors, 0);
	assert_string_equal(s.family, "shim/counting");
	assert_non_null(strstr(s.name, "shim/counting"));
	assert_non_null(strstr(s.name, "threads:2"));
	assert_ptr_equal(s.arg, &marker);
	/* Google Benchmark reports the iterations of all threads. */
	assert_int_equal(s.iterations, 20);
	assert_int_equal(s.threads, 2);
	/* 10 x 1 ms, averaged over the threads. */
	assert_float_equal(s.real_time_s, 0.010, 1e-9);
	assert_true(s.has_sum);
	assert_float_equal(s.sum, 4.0, 1e-12);
	assert_true(s.has_avg);
	assert_float_equal(s.avg, 15.0, 1e-12);
	{
		struct swtlb_gb_run fake = {0};

		assert_false(swtlb_gb_run_counter(&fake, "sum", &missing));
	}
	swtlb_gb_clear();
}

static void test_error_reaches_callback(void **state)
{
	struct swtlb_gb_options opt = {.threads = 1, .iterations = 1};
	struct seen s;

	(void)state;
	memset(&s, 0, sizeof(s));
	swtlb_gb_clear();
	assert_int_equal(
	    swtlb_gb_register("shim/failing", failing_body, NULL, &opt), 0);
	assert_int_equal(swtlb_gb_run_all(collect, &s, false), 1);
	assert_int_equal(s.runs, 1);
	assert_int_equal(s.errors, 1);
	assert_string_equal(s.error_message, "deliberate failure");
	swtlb_gb_clear();
}

static void test_bad_options_refused(void **state)
{
	struct swtlb_gb_options opt = {.threads = 0};

	(void)state;
	assert_int_equal(
	    swtlb_gb_register("shim/bad", counting_body, NULL, &opt), -1);
	opt.threads = 1;
	assert_int_equal(swtlb_gb_register(NULL, counting_body, NULL, &opt),
			 -1);
	assert_int_equal(swtlb_gb_register("shim/nobody", NULL, NULL, &opt),
			 -1);
	swtlb_gb_clear();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_body_runs_and_reports),
	    cmocka_unit_test(test_error_reaches_callback),
	    cmocka_unit_test(test_bad_options_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
