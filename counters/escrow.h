/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/escrow.h: escrow's (and escrow-grant's) hot-path hooks (see
 * escrow.c). Under the area lock a map compares the area's used with its
 * allotment, 8 bytes after used on the same line; only a miss is noted,
 * and only then does the after-unlock hook call the out-of-line
 * coordination. Unmap: no hook.
 */
#ifndef SWTLB_COUNTERS_ESCROW_H
#define SWTLB_COUNTERS_ESCROW_H

#include <limits.h>

#include "counters/hooks.h"

#define ESCROW_SENTINEL LONG_MIN /* allotment of an area after a reset */

/* A map's fast-path miss, from shard_inc (under the lock) to inc_used. */
struct swtlb_escrow_miss {
	bool pending;
	bool reestablish;
	unsigned int area;
	long debt;
};
extern _Thread_local struct swtlb_escrow_miss swtlb_escrow_miss;

/* Coordination after a miss (escrow.c), under the scheme's own lock. */
void swtlb_escrow_coordinate(struct swtlb_scheme_ctx *ctx);

/* Area i's allotment a_i (used + budget), its scheme bytes. */
static inline atomic_long *escrow_allot(void *shard_priv)
{
	return shard_priv;
}

static inline long escrow_aget(void *shard_priv)
{
	return atomic_load_explicit(escrow_allot(shard_priv),
				    memory_order_relaxed);
}

static inline void escrow_aset(void *shard_priv, long v)
{
	atomic_store_explicit(escrow_allot(shard_priv), v,
			      memory_order_relaxed);
}

SWTLB_SHARD_HOOK(escrow_shard_inc)
{
	long a = escrow_aget(shard_priv);

	if ((long)shard_used <= a)
		return;
	swtlb_escrow_miss.pending = true;
	swtlb_escrow_miss.area = shard;
	if (a == ESCROW_SENTINEL) {
		swtlb_escrow_miss.reestablish = true;
		swtlb_escrow_miss.debt = 0;
		return;
	}
	swtlb_escrow_miss.reestablish = false;
	swtlb_escrow_miss.debt = (long)shard_used - a;
	escrow_aset(shard_priv, (long)shard_used);
}

SWTLB_SHARD_HOOK(escrow_shard_dec)
{
}

SWTLB_TOTAL_HOOK(escrow_inc_used)
{
	if (swtlb_escrow_miss.pending)
		swtlb_escrow_coordinate(ctx);
}

SWTLB_TOTAL_HOOK(escrow_dec_used)
{
}

#endif /* SWTLB_COUNTERS_ESCROW_H */
