// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/workloads/test_workloads.c: the workload table. Every registered
 * workload is complete (what the runner calls is there), --param settings
 * resolve against declared parameters into the CSV cell, and a unit of
 * each workload gets and puts on a real context, leaving it consistent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "workloads/workload.h"

/* A stand-in with two parameters, for the resolver alone. */
static const struct swtlb_workload_param two[] = {
    {"depth", "2", "levels"},
    {"fanout", "4", "children"},
    {NULL},
};
static const struct swtlb_workload_ops fake = {.name = "fake", .params = two};

static void test_every_workload_complete(void **state)
{
	(void)state;
	assert_non_null(swtlb_workloads[0]);
	assert_string_equal(swtlb_workloads[0]->name, "swiotlb");
	for (unsigned int i = 0; swtlb_workloads[i]; i++) {
		const struct swtlb_workload_ops *w = swtlb_workloads[i];

		assert_ptr_equal(swtlb_workload_find(w->name), w);
		assert_non_null(w->summary);
		assert_non_null(w->unit);
		assert_non_null(w->params);
		assert_non_null(w->create);
		assert_non_null(w->destroy);
		assert_non_null(w->scheme_ctx);
		assert_non_null(w->thread_prepare);
		assert_non_null(w->thread_release);
		assert_non_null(w->get);
		assert_non_null(w->put);
		assert_non_null(w->loop);
		assert_non_null(w->check);
		/* Schemes run only where some serve the workload. */
		if (w->dims & SWTLB_DIM_SCHEMES)
			assert_int_not_equal(w->serves, 0);
		/* A count comes with its truth hook, and the reverse. */
		assert_int_equal(w->truth_units != NULL, w->loop_truth != NULL);
		assert_int_equal(w->truth_units != NULL, w->count_unit != NULL);
		assert_int_equal(w->params[0].key != NULL, w->parse != NULL);
	}
	assert_null(swtlb_workload_find("no-such"));
}

static void test_params_defaults_and_order(void **state)
{
	const char *values[SWTLB_WORKLOAD_MAX_PARAMS];
	const char *set[] = {"fanout=8", "depth=3", "fanout=16"};
	char cell[64], err[256];

	(void)state;
	assert_int_equal(swtlb_workload_params_resolve(&fake, NULL, 0, values,
						       cell, sizeof(cell), err,
						       sizeof(err)),
			 0);
	assert_string_equal(cell, "depth=2;fanout=4");
	/* Declared order, later settings win. */
	assert_int_equal(swtlb_workload_params_resolve(&fake, set, 3, values,
						       cell, sizeof(cell), err,
						       sizeof(err)),
			 0);
	assert_string_equal(cell, "depth=3;fanout=16");
	assert_string_equal(values[0], "3");
	assert_string_equal(values[1], "16");
	/* No parameters: an empty cell. */
	assert_int_equal(swtlb_workload_params_resolve(
			     swtlb_workload_find("harness"), NULL, 0, values,
			     cell, sizeof(cell), err, sizeof(err)),
			 0);
	assert_string_equal(cell, "");
}

static void expect_refused(const char *setting, const char *needle)
{
	const char *values[SWTLB_WORKLOAD_MAX_PARAMS];
	char cell[64], err[256] = "";

	assert_int_equal(
	    swtlb_workload_params_resolve(&fake, &setting, 1, values, cell,
					  sizeof(cell), err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, needle));
}

static void test_params_refused(void **state)
{
	(void)state;
	expect_refused("width=3", "has no parameter \"width\"");
	expect_refused("width=3", "depth, fanout");
	expect_refused("depth", "want KEY=VALUE");
	expect_refused("=3", "want KEY=VALUE");
	expect_refused("depth=", "non-empty");
	expect_refused("depth=1;fanout=2", "without ';'");
	expect_refused("depth=a=b", "without ';' or '='");
}

/* A workload whose counter includes units cached per CPU (memcg). */
static bool stocked_counter(const struct swtlb_workload_ops *w)
{
	return !strcmp(w->name, "memcg");
}

/* One unit of each workload on a small real context, no scheme. */
static void test_get_put_roundtrip(void **state)
{
	(void)state;
	for (unsigned int i = 0; swtlb_workloads[i]; i++) {
		const struct swtlb_workload_ops *w = swtlb_workloads[i];
		struct swtlb_workload_setup s = {
		    .threads = 1, .ncpus = 1, .nslabs = 1024, .nareas = 1};
		struct swtlb_workload_thread_setup t = {
		    .cpu = 0, .queue_depth = 2, .max_size = 4096};
		const char *values[SWTLB_WORKLOAD_MAX_PARAMS];
		char cell[256], err[256];
		unsigned long used;
		void *ctx, *thr;

		assert_int_equal(swtlb_workload_params_resolve(
				     w, NULL, 0, values, cell, sizeof(cell),
				     err, sizeof(err)),
				 0);
		s.params = w->parse ? w->parse(values, err, sizeof(err)) : NULL;
		ctx = w->create(&s, err, sizeof(err));
		assert_non_null(ctx);
		thr = w->thread_prepare(ctx, &t, err, sizeof(err));
		assert_non_null(thr);
		assert_true(w->get(ctx, thr, 0, 1, 4096));
		if (w->used) {
			unsigned long units =
			    (unsigned long)w->truth_units(ctx, thr, 1);

			assert_true(w->used(ctx, &used));
			/*
			 * memcg's counter also holds what its per-CPU stock
			 * keeps (a batch charged, one page handed out): it
			 * may read more than the users hold, never less.
			 */
			if (stocked_counter(w))
				assert_true(used >= units);
			else
				assert_int_equal(used, units);
		}
		w->put(ctx, thr, 0, 1);
		w->put(ctx, thr, 0, 0); /* an empty slot: nothing */
		if (w->used && !stocked_counter(w)) {
			assert_true(w->used(ctx, &used));
			assert_int_equal(used, 0);
		}
		/* check() gives cached units back (memcg drains its stocks) */
		assert_int_equal(w->check(ctx, err, sizeof(err)), 0);
		if (w->used) {
			assert_true(w->used(ctx, &used));
			assert_int_equal(used, 0);
		}
		w->thread_release(ctx, thr);
		w->destroy(ctx);
		if (s.params)
			w->params_free((void *)s.params);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_workload_complete),
	    cmocka_unit_test(test_params_defaults_and_order),
	    cmocka_unit_test(test_params_refused),
	    cmocka_unit_test(test_get_put_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
