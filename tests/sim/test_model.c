/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/sim/test_model.c: the coherence model's directory (bench/sim/
 * model.c) on hand-made PU places: which access is a transfer, of which
 * distance class, and what the projection makes of it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "bench/sim/model.h"
#include "bench/sim/model_trace.h"

/* CPUs 0,1: one core; 2: same L3; 3: same package, other L3; 4: other
 * package. */
static const struct swtlb_pu_place places[] = {
    {0, 0, 0, 0}, {1, 0, 0, 0}, {2, 1, 0, 0}, {3, 2, 1, 0}, {4, 3, 2, 1},
};

static const struct model_lat lat = {.ns = {10, 40, 100, 200},
				     .base_pair_ns = 100};

/* Two lines far from the stack (which the model ignores). */
static long line_a[8] __attribute__((aligned(64)));
static long line_b[8] __attribute__((aligned(64)));

static void touch(struct model *m, unsigned int cpu, enum model_op op,
		  const void *addr, bool write)
{
	model_begin(m, cpu, op);
	swtlb_model_hook(addr, write);
	model_end(m);
}

static void test_classes(void **state)
{
	struct model_result r;
	char err[128];
	struct model *m = model_new(places, 5, &lat, err, sizeof(err));

	(void)state;
	assert_non_null(m);
	touch(m, 0, MODEL_MAP, line_a, true);	  /* cold */
	touch(m, 0, MODEL_MAP, &line_a[3], true); /* same line, owner: hit */
	touch(m, 1, MODEL_MAP, line_a, true);	  /* from its SMT sibling */
	touch(m, 2, MODEL_UNMAP, line_a, false);  /* modified on 1: L3 */
	touch(m, 2, MODEL_UNMAP, line_a, false);  /* now shared here: hit */
	touch(m, 4, MODEL_UNMAP, line_a, true);	  /* 1 and 2 hold it: the
						     farthest is remote */
	touch(m, 3, MODEL_MAP, line_a, false);	  /* from 4: remote */
	touch(m, 0, MODEL_MAP, line_a, false);	  /* nearest sharer: 3 (package)
						   */
	touch(m, 0, MODEL_MAP, line_b, false);	  /* cold */
	touch(m, 1, MODEL_MAP, line_b, false);	  /* clean, from 0: SMT */
	touch(m, 1, MODEL_MAP, line_b, true);	  /* upgrade, 0 shares: SMT */
	model_result(m, &r);
	assert_int_equal(r.cold, 2);
	assert_int_equal(r.ops[MODEL_MAP], 8);
	assert_int_equal(r.ops[MODEL_UNMAP], 3);
	assert_int_equal(r.xfer[MODEL_MAP][SWTLB_MODEL_DIST_SMT], 3);
	assert_int_equal(r.xfer[MODEL_UNMAP][SWTLB_MODEL_DIST_CACHE], 1);
	assert_int_equal(r.xfer[MODEL_UNMAP][SWTLB_MODEL_DIST_REMOTE], 1);
	assert_int_equal(r.xfer[MODEL_MAP][SWTLB_MODEL_DIST_REMOTE], 1);
	assert_int_equal(r.xfer[MODEL_MAP][SWTLB_MODEL_DIST_PACKAGE], 1);
	assert_int_equal(r.lines, 2);
	/* line_a: 10 + 40 + 200 + 200 + 100 ns of serialised transfers. */
	assert_true(r.hot_busy_ns == 550.0);
	/* Per pair (8 maps): 7 transfers: (3 x 10 + 40 + 2 x 200 + 100) / 8
	 * on top of 100 ns. */
	assert_true(model_ns_per_pair(&r, &lat) == 100.0 + 570.0 / 8);
	/* The busiest line's ceiling: 8 pairs in 550 ns. */
	assert_true(model_ceiling(&r) == 8 / 550e-9);
	model_reset_counts(m);
	touch(m, 1, MODEL_MAP, line_b, true); /* still owned by 1: a hit */
	model_result(m, &r);
	assert_int_equal(r.xfer[MODEL_MAP][SWTLB_MODEL_DIST_SMT], 0);
	assert_int_equal(r.cold, 0);
	model_free(m);
	assert_null(swtlb_model_hook);
}

/* Slot-array entries: 24 bytes, 8 of them over 3 lines. */
static void test_slots(void **state)
{
	struct model_result r;
	char err[128];
	struct model *m = model_new(places, 2, &lat, err, sizeof(err));

	(void)state;
	model_begin(m, 0, MODEL_MAP);
	model_slots(m, 0, 8); /* bytes 0..191: lines 0, 1, 2 */
	model_end(m);
	model_begin(m, 1, MODEL_UNMAP);
	model_slots(m, 2, 1); /* bytes 48..71: lines 0 and 1 */
	model_end(m);
	model_result(m, &r);
	assert_int_equal(r.cold, 3);
	assert_int_equal(r.xfer[MODEL_UNMAP][SWTLB_MODEL_DIST_SMT], 2);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_classes),
	    cmocka_unit_test(test_slots),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
