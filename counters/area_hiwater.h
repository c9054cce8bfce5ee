/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/area_hiwater.h: area-hiwater's hot-path hook, seed 003's update
 * of area->used_hiwater under the area lock (see area_hiwater.c).
 */
#ifndef SWTLB_COUNTERS_AREA_HIWATER_H
#define SWTLB_COUNTERS_AREA_HIWATER_H

#include "counters/hooks.h"

/* The scheme's per-area field, struct io_tlb_area::used_hiwater. */
static inline _Atomic unsigned long *area_hiwater_mark(void *shard_priv)
{
	return shard_priv;
}

SWTLB_SHARD_HOOK(area_hiwater_shard_inc)
{
	_Atomic unsigned long *mark = area_hiwater_mark(shard_priv);

	/* Plain load and store under the lock; relaxed atomics for readers. */
	if (shard_used > atomic_load_explicit(mark, memory_order_relaxed))
		atomic_store_explicit(mark, shard_used, memory_order_relaxed);
}

SWTLB_SHARD_HOOK(area_hiwater_shard_dec)
{
}
SWTLB_TOTAL_HOOK(area_hiwater_inc_used)
{
}
SWTLB_TOTAL_HOOK(area_hiwater_dec_used)
{
}

#endif /* SWTLB_COUNTERS_AREA_HIWATER_H */
