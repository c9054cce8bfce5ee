// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/bench/test_pool_size.c: strict sizes, and --nslabs coco:MEM giving
 * the slots an x86 confidential guest's kernel gives itself (values worked
 * out by hand from mem_encrypt_setup_arch() and swiotlb_adjust_size()).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "bench/bench/plan.h"
#include "bench/bench/pool_size.h"
#include "bench/common/bytesize.h"

static void test_bytes_accepted(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(swtlb_parse_bytes("4096", 1ULL << 40, &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(swtlb_parse_bytes("1k", 1ULL << 40, &v), 0);
	assert_int_equal(v, 1024);
	assert_int_equal(swtlb_parse_bytes("16G", 1ULL << 40, &v), 0);
	assert_int_equal(v, 16ULL << 30);
	assert_int_equal(swtlb_parse_bytes("2t", 1ULL << 41, &v), 0);
	assert_int_equal(v, 2ULL << 40);
	/* max itself is accepted, one unit above it is not */
	assert_int_equal(swtlb_parse_bytes("1m", 1ULL << 20, &v), 0);
	assert_int_equal(swtlb_parse_bytes("1025k", 1ULL << 20, &v), -1);
}

static void test_bytes_refused(void **state)
{
	static const char *const bad[] = {
	    "",
	    "0",
	    "0k",
	    "-1",
	    "+1",
	    " 1",
	    "1 ",
	    "1GB",
	    "1.5",
	    "0x10",
	    "1e3",
	    "k",
	    "1P",
	    "1kk",
	    "G",
	    "99999999999999999999",
	    "18446744073709551615k",
	};
	uint64_t v = 77;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(swtlb_parse_bytes(bad[i], UINT64_MAX, &v), -1);
		assert_int_equal(v, 77);
	}
	assert_int_equal(swtlb_parse_bytes(NULL, UINT64_MAX, &v), -1);
	/* a shift that would overflow is refused, not wrapped */
	assert_int_equal(swtlb_parse_bytes("17179869184G", UINT64_MAX, &v), -1);
}

static void test_spec_forms(void **state)
{
	struct swtlb_nslabs_spec s;
	char err[256];

	(void)state;
	assert_int_equal(swtlb_nslabs_spec_parse("auto", &s, err, 256), 0);
	assert_int_equal(s.kind, SWTLB_NSLABS_AUTO);
	assert_string_equal(s.text, "auto");
	assert_int_equal(swtlb_nslabs_spec_parse("8192", &s, err, 256), 0);
	assert_int_equal(s.kind, SWTLB_NSLABS_SLOTS);
	assert_int_equal(s.slots, 8192);
	assert_int_equal(swtlb_nslabs_spec_parse("16777216", &s, err, 256), 0);
	assert_int_equal(swtlb_nslabs_spec_parse("coco:16G", &s, err, 256), 0);
	assert_int_equal(s.kind, SWTLB_NSLABS_COCO);
	assert_int_equal(s.mem, 16ULL << 30);
	assert_string_equal(s.text, "coco:16G");
	assert_int_equal(swtlb_nslabs_spec_parse("coco:4096T", &s, err, 256),
			 0);
}

static void test_spec_refused(void **state)
{
	static const char *const bad[] = {
	    "",		 "AUTO",       "0",
	    "16777217",	 "16k",	       "-5",
	    "+5",	 "coco",       "coco:",
	    "coco:0",	 "coco:-1G",   "coco:+1G",
	    "coco: 1G",	 "coco:1GB",   "coco:1.5G",
	    "coco:0x1G", "coco:4097T", "coco:16G,",
	    "cocoa:16G", "coco:16G:2", "coco:99999999999999999999999",
	};
	struct swtlb_nslabs_spec s;
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		err[0] = '\0';
		assert_int_equal(swtlb_nslabs_spec_parse(bad[i], &s, err, 256),
				 -1);
		/* one line naming the flag */
		assert_non_null(strstr(err, "--nslabs"));
		assert_null(strchr(err, '\n'));
	}
}

static void test_coco_bytes(void **state)
{
	(void)state;
	/* 6%, clamped to 64 MiB .. 1 GiB, integer division */
	assert_int_equal(swtlb_coco_swiotlb_bytes(1ULL << 30), 64ULL << 20);
	assert_int_equal(swtlb_coco_swiotlb_bytes(2ULL << 30), 128849018ULL);
	assert_int_equal(swtlb_coco_swiotlb_bytes(16ULL << 30), 1030792151ULL);
	assert_int_equal(swtlb_coco_swiotlb_bytes(32ULL << 30), 1ULL << 30);
	assert_int_equal(swtlb_coco_swiotlb_bytes(SWTLB_COCO_MAX_MEM),
			 1ULL << 30);
}

static unsigned long coco_slots(const char *spec, unsigned int cpus,
				unsigned int nareas, unsigned int *areas_out)
{
	struct swtlb_nslabs_spec s;
	char err[256];
	unsigned long nslabs;
	unsigned int areas;

	assert_int_equal(swtlb_nslabs_spec_parse(spec, &s, err, 256), 0);
	swtlb_bench_geometry(cpus, nareas, swtlb_nslabs_request(&s, nareas),
			     &nslabs, &areas);
	if (areas_out)
		*areas_out = areas;
	return nslabs;
}

static void test_coco_slots(void **state)
{
	unsigned int areas;

	(void)state;
	/* swiotlb_adjust_size(): ALIGN to a slot, then to a segment */
	{
		struct swtlb_nslabs_spec s;
		char err[256];

		swtlb_nslabs_spec_parse("coco:2G", &s, err, 256);
		assert_int_equal(swtlb_nslabs_request(&s, 0), 62976);
		swtlb_nslabs_spec_parse("coco:16G", &s, err, 256);
		assert_int_equal(swtlb_nslabs_request(&s, 0), 503424);
		swtlb_nslabs_spec_parse("coco:1G", &s, err, 256);
		assert_int_equal(swtlb_nslabs_request(&s, 0), 32768);
	}
	/* then a power of two once areas are set */
	assert_int_equal(coco_slots("coco:1G", 2, 0, &areas), 32768);
	assert_int_equal(areas, 2);
	assert_int_equal(coco_slots("coco:2G", 2, 0, NULL), 65536);
	assert_int_equal(coco_slots("coco:4G", 2, 0, NULL), 131072);
	assert_int_equal(coco_slots("coco:8G", 2, 0, NULL), 262144);
	assert_int_equal(coco_slots("coco:16G", 2, 0, &areas), 524288);
	assert_int_equal(areas, 2);
	assert_int_equal(coco_slots("coco:64G", 64, 0, &areas), 524288);
	assert_int_equal(areas, 64);
	/* the power-of-two step: 6% of 2133 MiB is just below 128 MiB */
	assert_int_equal(coco_slots("coco:2133M", 2, 0, NULL), 65536);
	assert_int_equal(coco_slots("coco:2134M", 2, 0, NULL), 131072);
	/* swiotlb=,N with N x 128 above the default: the slots were raised
	 * first and swiotlb_adjust_size() leaves them */
	assert_int_equal(coco_slots("coco:16G", 2, 256, &areas), 524288);
	assert_int_equal(areas, 256);
	assert_int_equal(coco_slots("coco:16G", 2, 512, &areas), 65536);
	assert_int_equal(areas, 512);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bytes_accepted),
	    cmocka_unit_test(test_bytes_refused),
	    cmocka_unit_test(test_spec_forms),
	    cmocka_unit_test(test_spec_refused),
	    cmocka_unit_test(test_coco_bytes),
	    cmocka_unit_test(test_coco_slots),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
