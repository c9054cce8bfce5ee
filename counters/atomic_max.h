/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/atomic_max.h: raise an atomic_long to at least v, the way
 * inc_used_and_hiwater() does: a plain read, then try_cmpxchg until the
 * stored value is >= v. Values are slot counts, compared unsigned.
 */
#ifndef SWTLB_COUNTERS_ATOMIC_MAX_H
#define SWTLB_COUNTERS_ATOMIC_MAX_H

#include <stdatomic.h>

static inline void swtlb_atomic_max(atomic_long *p, unsigned long v)
{
	long old = atomic_load_explicit(p, memory_order_relaxed);

	while ((unsigned long)old < v &&
	       !atomic_compare_exchange_weak(p, &old, (long)v))
		;
}

#endif /* SWTLB_COUNTERS_ATOMIC_MAX_H */
