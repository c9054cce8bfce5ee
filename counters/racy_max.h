/* SPDX-License-Identifier: GPL-2.0-only */
/* counters/racy_max.h: racy-max's hot-path hooks (see racy_max.c). */
#ifndef SWTLB_COUNTERS_RACY_MAX_H
#define SWTLB_COUNTERS_RACY_MAX_H

#include "counters/hooks.h"

SWTLB_SHARD_HOOK(racy_max_shard_inc)
{
}
SWTLB_SHARD_HOOK(racy_max_shard_dec)
{
}

SWTLB_TOTAL_HOOK(racy_max_inc_used)
{
	unsigned long new_used;

	if (total == SWTLB_TOTAL_KEPT_BY_SCHEME)
		new_used =
		    (unsigned long)atomic_fetch_add(ctx->total_used, n) + n;
	else
		new_used = (unsigned long)total;
	if (new_used > (unsigned long)atomic_load_explicit(
			   ctx->used_hiwater, memory_order_relaxed))
		atomic_store_explicit(ctx->used_hiwater, (long)new_used,
				      memory_order_relaxed);
}

SWTLB_TOTAL_HOOK(racy_max_dec_used)
{
	if (total == SWTLB_TOTAL_KEPT_BY_SCHEME)
		atomic_fetch_sub(ctx->total_used, n);
}

#endif /* SWTLB_COUNTERS_RACY_MAX_H */
