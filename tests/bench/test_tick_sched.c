// SPDX-License-Identifier: GPL-2.0-only
/* tests/bench/test_tick_sched.c: when periodic work and the stop come due
 * (virtual times only: nothing here reads a clock). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "bench/bench/tick_sched.h"

#define MS 1000000LL

static void test_ticks_on_time(void **state)
{
	struct swtlb_tick_sched s;

	(void)state;
	swtlb_tick_sched_init(&s, 1000, 10 * MS, 1 * MS);
	assert_int_equal(swtlb_tick_sched_poll(&s, 1000), SWTLB_TICK_NONE);
	assert_int_equal(swtlb_tick_sched_poll(&s, 1000 + MS - 1),
			 SWTLB_TICK_NONE);
	assert_int_equal(swtlb_tick_sched_poll(&s, 1000 + MS), SWTLB_TICK_RUN);
	/* once per period, not once per poll */
	assert_int_equal(swtlb_tick_sched_poll(&s, 1000 + MS + 5),
			 SWTLB_TICK_NONE);
	assert_int_equal(swtlb_tick_sched_poll(&s, 1000 + 2 * MS + 3),
			 SWTLB_TICK_RUN);
	assert_int_equal(s.ticks, 2);
	assert_int_equal(s.missed, 0);
	/* the deadline stays absolute: no drift from the late poll */
	assert_int_equal(s.next_tick, 1000 + 3 * MS);
}

static void test_late_tick_runs_once(void **state)
{
	struct swtlb_tick_sched s;

	(void)state;
	swtlb_tick_sched_init(&s, 0, 100 * MS, 1 * MS);
	/* 3.5 periods late: one call, 3 periods counted as missed */
	assert_int_equal(swtlb_tick_sched_poll(&s, 4 * MS + MS / 2),
			 SWTLB_TICK_RUN);
	assert_int_equal(s.ticks, 1);
	assert_int_equal(s.missed, 3);
	assert_int_equal(s.next_tick, 5 * MS);
	assert_int_equal(swtlb_tick_sched_poll(&s, 4 * MS + MS / 2 + 1),
			 SWTLB_TICK_NONE);
}

static void test_stop(void **state)
{
	struct swtlb_tick_sched s;

	(void)state;
	swtlb_tick_sched_init(&s, 500, 2 * MS, 1 * MS);
	assert_int_equal(swtlb_tick_sched_poll(&s, 500 + 2 * MS - 1),
			 SWTLB_TICK_RUN);
	/* the stop wins over a tick due at the same time */
	assert_int_equal(swtlb_tick_sched_poll(&s, 500 + 2 * MS),
			 SWTLB_TICK_STOP);
	assert_int_equal(swtlb_tick_sched_poll(&s, 500 + 9 * MS),
			 SWTLB_TICK_STOP);
	assert_int_equal(s.ticks, 1);
}

static void test_no_periodic_work(void **state)
{
	struct swtlb_tick_sched s;

	(void)state;
	/* every worker without the scheme's periodic(): only the stop */
	swtlb_tick_sched_init(&s, 0, 5 * MS, 0);
	for (int64_t t = 0; t < 5 * MS; t += MS / 3)
		assert_int_equal(swtlb_tick_sched_poll(&s, t), SWTLB_TICK_NONE);
	assert_int_equal(swtlb_tick_sched_poll(&s, 5 * MS), SWTLB_TICK_STOP);
	assert_int_equal(s.ticks, 0);
	/* the periodic thread: ticks and no window */
	swtlb_tick_sched_init(&s, 0, 0, MS);
	assert_int_equal(swtlb_tick_sched_poll(&s, INT64_MAX / 2),
			 SWTLB_TICK_RUN);
}

static void test_pick_cpu(void **state)
{
	const unsigned int two[] = {0, 1}, eight[] = {0, 1, 2, 3, 4, 5, 6, 7};
	const unsigned int w0[] = {0}, w01[] = {1, 0}, w_low[] = {0, 1, 2, 3};
	const unsigned int w_high[] = {7, 6, 5, 4, 3, 2, 1};

	(void)state;
	/* 2 CPUs, 1 worker: the other CPU; 2 workers: none spare */
	assert_int_equal(swtlb_tick_pick_cpu(SWTLB_TICK_AUTO, two, 2, w0, 1),
			 1);
	assert_int_equal(swtlb_tick_pick_cpu(SWTLB_TICK_AUTO, two, 2, w01, 2),
			 -1);
	/* the highest spare CPU, wherever the workers are */
	assert_int_equal(
	    swtlb_tick_pick_cpu(SWTLB_TICK_AUTO, eight, 8, w_low, 4), 7);
	assert_int_equal(
	    swtlb_tick_pick_cpu(SWTLB_TICK_AUTO, eight, 8, w_high, 7), 0);
	/* asked for worker 0's loop: never a thread */
	assert_int_equal(swtlb_tick_pick_cpu(SWTLB_TICK_WORKER, two, 2, w0, 1),
			 -1);
	assert_int_equal(swtlb_tick_pick_cpu(SWTLB_TICK_AUTO, two, 0, w0, 1),
			 -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ticks_on_time),
	    cmocka_unit_test(test_late_tick_runs_once),
	    cmocka_unit_test(test_stop),
	    cmocka_unit_test(test_no_periodic_work),
	    cmocka_unit_test(test_pick_cpu),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
