// SPDX-License-Identifier: GPL-2.0-only
/* tests/bench/test_sizes.c: size distributions parse, draw and repeat. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "bench/common/sizes.h"

static void test_single(void **state)
{
	struct swtlb_size_dist d;
	char err[256];
	uint64_t rng = 1;

	(void)state;
	assert_int_equal(swtlb_sizes_parse("4k", &d, err, sizeof(err)), 0);
	assert_int_equal(d.nitems, 1);
	assert_int_equal(swtlb_sizes_max(&d), 4096);
	for (int i = 0; i < 100; i++)
		assert_int_equal(swtlb_sizes_draw(&d, &rng), 4096);
	assert_int_equal(swtlb_sizes_parse("1m", &d, err, sizeof(err)), 0);
	assert_int_equal(swtlb_sizes_max(&d), 1 << 20);
	assert_int_equal(swtlb_sizes_parse("1536", &d, err, sizeof(err)), 0);
	assert_int_equal(swtlb_sizes_max(&d), 1536);
}

static void test_range_stays_inside_on_sectors(void **state)
{
	struct swtlb_size_dist d;
	char err[256];
	uint64_t rng = 7;
	bool lo_seen = false, hi_seen = false;

	(void)state;
	assert_int_equal(swtlb_sizes_parse("4k-64k", &d, err, sizeof(err)), 0);
	assert_int_equal(d.items[0].step, 512);
	for (int i = 0; i < 200000; i++) {
		size_t s = swtlb_sizes_draw(&d, &rng);

		assert_true(s >= 4096 && s <= 65536);
		assert_int_equal(s % 512, 0);
		lo_seen = lo_seen || s == 4096;
		hi_seen = hi_seen || s == 65536;
	}
	assert_true(lo_seen && hi_seen);
	/* Ends off the sector grid: whole bytes. */
	assert_int_equal(swtlb_sizes_parse("1000-1003", &d, err, sizeof(err)),
			 0);
	assert_int_equal(d.items[0].step, 1);
}

static void test_weights(void **state)
{
	struct swtlb_size_dist d;
	char err[256];
	uint64_t rng = 3;
	unsigned long n4 = 0, n16 = 0, n64 = 0, n256 = 0, total = 100000;

	(void)state;
	assert_int_equal(swtlb_sizes_parse("4k:70,16k:20,64k:9,256k:1", &d, err,
					   sizeof(err)),
			 0);
	assert_int_equal(d.nitems, 4);
	assert_int_equal(d.total_weight, 100);
	assert_int_equal(swtlb_sizes_max(&d), 256 << 10);
	for (unsigned long i = 0; i < total; i++) {
		size_t s = swtlb_sizes_draw(&d, &rng);

		n4 += s == 4096;
		n16 += s == 16384;
		n64 += s == 65536;
		n256 += s == 262144;
	}
	assert_int_equal(n4 + n16 + n64 + n256, total);
	/* Far outside any sampling error of 100000 draws (sd < 0.2%). */
	assert_true(n4 > 68000 && n4 < 72000);
	assert_true(n16 > 19000 && n16 < 21000);
	assert_true(n64 > 8000 && n64 < 10000);
	assert_true(n256 > 700 && n256 < 1300);
	assert_float_equal(
	    swtlb_sizes_mean(&d),
	    0.7 * 4096 + 0.2 * 16384 + 0.09 * 65536 + 0.01 * 262144, 1e-6);
}

static void test_same_seed_same_sizes(void **state)
{
	struct swtlb_size_dist d;
	char err[256];
	size_t a[512], b[512], c[512];

	(void)state;
	assert_int_equal(swtlb_sizes_parse("4k-256k", &d, err, sizeof(err)), 0);
	swtlb_sizes_fill(&d, 42, a, 512);
	swtlb_sizes_fill(&d, 42, b, 512);
	swtlb_sizes_fill(&d, 43, c, 512);
	assert_memory_equal(a, b, sizeof(a));
	assert_memory_not_equal(a, c, sizeof(a));
}

static void test_bad_specs(void **state)
{
	static const char *const bad[] = {
	    "",	      "0",	"4x",	 "k",	  "4k-",      "-4k",
	    "64k-4k", "4k:",	"4k:0",	 "4k:-1", "4k,,8k",   "4k,",
	    ",4k",    "4k:1:2", "4k 8k", "2048m", "4k-8k-9k", "4k:x",
	};
	struct swtlb_size_dist d;
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		if (swtlb_sizes_parse(bad[i], &d, err, sizeof(err)) != -1)
			fail_msg("'%s' was accepted", bad[i]);
		assert_true(strlen(err) > 0);
		assert_null(strchr(err, '\n'));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_single),
	    cmocka_unit_test(test_range_stays_inside_on_sectors),
	    cmocka_unit_test(test_weights),
	    cmocka_unit_test(test_same_seed_same_sizes),
	    cmocka_unit_test(test_bad_specs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
