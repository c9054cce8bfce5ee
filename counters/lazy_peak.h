/* SPDX-License-Identifier: GPL-2.0-only */
/* counters/lazy_peak.h: lazy-peak's hot-path hooks (see lazy_peak.c). */
#ifndef SWTLB_COUNTERS_LAZY_PEAK_H
#define SWTLB_COUNTERS_LAZY_PEAK_H

#include "counters/hooks.h"

SWTLB_SHARD_HOOK(lazy_peak_shard_inc)
{
}
SWTLB_SHARD_HOOK(lazy_peak_shard_dec)
{
}

SWTLB_TOTAL_HOOK(lazy_peak_inc_used)
{
	if (total == SWTLB_TOTAL_KEPT_BY_SCHEME)
		atomic_fetch_add(ctx->total_used, n);
}

SWTLB_TOTAL_HOOK(lazy_peak_dec_used)
{
	/* A workload's own total arrives after its subtraction: the value
	 * the check wants is the one before it. */
	long cur =
	    total == SWTLB_TOTAL_KEPT_BY_SCHEME
		? atomic_load_explicit(ctx->total_used, memory_order_relaxed)
		: total + (long)n;

	if ((unsigned long)cur > (unsigned long)atomic_load_explicit(
				     ctx->used_hiwater, memory_order_relaxed))
		atomic_store_explicit(ctx->used_hiwater, cur,
				      memory_order_relaxed);
	if (total == SWTLB_TOTAL_KEPT_BY_SCHEME)
		atomic_fetch_sub(ctx->total_used, n);
}

#endif /* SWTLB_COUNTERS_LAZY_PEAK_H */
