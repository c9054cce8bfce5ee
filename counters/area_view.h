/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/area_view.h: how a scheme reaches the pool's area array.
 *
 * Area i sits at areas.base + i * areas.stride. Its first field is the
 * kernel's `used` (an _Atomic unsigned long, changed under the area lock,
 * read locklessly like READ_ONCE), the scheme's private bytes sit at
 * priv_off and the 4-byte area spinlock at lock_off.
 */
#ifndef SWTLB_COUNTERS_AREA_VIEW_H
#define SWTLB_COUNTERS_AREA_VIEW_H

#include "counters/scheme.h"
#include "pool/spinlock.h"

static inline char *swtlb_area_at(const struct swtlb_scheme_ctx *ctx,
				  unsigned int i)
{
	return ctx->areas.base + (size_t)i * ctx->areas.stride;
}

/* READ_ONCE(area->used). */
static inline unsigned long
swtlb_area_used_read(const struct swtlb_scheme_ctx *ctx, unsigned int i)
{
	_Atomic unsigned long *used =
	    (_Atomic unsigned long *)swtlb_area_at(ctx, i);

	return atomic_load_explicit(used, memory_order_relaxed);
}

static inline void *swtlb_area_priv(const struct swtlb_scheme_ctx *ctx,
				    unsigned int i)
{
	return swtlb_area_at(ctx, i) + ctx->areas.priv_off;
}

static inline void swtlb_area_lock(const struct swtlb_scheme_ctx *ctx,
				   unsigned int i)
{
	swtlb_spin_lock(
	    (swtlb_spinlock_t *)(swtlb_area_at(ctx, i) + ctx->areas.lock_off));
}

static inline void swtlb_area_unlock(const struct swtlb_scheme_ctx *ctx,
				     unsigned int i)
{
	swtlb_spin_unlock(
	    (swtlb_spinlock_t *)(swtlb_area_at(ctx, i) + ctx->areas.lock_off));
}

/*
 * mem_pool_used() without CONFIG_DEBUG_FS: the sum of READ_ONCE(area->used)
 * without any lock. Approximate while maps and unmaps run: each term is
 * read at a different instant.
 */
static inline unsigned long
swtlb_areas_used_sum(const struct swtlb_scheme_ctx *ctx)
{
	unsigned long sum = 0;

	for (unsigned int i = 0; i < ctx->areas.nareas; i++)
		sum += swtlb_area_used_read(ctx, i);
	return sum;
}

#endif /* SWTLB_COUNTERS_AREA_VIEW_H */
