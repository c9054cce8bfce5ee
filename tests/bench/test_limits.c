// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/bench/test_limits.c: what hundreds of threads need before a run:
 * file descriptors for every thread's perf events (the soft limit raised
 * up to the hard one, else a refusal) and bounce buffers within memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>

#include <cmocka.h>

#include "bench/bench/limits.h"

static void test_fd_need(void **state)
{
	(void)state;
	/* 512 threads x (7 fixed + 2 listed) events and the reserve. */
	assert_int_equal(swtlb_fd_need(512, 9), 512 * 9 + SWTLB_FD_RESERVE);
	assert_int_equal(swtlb_fd_need(0, 9), SWTLB_FD_RESERVE);
}

static void test_fd_plan(void **state)
{
	rlim_t soft;

	(void)state;
	/* Enough already: left alone. */
	assert_int_equal(swtlb_fd_plan(1000, 1024, 4096, &soft), 0);
	assert_int_equal(soft, 1024);
	/* Past the soft limit, within the hard one: raised to the need. */
	assert_int_equal(swtlb_fd_plan(4672, 1024, 524288, &soft), 0);
	assert_int_equal(soft, 4672);
	assert_int_equal(swtlb_fd_plan(4672, 1024, RLIM_INFINITY, &soft), 0);
	assert_int_equal(soft, 4672);
	assert_int_equal(
	    swtlb_fd_plan(4672, RLIM_INFINITY, RLIM_INFINITY, &soft), 0);
	assert_true(soft == RLIM_INFINITY);
	/* Past the hard limit: refused. */
	assert_int_equal(swtlb_fd_plan(4672, 1024, 4096, &soft), -1);
	assert_int_equal(swtlb_fd_plan(4097, 4096, 4096, &soft), -1);
	assert_int_equal(swtlb_fd_plan(4096, 4096, 4096, &soft), 0);
}

/* The process's own limit: raised when the hard limit allows. */
static void test_fd_ensure(void **state)
{
	struct rlimit rl, now;
	char err[512] = "";

	(void)state;
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &rl), 0);
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < 512)
		skip();
	now = rl;
	now.rlim_cur = 256;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &now), 0);
	assert_int_equal(swtlb_fd_ensure(400, 50, 7, err, sizeof(err)), 0);
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &now), 0);
	assert_int_equal(now.rlim_cur, 400);
	if (rl.rlim_max != RLIM_INFINITY) {
		unsigned long need = (unsigned long)rl.rlim_max + 1;

		assert_int_equal(
		    swtlb_fd_ensure(need, 9999, 9, err, sizeof(err)), -1);
		assert_non_null(strstr(err, "9999 threads x 9 perf events"));
		assert_null(strchr(err, '\n'));
	}
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &rl), 0);
}

static void test_buffers(void **state)
{
	char err[512];

	(void)state;
	/* 512 x 16 x 4 KiB = 32 MiB: fine on 1 GiB. */
	assert_int_equal(
	    swtlb_buffers_check(512, 16, 4096, 1ULL << 30, err, sizeof(err)),
	    0);
	/* 512 x 256 x 256 KiB = 32 GiB: not on 16 GiB. */
	assert_int_equal(swtlb_buffers_check(512, 256, 256 << 10, 16ULL << 30,
					     err, sizeof(err)),
			 -1);
	assert_non_null(strstr(err, "32.0 GiB"));
	/* Exactly half is allowed; memory unknown: no check. */
	assert_int_equal(
	    swtlb_buffers_check(1, 1, 1 << 20, 2ULL << 20, err, sizeof(err)),
	    0);
	assert_int_equal(
	    swtlb_buffers_check(512, 256, 256 << 10, 0, err, sizeof(err)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fd_need),
	    cmocka_unit_test(test_fd_plan),
	    cmocka_unit_test(test_fd_ensure),
	    cmocka_unit_test(test_buffers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
