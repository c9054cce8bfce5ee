/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/counters/test_view.c: the workload-neutral side of the scheme
 * interface, without the swiotlb pool: a toy workload with two shards
 * behind its own lock, once keeping its own total (as page_counter does,
 * handing add_return's result to the hooks) and once leaving the total to
 * the scheme (as swiotlb does). Which schemes serve which workload, what
 * swtlb_scheme_ctx_init() refuses, and that a handed total is used as is.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "counters/schemes.h"

/* Two shards of 16 bytes: used, then 8 private bytes for the scheme. */
struct toy {
	struct {
		atomic_ulong used;
		unsigned long priv;
	} shard[2];
	int locked[2];
	int lock_calls;
	atomic_long usage;     /* the workload's own total */
	atomic_long watermark; /* where the kernel keeps its mark */
};

static void toy_lock(void *arg, unsigned int i)
{
	struct toy *t = arg;

	assert_int_equal(t->locked[i], 0);
	t->locked[i] = 1;
	t->lock_calls++;
}

static void toy_unlock(void *arg, unsigned int i)
{
	struct toy *t = arg;

	assert_int_equal(t->locked[i], 1);
	t->locked[i] = 0;
}

static unsigned long toy_used(void *arg, unsigned int i)
{
	struct toy *t = arg;

	return atomic_load(&t->shard[i].used);
}

static unsigned long toy_total(void *arg)
{
	struct toy *t = arg;

	return (unsigned long)atomic_load(&t->usage);
}

static int attach(struct swtlb_scheme_ctx *ctx, struct toy *t, const char *name,
		  unsigned int workload, char *err, size_t errlen)
{
	struct swtlb_shard_view view = {
	    .base = (char *)t->shard,
	    .stride = sizeof(t->shard[0]),
	    .nshards = 2,
	    .priv_off = offsetof(struct toy, shard[0].priv),
	    .capacity = 64,
	    .arg = t,
	    .lock = toy_lock,
	    .unlock = toy_unlock,
	    .used = toy_used,
	    .total = toy_total,
	};
	struct swtlb_scheme_params params = {.ncpus = 2, .batch = 4};

	memset(t, 0, sizeof(*t));
	return swtlb_scheme_ctx_init(ctx, swtlb_scheme_find(name), workload,
				     &view, &t->usage, &t->watermark, &params,
				     err, errlen);
}

/* The toy's get: used grows under the shard lock, then the total. */
static void get(struct swtlb_scheme_ctx *ctx, struct toy *t, unsigned int i,
		unsigned int n, bool handed)
{
	const struct swtlb_scheme_ops *ops = ctx->ops;
	unsigned long used;
	long total = SWTLB_TOTAL_KEPT_BY_SCHEME;

	toy_lock(t, i);
	used = atomic_load(&t->shard[i].used) + n;
	atomic_store(&t->shard[i].used, used);
	if (ops->shard_inc)
		ops->shard_inc(ctx, i, &t->shard[i].priv, used, n);
	toy_unlock(t, i);
	if (handed)
		total = atomic_fetch_add(&t->usage, n) + (long)n;
	if (ops->inc_used)
		ops->inc_used(ctx, i, n, total);
}

static void put(struct swtlb_scheme_ctx *ctx, struct toy *t, unsigned int i,
		unsigned int n, bool handed)
{
	const struct swtlb_scheme_ops *ops = ctx->ops;
	unsigned long used;
	long total = SWTLB_TOTAL_KEPT_BY_SCHEME;

	toy_lock(t, i);
	used = atomic_load(&t->shard[i].used) - n;
	atomic_store(&t->shard[i].used, used);
	if (ops->shard_dec)
		ops->shard_dec(ctx, i, &t->shard[i].priv, used, n);
	toy_unlock(t, i);
	if (handed)
		total = atomic_fetch_sub(&t->usage, n) - (long)n;
	if (ops->dec_used)
		ops->dec_used(ctx, i, n, total);
}

static void test_refusals(void **state)
{
	struct swtlb_scheme_ctx ctx;
	struct toy t;
	char err[200];

	(void)state;
	assert_int_equal(
	    attach(&ctx, &t, "escrow", SWTLB_SERVES_MEMCG, err, sizeof(err)),
	    -EINVAL);
	assert_string_equal(err,
			    "scheme escrow does not serve the memcg workload");
	assert_int_equal(attach(&ctx, &t, "none", 3, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "unknown workload"));
	assert_string_equal(swtlb_workload_name(SWTLB_SERVES_MEMCG), "memcg");
	assert_null(swtlb_workload_name(0));
}

/*
 * A workload that keeps its total hands it over: the scheme must not add
 * to it a second time, and its mark follows the handed values. The same
 * sequence with the total left to the scheme gives the same mark.
 */
static void test_handed_total(void **state)
{
	static const char *const names[] = {"global-atomic", "racy-max",
					    "lazy-peak"};
	struct swtlb_scheme_ctx ctx;
	struct toy t;
	char err[200];
	unsigned long hw;

	(void)state;
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		for (int handed = 0; handed < 2; handed++) {
			unsigned int wl =
			    handed ? SWTLB_SERVES_MEMCG : SWTLB_SERVES_SWIOTLB;

			if (attach(&ctx, &t, names[k], wl, err, sizeof(err)))
				fail_msg("%s", err);
			get(&ctx, &t, 0, 5, handed);
			get(&ctx, &t, 1, 7, handed);
			put(&ctx, &t, 0, 5, handed);
			get(&ctx, &t, 0, 2, handed);
			if (atomic_load(&t.usage) != 9)
				fail_msg("%s (%s): total %ld, want 9", names[k],
					 handed ? "handed" : "kept",
					 (long)atomic_load(&t.usage));
			assert_int_equal(ctx.ops->used(&ctx), 9);
			assert_true(ctx.ops->hiwater(&ctx, &hw));
			if (hw != 12)
				fail_msg("%s (%s): mark %lu, want 12", names[k],
					 handed ? "handed" : "kept", hw);
			assert_int_equal(atomic_load(&t.watermark), 12);
			put(&ctx, &t, 0, 2, handed);
			put(&ctx, &t, 1, 7, handed);
			assert_int_equal(atomic_load(&t.usage), 0);
			swtlb_scheme_ctx_fini(&ctx);
		}
	}
}

/* Schemes that read shards do it through the view's callbacks. */
static void test_view_callbacks(void **state)
{
	struct swtlb_scheme_ctx ctx;
	struct toy t;
	char err[200];
	unsigned long hw;

	(void)state;
	/* area-hiwater: per-shard marks in the shard's private bytes, reset
	 * under each shard's lock. */
	if (attach(&ctx, &t, "area-hiwater", SWTLB_SERVES_SWIOTLB, err,
		   sizeof(err)))
		fail_msg("%s", err);
	get(&ctx, &t, 0, 3, false);
	get(&ctx, &t, 1, 4, false);
	put(&ctx, &t, 0, 3, false);
	assert_int_equal(t.shard[0].priv, 3);
	assert_int_equal(t.shard[1].priv, 4);
	assert_true(ctx.ops->hiwater(&ctx, &hw));
	assert_int_equal(hw, 7);
	t.lock_calls = 0;
	assert_int_equal(ctx.ops->hiwater_set(&ctx, 0), 0);
	assert_int_equal(t.lock_calls, 2);
	assert_int_equal(t.shard[0].priv + t.shard[1].priv, 0);
	swtlb_scheme_ctx_fini(&ctx);

	/* sampled on memcg: snapshots of the workload's own total. */
	if (attach(&ctx, &t, "sampled", SWTLB_SERVES_MEMCG, err, sizeof(err)))
		fail_msg("%s", err);
	get(&ctx, &t, 0, 6, true);
	ctx.ops->periodic(&ctx);
	put(&ctx, &t, 0, 6, true);
	ctx.ops->periodic(&ctx);
	assert_true(ctx.ops->hiwater(&ctx, &hw));
	assert_int_equal(hw, 6);
	swtlb_scheme_ctx_fini(&ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_handed_total),
	    cmocka_unit_test(test_view_callbacks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
