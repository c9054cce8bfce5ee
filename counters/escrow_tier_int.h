/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/escrow_tier_int.h: escrow-tier's state and the helpers its two
 * files share (escrow_tier.c: init, the group-local steps 1-2, the entry;
 * escrow_tier_remote.c: steps 3-4, across groups under C). The scheme and
 * its proof are in escrow_tier.c's header comment.
 */
#ifndef SWTLB_COUNTERS_ESCROW_TIER_INT_H
#define SWTLB_COUNTERS_ESCROW_TIER_INT_H

#include <stdatomic.h>

#include "counters/escrow_tier.h"
#include "counters/scheme.h"
#include "counters/shard_view.h"
#include "counters/tier_groups.h"
#include "pool/spinlock.h"

/* Most areas in a group: an L3 of 8 cores x 2 PUs; a larger L3's areas
 * are split evenly. Its allotments fill 2 lines, its budgets fit the
 * even-out's stack array. 8 and 32 tried (docs/schemes.md). */
#define TIER_GROUP 16
/*
 * A short area paid inside its group gets at least this many times its
 * debt as budget: left at 0, about half of its next maps (each after one
 * unmap) would miss again. 1-4 tried (docs/schemes.md): 2 has 1-2% fewer
 * slow paths than 1; 3 and 4 are within 2% of 2.
 */
#define TIER_CUSHION 2
/* Left to each area by a sweep (step 2's fallback, step 3's donor): 0,
 * the fewest remote coordinations of the values tried (0-64). */
#define TIER_KEEP 0

struct tier_pool {
	_Alignas(64) swtlb_spinlock_t lock;
	long pool; /* p_g, under lock */
	/* Statistics under the lock, on its line: counting moves no line.
	 * sweeps: step 2's even-outs and every sweep of the group. */
	unsigned long coords, local, sweeps;
	/* Of coords: maps that spilled into another group's area. */
	unsigned long spills;
	/* What the group held when it last counted it all (an even-out, less
	 * the debt, or a sweep), 0 before: a hint for a remote draw. */
	long held;
};

struct tier {
	struct swtlb_tier_head head; /* read-only after init, with: */
	struct tier_pool *groups;
	unsigned int ngroups;
	struct tier_groups plan;       /* members, group of each area, order */
	_Alignas(64) atomic_long mark; /* H */
	_Alignas(64) swtlb_spinlock_t lock; /* C */
	bool reset_pending;		    /* under C and every group */
	long grant; /* --grant: headroom added at a new peak, 0: exact */
	/* Statistics, under C: remote coordinations, those that took a
	 * share beyond their debt, new peaks, re-establishments. */
	unsigned long remote, shares, raises, resets;
};

static inline atomic_long *allot(const struct swtlb_scheme_ctx *ctx,
				 unsigned int i)
{
	const struct tier *t = ctx->priv;

	return &t->head.allot[i];
}

static inline long aget(const struct swtlb_scheme_ctx *ctx, unsigned int i)
{
	return atomic_load_explicit(allot(ctx, i), memory_order_relaxed);
}

static inline void aset(const struct swtlb_scheme_ctx *ctx, unsigned int i,
			long v)
{
	atomic_store_explicit(allot(ctx, i), v, memory_order_relaxed);
}

/* s_i: exact under area i's lock, a hint without it. */
static inline long budget(const struct swtlb_scheme_ctx *ctx, unsigned int i)
{
	long a = aget(ctx, i);

	return a == ESCROW_TIER_SENTINEL ? 0
					 : a - (long)swtlb_shard_used(ctx, i);
}

static inline void set_budget(const struct swtlb_scheme_ctx *ctx,
			      unsigned int i, long v)
{
	aset(ctx, i, (long)swtlb_shard_used(ctx, i) + v);
}

/*
 * Moves into pool p what area j's budget holds above `keep`, at most
 * `cap`, under area j's lock (the budget read again there: a peek only
 * chose j). Under p's lock. The sweeps, the even-out and a remote donor
 * all take budget back this way.
 */
static inline void reclaim(const struct swtlb_scheme_ctx *ctx,
			   struct tier_pool *p, unsigned int j, long keep,
			   long cap)
{
	long s;

	swtlb_shard_lock(ctx, j);
	s = budget(ctx, j) - keep;
	if (s > cap)
		s = cap;
	if (s > 0) {
		p->pool += s;
		set_budget(ctx, j, budget(ctx, j) - s);
	}
	swtlb_shard_unlock(ctx, j);
}

/* Moves up to `want` from a pool into *got. Under the pool's lock. */
static inline void draw(long *pool, long want, long *got)
{
	long take = *pool < want ? *pool : want;

	*pool -= take;
	*got += take;
}

/* Step 2's sweep of group g, skipping area `skip` (escrow_tier.c). */
void swtlb_tier_sweep(struct swtlb_scheme_ctx *ctx, struct tier *t,
		      unsigned int g, unsigned int skip);
/* Steps 3-4 for group g's debt `owed`, under C (escrow_tier_remote.c). */
long swtlb_tier_pay_remote(struct swtlb_scheme_ctx *ctx, struct tier *t,
			   unsigned int g, long owed);

#endif
