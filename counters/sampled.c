/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/sampled.c: periodic snapshots of mem_used() (seed 003: the
 * reviewer's and the patch author's suggestion).
 *
 * Hot path: nothing (no hook), exactly the cost of `none`.
 * periodic(), every params.period_us (a real thread in swtlb-bench, virtual
 * time in swtlb-sim): S = lockless sum of area->used; mark = max(mark, S).
 * used: the lockless sum. hiwater: the largest snapshot.
 *
 * Contract: never above the truth when snapshots see a consistent sum (in
 * the simulator: always; every snapshot is a real total), below it by any
 * peak shorter than the period: unbounded below. With concurrent CPUs a
 * snapshot reads each area at a slightly different instant, so it can
 * exceed the instantaneous total by what moved between areas during one
 * pass over the area array (a few hundred ns).
 * Reset: 0 accepted, other values -EINVAL; the mark reads 0 until the next
 * snapshot (not the next map: maps do not touch the mark).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "counters/atomic_max.h"
#include "counters/sampled.h"
#include "counters/schemes.h"
#include "counters/shard_view.h"

struct sampled {
	atomic_long mark;
	atomic_ulong samples; /* snapshots taken, for the statistics line */
};

static int sampled_init(struct swtlb_scheme_ctx *ctx, char *err, size_t errlen)
{
	struct sampled *s = calloc(1, sizeof(*s));

	if (!s) {
		snprintf(err, errlen, "sampled: out of memory");
		return -ENOMEM;
	}
	ctx->priv = s;
	return 0;
}

static void sampled_fini(struct swtlb_scheme_ctx *ctx)
{
	free(ctx->priv);
	ctx->priv = NULL;
}

static void sampled_periodic(struct swtlb_scheme_ctx *ctx)
{
	struct sampled *s = ctx->priv;

	swtlb_atomic_max(&s->mark, swtlb_shards_total(ctx));
	atomic_fetch_add_explicit(&s->samples, 1, memory_order_relaxed);
}

static unsigned long sampled_used(struct swtlb_scheme_ctx *ctx)
{
	return swtlb_shards_total(ctx);
}

static bool sampled_hiwater(struct swtlb_scheme_ctx *ctx, unsigned long *out)
{
	struct sampled *s = ctx->priv;

	*out =
	    (unsigned long)atomic_load_explicit(&s->mark, memory_order_relaxed);
	return true;
}

static int sampled_hiwater_set(struct swtlb_scheme_ctx *ctx, unsigned long val)
{
	struct sampled *s = ctx->priv;

	if (val != 0)
		return -EINVAL;
	atomic_store_explicit(&s->mark, 0, memory_order_relaxed);
	return 0;
}

static int sampled_stats(struct swtlb_scheme_ctx *ctx, char *buf, size_t len)
{
	struct sampled *s = ctx->priv;

	return snprintf(
	    buf, len, "samples=%lu",
	    atomic_load_explicit(&s->samples, memory_order_relaxed));
}

const struct swtlb_scheme_ops swtlb_scheme_sampled = {
    .name = "sampled",
    .workloads = SWTLB_SERVES_SWIOTLB | SWTLB_SERVES_MEMCG,
    .hooks = "sampled",
    .contract = "never above the truth (snapshots); misses peaks shorter "
		"than the sampling period: unbounded below",
    .init = sampled_init,
    .fini = sampled_fini,
    .used = sampled_used,
    .hiwater = sampled_hiwater,
    .hiwater_set = sampled_hiwater_set,
    .periodic = sampled_periodic,
    .stats = sampled_stats,
};
