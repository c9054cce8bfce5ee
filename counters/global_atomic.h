/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/global_atomic.h: global-atomic's hot-path hooks, the kernel's
 * inc_used_and_hiwater() and dec_used() (see global_atomic.c).
 */
#ifndef SWTLB_COUNTERS_GLOBAL_ATOMIC_H
#define SWTLB_COUNTERS_GLOBAL_ATOMIC_H

#include "counters/hooks.h"

SWTLB_SHARD_HOOK(global_atomic_shard_inc)
{
}
SWTLB_SHARD_HOOK(global_atomic_shard_dec)
{
}

SWTLB_TOTAL_HOOK(global_atomic_inc_used)
{
	unsigned long new_used, old_hiwater;

	/* atomic_long_add_return: fully ordered lock xadd (unless the
	 * workload did it and hands us the result). */
	if (total == SWTLB_TOTAL_KEPT_BY_SCHEME)
		new_used =
		    (unsigned long)atomic_fetch_add(ctx->total_used, n) + n;
	else
		new_used = (unsigned long)total;
	/* atomic_long_read: a plain load. */
	old_hiwater = (unsigned long)atomic_load_explicit(ctx->used_hiwater,
							  memory_order_relaxed);
	do {
		if (new_used <= old_hiwater)
			break;
		/* atomic_long_try_cmpxchg: lock cmpxchg, reloads on failure */
	} while (!atomic_compare_exchange_strong(
	    ctx->used_hiwater, (long *)&old_hiwater, (long)new_used));
}

SWTLB_TOTAL_HOOK(global_atomic_dec_used)
{
	if (total == SWTLB_TOTAL_KEPT_BY_SCHEME)
		atomic_fetch_sub(ctx->total_used, n);
}

#endif /* SWTLB_COUNTERS_GLOBAL_ATOMIC_H */
