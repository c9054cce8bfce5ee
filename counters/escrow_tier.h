/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/escrow_tier.h: escrow-tier's hot-path hooks (see
 * escrow_tier.c). Under the area lock a map compares the area's used with
 * its allotment, which sits on a line of its own that only the area's
 * coordination writes (struct io_tlb_area keeps the kernel's 16 bytes);
 * only a miss is noted, and only then does the after-unlock hook call the
 * out-of-line coordination. Unmap: no hook.
 */
#ifndef SWTLB_COUNTERS_ESCROW_TIER_H
#define SWTLB_COUNTERS_ESCROW_TIER_H

#include <limits.h>

#include "counters/hooks.h"

#define ESCROW_TIER_SENTINEL LONG_MIN /* allotment after a reset */

/* The first, read-only line of escrow-tier's state (ctx->priv). */
struct swtlb_tier_head {
	atomic_long *allot; /* a_i of area i, 8 to a line, nareas of them */
};

/* A map's fast-path miss, from shard_inc (under the lock) to inc_used. */
struct swtlb_tier_miss {
	bool pending, reestablish;
	unsigned int area;
	long debt;
};
extern _Thread_local struct swtlb_tier_miss swtlb_tier_miss;

/* Pays a noted miss (escrow_tier.c): group first, then farther. */
void swtlb_escrow_tier_coordinate(struct swtlb_scheme_ctx *ctx,
				  unsigned int cpu);

SWTLB_SHARD_HOOK(escrow_tier_shard_inc)
{
	const struct swtlb_tier_head *head = ctx->priv;
	atomic_long *allot = &head->allot[shard];
	long a = atomic_load_explicit(allot, memory_order_relaxed);

	if ((long)shard_used <= a)
		return;
	swtlb_tier_miss.pending = true;
	swtlb_tier_miss.area = shard;
	swtlb_tier_miss.reestablish = a == ESCROW_TIER_SENTINEL;
	swtlb_tier_miss.debt =
	    swtlb_tier_miss.reestablish ? 0 : (long)shard_used - a;
	atomic_store_explicit(allot, (long)shard_used, memory_order_relaxed);
}

SWTLB_SHARD_HOOK(escrow_tier_shard_dec)
{
}

SWTLB_TOTAL_HOOK(escrow_tier_inc_used)
{
	if (swtlb_tier_miss.pending)
		swtlb_escrow_tier_coordinate(ctx, cpu);
}

SWTLB_TOTAL_HOOK(escrow_tier_dec_used)
{
}

#endif /* SWTLB_COUNTERS_ESCROW_TIER_H */
