// SPDX-License-Identifier: GPL-2.0-only
/* tests/bench/test_opts.c: swtlb-bench options and pool geometry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "bench/bench/opts.h"
#include "bench/bench/plan.h"

static struct swtlb_bench_opts o;
static char err[512];

/* Parses a NULL-terminated list of arguments. */
static int parse(const char *first, ...)
{
	char *argv[64] = {"swtlb-bench"};
	int argc = 1;
	va_list ap;

	va_start(ap, first);
	for (const char *a = first; a && argc < 63;
	     a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	err[0] = '\0';
	return swtlb_bench_parse(argc, argv, &o, err, sizeof(err));
}

static void test_defaults(void **state)
{
	unsigned int nall = 0;

	(void)state;
	assert_int_equal(parse(NULL), 0);
	while (swtlb_schemes[nall])
		nall++;
	assert_int_equal(o.nschemes, nall);
	assert_int_equal(o.nlayouts, 1);
	assert_string_equal(o.layouts[0], "compact");
	assert_int_equal(o.nthreads, 1);
	assert_int_equal(o.threads[0], 1);
	assert_string_equal(o.sizes_spec, "4k");
	assert_int_equal(o.queue_depth, 16);
	assert_int_equal(o.nbounce, 1);
	assert_false(o.bounce[0]);
	assert_int_equal(o.nareas, 0);
	assert_int_equal(o.nslabs.kind, SWTLB_NSLABS_AUTO);
	assert_string_equal(o.nslabs.text, "auto");
	/* a realistic bounce source set by default, not 4 hot buffers */
	assert_false(o.src_set.per_slot);
	assert_int_equal(o.src_set.bytes, 1 << 20);
	assert_string_equal(o.src_set.text, "1m");
	assert_int_equal(o.periodic_on, SWTLB_TICK_AUTO);
	assert_int_equal(o.reps, 3);
	assert_float_equal(o.min_time, 1.0, 0);
	assert_false(o.resume);
	assert_false(o.truth);
	/* no thread that only perturbs, unless asked for */
	assert_false(o.ticker);
	assert_int_equal(parse("--ticker", "on", NULL), 0);
	assert_true(o.ticker);
	assert_int_equal(parse("--ticker", "off", NULL), 0);
	assert_false(o.ticker);
	assert_int_equal(parse("--nslabs", "coco:16G", "--src-set", "qd",
			       "--periodic-on", "worker", NULL),
			 0);
	assert_int_equal(o.nslabs.kind, SWTLB_NSLABS_COCO);
	assert_string_equal(o.nslabs.text, "coco:16G");
	assert_true(o.src_set.per_slot);
	assert_int_equal(o.periodic_on, SWTLB_TICK_WORKER);
	assert_int_equal(parse("--nslabs=4096", "--src-set=256k", NULL), 0);
	assert_int_equal(o.nslabs.slots, 4096);
	assert_int_equal(o.src_set.bytes, 256 << 10);
}

static void test_lists_and_both(void **state)
{
	(void)state;
	assert_int_equal(parse("--schemes", "global-atomic,none,none",
			       "--threads=1,2,max,2", "--bounce", "both",
			       "--kconfig", "both", "--area-layout=both",
			       "--layouts", "compact,scatter", "--sizes",
			       "4k:70,16k:20,64k:9,256k:1", NULL),
			 0);
	assert_int_equal(o.nschemes, 2);
	assert_string_equal(o.schemes[0]->name, "global-atomic");
	assert_string_equal(o.schemes[1]->name, "none");
	assert_int_equal(o.nthreads, 3);
	assert_int_equal(o.threads[2], SWTLB_BENCH_THREADS_MAX);
	assert_int_equal(o.nbounce, 2);
	assert_int_equal(o.nkconfigs, 2);
	assert_int_equal(o.narea_layouts, 2);
	assert_int_equal(o.nlayouts, 2);
	assert_int_equal(o.sizes.nitems, 4);
	assert_int_equal(parse("--schemes", "none", "--schemes", "all", NULL),
			 0);
	assert_true(o.nschemes > 1);
}

static void test_synonyms(void **state)
{
	(void)state;
	assert_int_equal(parse("--benchmark_min_time=0.25s",
			       "--benchmark_repetitions=5", NULL),
			 0);
	assert_float_equal(o.min_time, 0.25, 0);
	assert_int_equal(o.reps, 5);
}

/* Every bad value: -1 and one line naming the option. */
static void test_bad_values(void **state)
{
	static const char *const bad[][3] = {
	    {"--threads", "0", "--threads"},
	    {"--threads", "two", "--threads"},
	    {"--threads", "1,,2", "--threads"},
	    {"--sizes", "4k-1k", "--sizes"},
	    {"--sizes", "512k", "--sizes"},
	    {"--queue-depth", "0", "--queue-depth"},
	    {"--bounce", "yes", "--bounce"},
	    {"--nareas", "-1", "--nareas"},
	    {"--nslabs", "lots", "--nslabs"},
	    {"--nslabs", "coco:", "--nslabs"},
	    {"--nslabs", "coco:16GB", "--nslabs"},
	    {"--nslabs", "coco:-16G", "--nslabs"},
	    {"--nslabs", "coco:99999999999999T", "--nslabs"},
	    {"--src-set", "0", "--src-set"},
	    {"--src-set", "1 m", "--src-set"},
	    {"--src-set", "2g", "--src-set"},
	    {"--periodic-on", "spare", "--periodic-on"},
	    {"--kconfig", "dynamic", "--kconfig"},
	    {"--area-layout", "sparse", "--area-layout"},
	    {"--reps", "0", "--reps"},
	    {"--min-time", "0", "--min-time"},
	    {"--min-time", "-1", "--min-time"},
	    {"--min-time", "nan", "--min-time"},
	    {"--schemes", "nosuch", "--schemes"},
	    {"--schemes", "none,", "--schemes"},
	    {"--sample-us", "0", "--sample-us"},
	    {"--batch", "0", "--batch"},
	    {"--workload", "idle", "--workload"},
	    {"--ticker", "maybe", "--ticker"},
	    {"--frobnicate", NULL, "--frobnicate"},
	    {"stray", NULL, "stray"},
	    {"--resume", NULL, "--resume"},
	    {"--truth=1", NULL, "--truth"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(bad[i][0], bad[i][1], NULL) != -1)
			fail_msg("%s %s accepted", bad[i][0],
				 bad[i][1] ? bad[i][1] : "");
		if (!strstr(err, bad[i][2]))
			fail_msg("message '%s' does not name %s", err,
				 bad[i][2]);
		assert_null(strchr(err, '\n'));
	}
	/* A flag without its value. */
	assert_int_equal(parse("--reps", NULL), -1);
	assert_non_null(strstr(err, "--reps"));
}

static void test_geometry(void **state)
{
	unsigned long nslabs, want_nslabs;
	unsigned int nareas, want_nareas;

	(void)state;
	/* auto = the kernel's default, for any CPU count. */
	for (unsigned int cpus = 1; cpus <= 1024; cpus = cpus * 3 + 1) {
		swtlb_default_geometry(cpus, &want_nslabs, &want_nareas);
		swtlb_bench_geometry(cpus, 0, 0, &nslabs, &nareas);
		assert_int_equal(nslabs, want_nslabs);
		assert_int_equal(nareas, want_nareas);
	}
	/* swiotlb=1000,3: slabs to a segment multiple, areas to 4, slabs
	 * to a power of two. */
	swtlb_bench_geometry(2, 3, 1000, &nslabs, &nareas);
	assert_int_equal(nareas, 4);
	assert_int_equal(nslabs, 1024);
	/* Too few slabs for the areas: grown to 128 per area. */
	swtlb_bench_geometry(2, 16, 128, &nslabs, &nareas);
	assert_int_equal(nareas, 16);
	assert_int_equal(nslabs, 2048);
	/* Given areas, default size. */
	swtlb_bench_geometry(2, 8, 0, &nslabs, &nareas);
	assert_int_equal(nareas, 8);
	assert_int_equal(nslabs, 32768);
	/* Every result is a geometry the pool accepts. */
	for (unsigned int a = 1; a <= 512; a = a * 2 + 1)
		for (unsigned long s = 1; s <= 70000; s = s * 5 + 3) {
			swtlb_bench_geometry(4, a, s, &nslabs, &nareas);
			assert_int_equal(swtlb_geometry_check(nslabs, nareas,
							      err, sizeof(err)),
					 0);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_lists_and_both),
	    cmocka_unit_test(test_synonyms),
	    cmocka_unit_test(test_bad_values),
	    cmocka_unit_test(test_geometry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
