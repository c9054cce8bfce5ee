/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/hybrid_resync.h: hybrid-resync's hot-path hooks (see
 * hybrid_resync.c). swiotlb only: the total is the scheme's own.
 */
#ifndef SWTLB_COUNTERS_HYBRID_RESYNC_H
#define SWTLB_COUNTERS_HYBRID_RESYNC_H

#include "counters/hooks.h"

/* Plain (racy) compare-then-store of the mark. */
static inline void hybrid_resync_raise(struct swtlb_scheme_ctx *ctx, long v)
{
	if (v > atomic_load_explicit(ctx->used_hiwater, memory_order_relaxed))
		atomic_store_explicit(ctx->used_hiwater, v,
				      memory_order_relaxed);
}

SWTLB_SHARD_HOOK(hybrid_resync_shard_inc)
{
}
SWTLB_SHARD_HOOK(hybrid_resync_shard_dec)
{
}

SWTLB_TOTAL_HOOK(hybrid_resync_inc_used)
{
	long v = atomic_load_explicit(ctx->total_used, memory_order_relaxed) +
		 (long)n;

	atomic_store_explicit(ctx->total_used, v, memory_order_relaxed);
	hybrid_resync_raise(ctx, v);
}

SWTLB_TOTAL_HOOK(hybrid_resync_dec_used)
{
	long v = atomic_load_explicit(ctx->total_used, memory_order_relaxed) -
		 (long)n;

	atomic_store_explicit(ctx->total_used, v, memory_order_relaxed);
}

#endif /* SWTLB_COUNTERS_HYBRID_RESYNC_H */
