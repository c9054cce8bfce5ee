/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/counters/test_schemes.c: every registered scheme on the real pool,
 * single-threaded: used(), the 0-or-EINVAL write, and what a read shows
 * after a reset, each as the scheme's header comment states it. A scheme
 * added to the registry without an entry here fails the test.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "counters/schemes.h"
#include "pool/swiotlb.h"

#define NOMARK (-1L) /* hiwater() returns false */

/*
 * Expected reads along one sequence (see test_reset_semantics):
 * after two maps of 8 slots; after unmapping one and writing 0; after
 * unmapping the other; after a map of 4 slots.
 */
struct expect {
	const char *name;
	bool enabled; /* params.enabled (toggle) */
	long peak, after_reset, after_unmap, after_map;
	int set0;	    /* what writing 0 returns */
	unsigned int batch; /* params.batch for the sequence; 0: 1 */
};

static const struct expect expects[] = {
    {"none", false, NOMARK, NOMARK, NOMARK, NOMARK, -EINVAL, 0},
    {"global-atomic", false, 16, 0, 0, 4, 0, 0},
    /* The next map sets its own area's mark: 4 (area 2 alone). */
    {"area-hiwater", false, 16, 0, 0, 4, 0, 0},
    /* Snapshots are taken only by periodic(): called after the maps. */
    {"sampled", false, 16, 0, 0, 4, 0, 0},
    {"toggle", false, NOMARK, NOMARK, NOMARK, NOMARK, -EINVAL, 0},
    {"toggle", true, 16, 0, 0, 4, 0, 0},
    /* batch 1: every change folds, so it is exact here. */
    {"percpu-batch", false, 16, 0, 0, 4, 0, 0},
    {"racy-max", false, 16, 0, 0, 4, 0, 0},
    /* Read = max(mark, total): 8 at once; the release of 8 records 8. */
    {"lazy-peak", false, 16, 8, 8, 8, 0, 0},
    {"hybrid-resync", false, 16, 0, 0, 4, 0, 0},
    {"escrow", false, 16, 0, 0, 4, 0, 0},
    /* The first map is a new peak: 8 + the grant of 32; the second is
     * paid from that grant. A reset re-establishes H = T, no grant. */
    {"escrow-grant", false, 40, 0, 0, 4, 0, 0},
    {"escrow-tier", false, 16, 0, 0, 4, 0, 0},
    /* batch 2 (E = 4 x 1 + 2 x 3 = 10): each 8-slot map carries 7 (its
     * CPU keeps batch/2 = 1), of which level 1 passes up 4: 8 at the top.
     * The unmaps take it to -8, the 4-slot map back to -4 only. */
    {"counter-tree", false, 8, 0, 0, 0, 0, 2},
    /* reserve 1: every change drains, exact here. */
    {"pcpu-reserve", false, 16, 0, 0, 4, 0, 0},
};

static const struct swtlb_dev dev = {.min_align_mask = 0,
				     .seg_boundary_mask = ~0UL};

static struct swtlb *make_pool(const struct swtlb_scheme_ops *ops, bool enabled,
			       unsigned int batch)
{
	struct swtlb_config cfg = {
	    .nslabs = 1024,
	    .nareas = 4,
	    .scheme = ops,
	    .scheme_params = {.ncpus = 4,
			      .batch = batch,
			      .period_us = 1000,
			      .enabled = enabled},
	    .start = SWTLB_DEFAULT_START,
	    .bounce = false,
	};
	char err[256] = "";
	struct swtlb *p = swtlb_create(&cfg, err, sizeof(err));

	if (!p)
		fail_msg("%s: %s", ops->name, err);
	return p;
}

static uint64_t map(struct swtlb *p, unsigned int cpu, size_t size)
{
	uint64_t a = swtlb_map(p, &dev, cpu, 0x1000, size, 0, DMA_TO_DEVICE, 0);

	assert_true(a != DMA_MAPPING_ERROR);
	return a;
}

static void unmap(struct swtlb *p, unsigned int cpu, uint64_t a, size_t size)
{
	swtlb_unmap(p, &dev, cpu, a, size, DMA_TO_DEVICE, 0);
}

static long read_mark(struct swtlb *p)
{
	unsigned long v;

	return swtlb_hiwater(p, &v) ? (long)v : NOMARK;
}

static void tick(struct swtlb *p)
{
	struct swtlb_scheme_ctx *ctx = swtlb_scheme_ctx(p);

	if (ctx->ops->periodic)
		ctx->ops->periodic(ctx);
}

static void check(const struct expect *e, const char *when, long got, long want)
{
	if (got != want)
		fail_msg("%s%s: %s: read %ld, expected %ld", e->name,
			 e->enabled ? " (on)" : "", when, got, want);
}

static void run_sequence(const struct expect *e)
{
	const struct swtlb_scheme_ops *ops = swtlb_scheme_find(e->name);
	struct swtlb *p;
	uint64_t a, b, c;

	assert_non_null(ops);
	p = make_pool(ops, e->enabled, e->batch ? e->batch : 1);
	a = map(p, 0, 16384); /* 8 slots in area 0 */
	b = map(p, 1, 16384); /* 8 slots in area 1 */
	assert_int_equal(swtlb_used(p), 16);
	tick(p);
	check(e, "after two maps", read_mark(p), e->peak);

	/* Only 0 may be written; a refused write changes nothing. */
	assert_int_equal(swtlb_hiwater_set(p, 7), -EINVAL);
	check(e, "after writing 7", read_mark(p), e->peak);

	unmap(p, 0, a, 16384);
	assert_int_equal(swtlb_hiwater_set(p, 0), e->set0);
	check(e, "after writing 0", read_mark(p), e->after_reset);

	unmap(p, 1, b, 16384);
	check(e, "after an unmap", read_mark(p), e->after_unmap);
	assert_int_equal(swtlb_used(p), 0);

	c = map(p, 2, 8192); /* 4 slots in area 2 */
	tick(p);
	check(e, "after the next map", read_mark(p), e->after_map);
	assert_int_equal(swtlb_used(p), 4);
	unmap(p, 2, c, 8192);
	swtlb_destroy(p);
}

static void test_reset_semantics(void **state)
{
	(void)state;
	for (size_t i = 0; swtlb_schemes[i]; i++) {
		bool found = false;

		for (size_t k = 0; k < sizeof(expects) / sizeof(expects[0]);
		     k++)
			found |= strcmp(expects[k].name,
					swtlb_schemes[i]->name) == 0;
		if (!found)
			fail_msg("scheme %s has no reset expectations",
				 swtlb_schemes[i]->name);
	}
	for (size_t k = 0; k < sizeof(expects) / sizeof(expects[0]); k++)
		run_sequence(&expects[k]);
}

static void test_registry(void **state)
{
	(void)state;
	for (size_t i = 0; swtlb_schemes[i]; i++) {
		const struct swtlb_scheme_ops *o = swtlb_schemes[i];

		assert_ptr_equal(swtlb_scheme_find(o->name), o);
		assert_non_null(o->contract);
		assert_non_null(o->used);
		assert_non_null(o->hiwater);
		assert_non_null(o->hiwater_set);
		assert_int_equal(o->shard_priv_bytes % 8, 0);
		/* Every scheme serves swiotlb, the first workload. */
		assert_true(swtlb_scheme_serves(o, SWTLB_SERVES_SWIOTLB));
		assert_int_equal(
		    o->workloads & ~(SWTLB_SERVES_SWIOTLB | SWTLB_SERVES_MEMCG),
		    0);
		for (size_t k = 0; k < i; k++)
			assert_string_not_equal(swtlb_schemes[k]->name,
						o->name);
	}
	assert_null(swtlb_scheme_find("no-such-scheme"));
}

/* Switching toggle on mid-run: the mark starts at the used count then. */
static void test_toggle_switch(void **state)
{
	struct swtlb *p = make_pool(&swtlb_scheme_toggle, false, 0);
	struct swtlb_scheme_ctx *ctx = swtlb_scheme_ctx(p);
	uint64_t a, b;
	unsigned long v;

	(void)state;
	a = map(p, 0, 16384); /* 8 slots, before the switch */
	assert_false(swtlb_hiwater(p, &v));
	ctx->ops->set_enabled(ctx, true);
	assert_true(swtlb_hiwater(p, &v));
	assert_int_equal(v, 8);
	b = map(p, 1, 8192); /* +4 */
	assert_true(swtlb_hiwater(p, &v));
	assert_int_equal(v, 12);
	/* Unmapping what was mapped before the switch is counted too. */
	unmap(p, 0, a, 16384);
	assert_int_equal(swtlb_used(p), 4);
	unmap(p, 1, b, 8192);
	assert_int_equal(swtlb_used(p), 0);
	assert_true(swtlb_hiwater(p, &v));
	assert_int_equal(v, 12);
	ctx->ops->set_enabled(ctx, false);
	assert_false(swtlb_hiwater(p, &v));
	swtlb_destroy(p);
}

/* percpu-batch: the bound it states, and an error it really makes. */
static void test_percpu_batch_bound(void **state)
{
	struct swtlb *p = make_pool(&swtlb_scheme_percpu_batch, false, 8);
	struct swtlb_scheme_ctx *ctx = swtlb_scheme_ctx(p);
	unsigned long v;
	uint64_t a;

	(void)state;
	assert_int_equal(swtlb_percpu_batch_bound(ctx), 4 * 7);
	/* 6 slots on CPU 0: below the batch, nothing folded yet. */
	a = map(p, 0, 3 * 4096);
	assert_true(swtlb_hiwater(p, &v));
	assert_int_equal(v, 0);
	assert_int_equal(swtlb_used(p), 6); /* percpu_counter_sum: exact */
	unmap(p, 0, a, 3 * 4096);
	swtlb_destroy(p);
}

/* counter-tree's level-0 carries so far (its stats' carries=). */
static unsigned long tree_carries(struct swtlb *p)
{
	char buf[256];
	const char *c;

	swtlb_scheme_counter_tree.stats(swtlb_scheme_ctx(p), buf, sizeof(buf));
	c = strstr(buf, "carries=");
	assert_non_null(c);
	return strtoul(c + 8, NULL, 10);
}

/*
 * counter-tree, 4 CPUs, batch 8: k = 2, two binary levels, E = 4 x 7 +
 * 2 x 15 = 58. Level 0 carries all but batch / 2 once its residue leaves
 * [0, 7], so a count moving back and forth by less than 4 carries no more
 * (the proposal's batch-bit carry did on every crossing of 8). The mark
 * stays below the truth until carries reach the top, and never exceeds it.
 */
static void test_counter_tree_bound(void **state)
{
	struct swtlb *p = make_pool(&swtlb_scheme_counter_tree, false, 8);
	struct swtlb_scheme_ctx *ctx = swtlb_scheme_ctx(p);
	uint64_t a, b, c;

	(void)state;
	assert_int_equal(swtlb_counter_tree_bound(ctx), 58);
	a = map(p, 0, 3 * 4096); /* 6 slots: residue 6, no carry */
	assert_int_equal(read_mark(p), 0);
	assert_int_equal(swtlb_used(p), 6); /* the precise sum */
	assert_int_equal(tree_carries(p), 0);
	b = map(p, 0, 2 * 4096); /* 10: carries 6 to level 1 (residue 4) */
	assert_int_equal(tree_carries(p), 1);
	assert_int_equal(read_mark(p), 0);
	for (int i = 0; i < 10; i++) { /* 6 <-> 10 across 8: no carry */
		unmap(p, 0, b, 2 * 4096);
		b = map(p, 0, 2 * 4096);
	}
	assert_int_equal(tree_carries(p), 1);
	c = map(p, 0, 8 * 4096); /* 26: carries 16, level 1 22: top 16 */
	assert_int_equal(tree_carries(p), 2);
	assert_int_equal(read_mark(p), 16);
	assert_int_equal(swtlb_used(p), 26);
	unmap(p, 1, c, 8 * 4096); /* CPU 1 at -16: carries -20 */
	unmap(p, 1, b, 2 * 4096);
	unmap(p, 1, a, 3 * 4096);
	assert_int_equal(swtlb_used(p), 0);
	assert_int_equal(read_mark(p), 16);
	swtlb_destroy(p);
}

/* pcpu-reserve, 4 CPUs, reserve 8: bound 28; drains at +-8. */
static void test_pcpu_reserve_bound(void **state)
{
	struct swtlb *p = make_pool(&swtlb_scheme_pcpu_reserve, false, 8);
	struct swtlb_scheme_ctx *ctx = swtlb_scheme_ctx(p);
	uint64_t a, b;

	(void)state;
	assert_int_equal(swtlb_pcpu_reserve_bound(ctx), 4 * 7);
	a = map(p, 0, 3 * 4096); /* reserve 6: nothing drained */
	assert_int_equal(read_mark(p), 0);
	assert_int_equal(swtlb_used(p), 6);
	b = map(p, 0, 2 * 4096); /* reserve 10 >= 8: drains 10 */
	assert_int_equal(read_mark(p), 10);
	unmap(p, 1, b, 2 * 4096); /* CPU 1 reserve -4: no drain */
	assert_int_equal(swtlb_used(p), 6);
	assert_int_equal(read_mark(p), 10);
	unmap(p, 1, a, 3 * 4096); /* -10 <= -8: drains */
	assert_int_equal(swtlb_used(p), 0);
	assert_int_equal(read_mark(p), 10);
	swtlb_destroy(p);
}

/* escrow: a map in an area without budget is paid by another area's. */
static void test_escrow_steal(void **state)
{
	struct swtlb *p = make_pool(&swtlb_scheme_escrow, false, 0);
	unsigned long v;
	uint64_t a, b, c;

	(void)state;
	a = map(p, 0, 65536);  /* 32 in area 0: peak 32 */
	b = map(p, 1, 16384);  /* 8 in area 1: peak 40 */
	unmap(p, 0, a, 65536); /* area 0 holds a budget of 32 */
	c = map(p, 1, 32768);  /* 16 in area 1: total 24, from area 0 */
	assert_true(swtlb_hiwater(p, &v));
	assert_int_equal(v, 40);
	unmap(p, 1, b, 16384);
	a = map(p, 3, 65536); /* 32 + 16 = 48: a new peak */
	assert_true(swtlb_hiwater(p, &v));
	assert_int_equal(v, 48);
	unmap(p, 3, a, 65536);
	unmap(p, 1, c, 32768);
	assert_int_equal(swtlb_used(p), 0);
	swtlb_destroy(p);
}

/* escrow's stats line holds `what` (e.g. "steal=1 "). */
static void expect_stats(struct swtlb *p, const char *what)
{
	struct swtlb_scheme_ctx *ctx = swtlb_scheme_ctx(p);
	char line[256];

	ctx->ops->stats(ctx, line, sizeof(line));
	if (!strstr(line, what))
		fail_msg("escrow stats '%s' lack '%s'", line, what);
}

/*
 * escrow pays a debt from the richest donor first (one remote lock where
 * the old ring walk took three), and at a new peak, when the lockless
 * peeks show too little budget anywhere, it steals nothing before the
 * all-area step.
 */
static void test_escrow_richest_first(void **state)
{
	struct swtlb *p = make_pool(&swtlb_scheme_escrow, false, 0);
	uint64_t a, b, c, d, e;

	(void)state;
	a = map(p, 0, 65536);  /* 32 in area 0: peak 32 */
	b = map(p, 2, 16384);  /* 8 in area 2: peak 40 */
	unmap(p, 0, a, 65536); /* budgets: area 0 32, area 2 8 */
	unmap(p, 2, b, 16384);
	expect_stats(p, "steal=0 ");
	c = map(p, 1, 32768); /* owes 16: all from area 0, the richest */
	assert_int_equal(read_mark(p), 40);
	expect_stats(p, "steal=1 ");
	d = map(p, 3, 65536); /* owes 32: 16 + 8 stolen, 8 a new peak */
	assert_int_equal(read_mark(p), 48);
	expect_stats(p, "steal=3 peak=3 ");
	e = map(p, 1, 4096); /* owes 2, no budget anywhere: no steal */
	assert_int_equal(read_mark(p), 50);
	expect_stats(p, "steal=3 peak=4 ");
	unmap(p, 1, e, 4096);
	unmap(p, 3, d, 65536);
	unmap(p, 1, c, 32768);
	assert_int_equal(swtlb_used(p), 0);
	assert_int_equal(read_mark(p), 50);
	swtlb_destroy(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_registry),
	    cmocka_unit_test(test_reset_semantics),
	    cmocka_unit_test(test_toggle_switch),
	    cmocka_unit_test(test_percpu_batch_bound),
	    cmocka_unit_test(test_counter_tree_bound),
	    cmocka_unit_test(test_pcpu_reserve_bound),
	    cmocka_unit_test(test_escrow_steal),
	    cmocka_unit_test(test_escrow_richest_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
