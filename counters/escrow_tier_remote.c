/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/escrow_tier_remote.c: escrow-tier's steps 3 and 4 (the scheme
 * and its proof: escrow_tier.c), taken under the global lock C when a
 * map's own group cannot pay its debt: other groups nearest first, then,
 * only at a new peak, every lock at once.
 */
#include <limits.h>

#include "counters/escrow_tier_int.h"

/* Step 4, under C: every lock; collect, and raise H by what is owed. */
static long collect_all(struct swtlb_scheme_ctx *ctx, struct tier *t, long owed)
{
	long got = 0;

	for (unsigned int g = 0; g < t->ngroups; g++)
		swtlb_spin_lock(&t->groups[g].lock);
	swtlb_shard_lock_all(ctx);
	for (unsigned int g = 0; g < t->ngroups; g++) {
		got += t->groups[g].pool;
		t->groups[g].pool = 0;
	}
	for (unsigned int i = 0; i < ctx->shards.nshards; i++) {
		long s = budget(ctx, i);

		/* An empty budget is left unwritten: its line stays shared
		 * with the area's CPU, which reads it on every map. */
		if (s > 0) {
			got += s;
			set_budget(ctx, i, 0);
		}
	}
	if (got < owed) { /* a new peak */
		atomic_store_explicit(
		    &t->mark,
		    atomic_load_explicit(&t->mark, memory_order_relaxed) +
			owed - got + t->grant,
		    memory_order_release);
		t->raises++;
		got = owed;
		/* A grant is headroom in every group, not only where the
		 * peak was: the one that runs short next may be any. */
		for (unsigned int g = 0; g < t->ngroups; g++)
			t->groups[g].pool +=
			    t->grant / t->ngroups +
			    (g < (unsigned long)t->grant % t->ngroups);
	}
	swtlb_shard_unlock_all(ctx);
	for (unsigned int g = t->ngroups; g-- > 0;)
		swtlb_spin_unlock(&t->groups[g].lock);
	return got;
}

/*
 * Step 3's donor h, under its lock, when its pool cannot pay and its hint
 * is known: moves into its pool the budgets of its areas, one area at a
 * time in order, until it holds `want` or half of the hint, whichever is
 * more, and returns that target. An area is peeked only when reached: a
 * sweep reads every area's line from another L3, and the area's CPU
 * fetches it back at its next map (docs/schemes.md).
 */
static long give_half(struct swtlb_scheme_ctx *ctx, struct tier *t,
		      unsigned int h, long want)
{
	struct tier_pool *p = &t->groups[h];
	const unsigned int *member = &t->plan.members[t->plan.first[h]];
	long target = (p->pool + p->held) / 2;

	if (target < want)
		target = want;
	p->sweeps++;
	for (unsigned int k = 0; k < t->plan.count[h] && p->pool < target;
	     k++) {
		unsigned int j = member[k];

		if (budget(ctx, j) <= TIER_KEEP)
			continue; /* a peek: only chooses whom to lock */
		reclaim(ctx, p, j, TIER_KEEP, target - p->pool);
	}
	return target;
}

/* Steps 3-4, under C: other groups nearest first (their pool, swept if
 * short; at least what is owed, up to half of it), then everything. */
long swtlb_tier_pay_remote(struct swtlb_scheme_ctx *ctx, struct tier *t,
			   unsigned int g, long owed)
{
	const unsigned int *order =
	    &t->plan.order[(size_t)g * (t->ngroups - 1)];
	long got = 0;

	t->remote++;
	/* Nearest first (tier_groups.h): the groups of g's cache, of its
	 * package, then the others, each class in buddy order. */
	for (unsigned int x = 0; x + 1 < t->ngroups && got < owed; x++) {
		struct tier_pool *p = &t->groups[order[x]];
		long want = owed - got;

		swtlb_spin_lock(&p->lock);
		if (p->pool < want && p->held > 0) {
			want = give_half(ctx, t, order[x], want);
		} else {
			if (p->pool < want) /* never counted: all of it */
				swtlb_tier_sweep(ctx, t, order[x], UINT_MAX);
			if (p->pool / 2 > want)
				want = p->pool / 2;
		}
		draw(&p->pool, want, &got);
		swtlb_spin_unlock(&p->lock);
	}
	if (got < owed)
		got += collect_all(ctx, t, owed - got);
	return got;
}
