/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/hybrid_resync.c: an imprecise global count kept cheaply, re-synced
 * periodically from the per-area sums (Michael Kelley's 2024 swiotlb
 * throttling proposal kept such a count).
 *
 * After the unlock, a map does total_used += nslots and an unmap
 * total_used -= nslots as a plain load and store (no lock prefix, so
 * concurrent updates can be lost), and a map raises used_hiwater with a
 * plain compare-then-store. periodic() (every params.period_us) replaces
 * total_used by the lockless sum of area->used and raises the mark to it.
 * Both live at the kernel's offsets: the line still moves between CPUs on
 * every map and unmap, only the locked instructions are gone.
 *
 * Contract: exact single-threaded (nothing is lost, resyncs are no-ops).
 * With concurrent CPUs the count drifts by the updates lost since the last
 * resync, in either direction, and the mark keeps the largest drifted
 * value: it can be above or below the truth by the drift accumulated in
 * one period (bounded by the slots mapped and unmapped during a period,
 * not by a constant), plus racy-max's lost stores.
 * Reset: 0 accepted (reads 0 until the next map or resync), others -EINVAL.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "counters/hybrid_resync.h"
#include "counters/schemes.h"
#include "counters/shard_view.h"

struct hybrid {
	atomic_ulong resyncs;
};

static int hr_init(struct swtlb_scheme_ctx *ctx, char *err, size_t errlen)
{
	struct hybrid *h = calloc(1, sizeof(*h));

	if (!h) {
		snprintf(err, errlen, "hybrid-resync: out of memory");
		return -ENOMEM;
	}
	ctx->priv = h;
	atomic_store(ctx->total_used, 0);
	atomic_store(ctx->used_hiwater, 0);
	return 0;
}

static void hr_fini(struct swtlb_scheme_ctx *ctx)
{
	free(ctx->priv);
	ctx->priv = NULL;
}

static void hr_periodic(struct swtlb_scheme_ctx *ctx)
{
	struct hybrid *h = ctx->priv;
	long sum = (long)swtlb_shards_total(ctx);

	atomic_store_explicit(ctx->total_used, sum, memory_order_relaxed);
	hybrid_resync_raise(ctx, sum);
	atomic_fetch_add_explicit(&h->resyncs, 1, memory_order_relaxed);
}

static unsigned long hr_used(struct swtlb_scheme_ctx *ctx)
{
	long v = atomic_load_explicit(ctx->total_used, memory_order_relaxed);

	return v > 0 ? (unsigned long)v : 0;
}

static bool hr_hiwater(struct swtlb_scheme_ctx *ctx, unsigned long *out)
{
	long v = atomic_load_explicit(ctx->used_hiwater, memory_order_relaxed);

	*out = v > 0 ? (unsigned long)v : 0;
	return true;
}

static int hr_stats(struct swtlb_scheme_ctx *ctx, char *buf, size_t len)
{
	struct hybrid *h = ctx->priv;

	return snprintf(
	    buf, len, "resyncs=%lu",
	    atomic_load_explicit(&h->resyncs, memory_order_relaxed));
}

const struct swtlb_scheme_ops swtlb_scheme_hybrid_resync = {
    .name = "hybrid-resync",
    .workloads = SWTLB_SERVES_SWIOTLB,
    .hooks = "hybrid_resync",
    .contract = "exact single-threaded; concurrent lost updates drift it "
		"either way until the next resync",
    .init = hr_init,
    .fini = hr_fini,
    .inc_used = hybrid_resync_inc_used,
    .dec_used = hybrid_resync_dec_used,
    .used = hr_used,
    .hiwater = hr_hiwater,
    .hiwater_set = swtlb_scheme_mem_hiwater_reset,
    .periodic = hr_periodic,
    .stats = hr_stats,
};
