// SPDX-License-Identifier: GPL-2.0-only
/* tests/bench/test_src_set.c: bounce source sets: sizes, layout, cycle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "workloads/src_set.h"

static void test_parse(void **state)
{
	struct swtlb_src_set_spec s;
	char err[256];
	static const char *const bad[] = {"",	   "0",	     "4095", "1m ",
					  "-1m",   "2g",     "1mb",  "QD",
					  "qd,1m", "0x1000", "1.5m"};

	(void)state;
	assert_int_equal(swtlb_src_set_parse("1m", &s, err, 256), 0);
	assert_false(s.per_slot);
	assert_int_equal(s.bytes, 1 << 20);
	assert_string_equal(s.text, "1m");
	assert_int_equal(swtlb_src_set_parse("qd", &s, err, 256), 0);
	assert_true(s.per_slot);
	assert_int_equal(swtlb_src_set_parse("4k", &s, err, 256), 0);
	assert_int_equal(swtlb_src_set_parse("1g", &s, err, 256), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		err[0] = '\0';
		assert_int_equal(swtlb_src_set_parse(bad[i], &s, err, 256), -1);
		assert_non_null(strstr(err, "--src-set"));
	}
}

static void layout(const char *spec, size_t max_map, unsigned int qd,
		   size_t want_stride, unsigned int want_count)
{
	struct swtlb_src_set_spec s;
	char err[256];
	size_t stride = 0;
	unsigned int count = 0;

	assert_int_equal(swtlb_src_set_parse(spec, &s, err, 256), 0);
	assert_int_equal(
	    swtlb_src_set_layout(&s, max_map, qd, &stride, &count, err, 256),
	    0);
	assert_int_equal(stride, want_stride);
	assert_int_equal(count, want_count);
}

static void test_layout(void **state)
{
	struct swtlb_src_set_spec s;
	char err[256];
	size_t stride;
	unsigned int count;

	(void)state;
	/* the kernel-code measurement: 256 page-aligned 4 KiB buffers */
	layout("1m", 4096, 4, 4096, 256);
	/* a mapping size that is not a page: buffers still page-aligned */
	layout("1m", 1536, 16, 4096, 256);
	layout("1m", 64 << 10, 16, 64 << 10, 16);
	/* never fewer buffers than mappings in flight */
	layout("1m", 256 << 10, 16, 256 << 10, 16);
	layout("4k", 4096, 16, 4096, 16);
	/* the old loop: one per queue slot, 64-byte strides */
	layout("qd", 4096, 4, 4096, 4);
	layout("qd", 1000, 4, 1024, 4);
	/* beyond 1 GiB a thread: refused with the reason */
	assert_int_equal(swtlb_src_set_parse("1m", &s, err, 256), 0);
	assert_int_equal(swtlb_src_set_layout(&s, 256 << 10, 65536, &stride,
					      &count, err, 256),
			 -1);
	assert_non_null(strstr(err, "1 GiB"));
}

static void test_cycle(void **state)
{
	struct swtlb_src_set set;
	char *first;

	(void)state;
	assert_int_equal(swtlb_src_set_alloc(&set, 4096, 256), 0);
	assert_int_equal((uintptr_t)set.base % 4096, 0);
	/* faulted in by the allocator, with a known pattern */
	assert_int_equal((unsigned char)set.base[256 * 4096 - 1], 0x5a);
	first = swtlb_src_set_next(&set);
	assert_ptr_equal(first, set.base);
	for (unsigned int i = 1; i < 256; i++)
		assert_ptr_equal(swtlb_src_set_next(&set),
				 set.base + (size_t)i * 4096);
	/* every buffer once, then around again */
	assert_ptr_equal(swtlb_src_set_next(&set), first);
	swtlb_src_set_free(&set);
	assert_null(set.base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse),
	    cmocka_unit_test(test_layout),
	    cmocka_unit_test(test_cycle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
