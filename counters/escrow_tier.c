/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/escrow_tier.c: escrow with the headroom kept per group of
 * neighbouring areas (an L3 cache or die), so that a map short of budget
 * is almost always paid inside its group, on lines its group's CPUs share,
 * and the whole machine is involved only at a new peak. Exact, as escrow.
 *
 * State (escrow's, plus one pool per group)
 *   H     the published mark, its own line;
 *   a_i   area i's allotment (used_i + budget s_i), under area i's lock,
 *         in an array of its own (8 to a line, so struct io_tlb_area keeps
 *         the kernel's 16 bytes and a walk of a full pool touches no more
 *         lines than upstream's); the map fast path is escrow's: one load
 *         and a compare, no unmap hook;
 *   p_g   group g's pool of headroom, with the group's lock on its own
 *         line. A group: the areas whose CPUs (cpu & (nareas - 1))
 *         share an L3, at most GROUP of them, from params.shard_places;
 *         without it GROUP consecutive areas (tier_groups.h).
 * Ledger:  H + D = T + sum(s_i) + sum(p_g),  every s_i, p_g >= 0.
 *
 * A map that overruns its allotment notes its debt d and sets a_i = used_i
 * (as escrow). After the unlock, holding its group's lock G_g (g: the
 * overrun area's group, or, for a map that spilled into another group's
 * area, its CPU's home area's group, i then being the home area):
 *   1. if p_g holds d, take it, and give area i up to CUSHION x d more
 *      (one lock of its own area): left at 0, about half of its next maps
 *      would miss again;
 *   2. else even the group out: what p_g and the group's budgets hold
 *      (peeked, without a lock), less d, is split into equal budgets;
 *      areas above the share give their surplus to p_g (one lock at a
 *      time), d is taken, then the areas below it are topped up (area i
 *      to at least CUSHION x d). If the group holds less than d, sweep
 *      every budget of the group into p_g and take what there is;
 *   3. still owed: release G_g, take the global lock C, and visit the
 *      other groups nearest first (tier_groups.h): take what is owed or
 *      half of a group's pool, whichever is more; from a group whose pool
 *      cannot pay, what is owed or half of what it held when it last
 *      counted it (even-out or sweep), moved into its pool area by area
 *      (each peeked only when reached) until that is there, or every
 *      budget; a group never counted is swept whole. Hysteresis: the two
 *      groups end about even, so the taker does not come back at once;
 *      the surplus goes to p_g, under C;
 *   4. still owed: every group lock and every area lock, all budgets and
 *      pools collected; what is still owed exists nowhere: a new peak, H
 *      rises by exactly that.
 * Lock order: C, then groups by index, then areas by index; steps 1-2 hold
 * one group lock and then one area lock; step 3 holds C and one group at a
 * time. Budgets and pools move only under their owner's lock.
 *
 * Exact single-threaded: with no debt H = T + sum(s_i) + sum(p_g) >= T,
 * and H rises only in step 4, with every budget and pool zero, to T. So H
 * is the maximum of T after every operation. Concurrently as escrow: H is
 * raised while every lock is held, to T minus other debts, never above a
 * total that existed, never below the total of returned maps.
 * Reset (0 only, else -EINVAL): every allotment becomes a sentinel, pools
 * 0, H = 0; the next map re-establishes H = T under every lock.
 *
 * swtlb-sim --grant G (off by default, a variant for measuring what error
 * buys; docs/schemes.md "Error against slow paths"): step 4 at a new peak
 * raises H to T + G and spreads G over the group pools. The ledger holds
 * with H + D = T + G + ... at that instant, and H is never raised
 * otherwise, so  truth <= H <= truth + G  single-threaded.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "counters/escrow_tier_int.h"
#include "counters/schemes.h"

_Thread_local struct swtlb_tier_miss swtlb_tier_miss;

static int tier_init(struct swtlb_scheme_ctx *ctx, char *err, size_t errlen)
{
	unsigned int n = ctx->shards.nshards, ng;
	struct tier_groups plan;
	struct tier *t;

	if (tier_groups_plan(&plan, n, TIER_GROUP, ctx->params.shard_places)) {
		snprintf(err, errlen, "escrow-tier: out of memory");
		return -ENOMEM;
	}
	ng = plan.ngroups;
	t = aligned_alloc(64, sizeof(*t));
	if (t) {
		t->groups = aligned_alloc(64, sizeof(*t->groups) * ng);
		t->head.allot = aligned_alloc(
		    64, (sizeof(*t->head.allot) * n + 63) / 64 * 64);
	}
	if (!t || !t->groups || !t->head.allot) {
		if (t) {
			free(t->groups);
			free(t->head.allot);
		}
		free(t);
		tier_groups_free(&plan);
		snprintf(err, errlen, "escrow-tier: out of memory");
		return -ENOMEM;
	}
	atomic_init(&t->mark, 0);
	swtlb_spin_lock_init(&t->lock);
	t->reset_pending = false;
	t->ngroups = ng;
	t->plan = plan;
	for (unsigned int g = 0; g < ng; g++) {
		t->groups[g] = (struct tier_pool){.pool = 0};
		swtlb_spin_lock_init(&t->groups[g].lock);
	}
	t->remote = t->shares = t->raises = t->resets = 0;
	t->grant = ctx->params.grant_set ? (long)ctx->params.grant : 0;
	ctx->priv = t;
	for (unsigned int i = 0; i < n; i++) /* no budget: H = T = used */
		atomic_init(allot(ctx, i), (long)swtlb_shard_used(ctx, i));
	return 0;
}

static void tier_fini(struct swtlb_scheme_ctx *ctx)
{
	struct tier *t = ctx->priv;

	tier_groups_free(&t->plan);
	free(t->head.allot);
	free(t->groups);
	free(t);
	ctx->priv = NULL;
}

/* Moves into group g's pool what its areas other than `skip` hold above
 * KEEP (peeked first, locked one at a time). Under g's lock. */
void swtlb_tier_sweep(struct swtlb_scheme_ctx *ctx, struct tier *t,
		      unsigned int g, unsigned int skip)
{
	struct tier_pool *p = &t->groups[g];
	const unsigned int *member = &t->plan.members[t->plan.first[g]];

	p->sweeps++;
	for (unsigned int k = 0; k < t->plan.count[g]; k++) {
		unsigned int j = member[k];

		if (j == skip || budget(ctx, j) <= TIER_KEEP)
			continue; /* a peek: only chooses whom to lock */
		reclaim(ctx, p, j, TIER_KEEP, LONG_MAX);
	}
	p->held = p->pool;
}

/* Gives area i up to `want` of group g's pool as budget, under area i's
 * lock (an area after a reset keeps its sentinel). Under g's lock. */
static void grant(struct swtlb_scheme_ctx *ctx, struct tier_pool *p,
		  unsigned int i, long want)
{
	long a;

	if (want > p->pool)
		want = p->pool;
	if (want <= 0)
		return;
	swtlb_shard_lock(ctx, i);
	a = aget(ctx, i);
	if (a != ESCROW_TIER_SENTINEL) {
		aset(ctx, i, a + want);
		p->pool -= want;
	}
	swtlb_shard_unlock(ctx, i);
}

/*
 * Step 2, under g's lock: evens the group out. What the pool and the
 * areas hold, less the debt, is split into equal budgets (the short area
 * gets at least TIER_CUSHION x its debt): budgets above the share go to
 * the pool first, the debt is taken, then the areas below it are topped
 * up. Peeks only choose whom to lock. Returns what it took for the debt;
 * 0, with nothing moved, when the group does not hold that much.
 */
static long even_out(struct swtlb_scheme_ctx *ctx, struct tier *t,
		     unsigned int g, unsigned int area, long owed)
{
	struct tier_pool *p = &t->groups[g];
	const unsigned int *member = &t->plan.members[t->plan.first[g]];
	unsigned int n = t->plan.count[g];
	long s[TIER_GROUP], held = p->pool, share, got = 0;

	for (unsigned int k = 0; k < n; k++) {
		s[k] = member[k] == area ? 0 : budget(ctx, member[k]);
		if (s[k] < 0)
			s[k] = 0;
		held += s[k];
	}
	if (held < owed)
		return 0;
	p->sweeps++;
	share = (held - owed) / (long)n;
	p->held = held - owed;
	for (unsigned int k = 0; k < n; k++) { /* surplus into the pool */
		unsigned int j = member[k];

		if (j == area || s[k] <= share)
			continue;
		reclaim(ctx, p, j, share, LONG_MAX);
	}
	draw(&p->pool, owed, &got);
	if (got < owed)
		return got; /* stale peeks: the caller sweeps */
	for (unsigned int k = 0; k < n; k++) { /* then top the rest up */
		long target = share;

		if (member[k] == area && target < TIER_CUSHION * owed)
			target = TIER_CUSHION * owed;
		if (s[k] < target)
			grant(ctx, p, member[k], target - s[k]);
	}
	return got;
}

/* Steps 1-2, under group g's lock: returns what it could take. */
static long pay_in_group(struct swtlb_scheme_ctx *ctx, struct tier *t,
			 unsigned int g, unsigned int area, long owed)
{
	struct tier_pool *p = &t->groups[g];
	long got = 0;

	if (p->pool >= owed) {
		draw(&p->pool, owed, &got);
		grant(ctx, p, area, TIER_CUSHION * owed);
		return got;
	}
	got = even_out(ctx, t, g, area, owed);
	if (got >= owed)
		return got;
	swtlb_tier_sweep(ctx, t, g, area);
	draw(&p->pool, owed - got, &got);
	return got;
}

static void reestablish(struct swtlb_scheme_ctx *ctx, struct tier *t)
{
	for (unsigned int g = 0; g < t->ngroups; g++)
		swtlb_spin_lock(&t->groups[g].lock);
	swtlb_shard_lock_all(ctx);
	for (unsigned int i = 0; i < ctx->shards.nshards; i++)
		set_budget(ctx, i, 0);
	atomic_store_explicit(&t->mark, (long)swtlb_shards_total(ctx),
			      memory_order_release);
	t->reset_pending = false;
	swtlb_shard_unlock_all(ctx);
	for (unsigned int g = t->ngroups; g-- > 0;)
		swtlb_spin_unlock(&t->groups[g].lock);
}

void swtlb_escrow_tier_coordinate(struct swtlb_scheme_ctx *ctx,
				  unsigned int cpu)
{
	struct tier *t = ctx->priv;
	unsigned int area = swtlb_tier_miss.area, g = t->plan.group_of[area];
	/* The area the pool searched first (swiotlb: cpu & (nareas - 1)). */
	unsigned int home = cpu % ctx->shards.nshards;
	bool spilled = t->plan.group_of[home] != g;
	long owed = swtlb_tier_miss.debt, got;

	swtlb_tier_miss.pending = false;
	if (swtlb_tier_miss.reestablish) {
		swtlb_spin_lock(&t->lock);
		t->resets++;
		if (t->reset_pending)
			reestablish(ctx, t);
		swtlb_spin_unlock(&t->lock);
		return;
	}
	if (spilled) {
		/* A map that spilled into another group's area (its own was
		 * full) is paid by its CPU's group, as if its home area had
		 * missed: the spilled-into group's lines stay where they are,
		 * in another L3 (docs/schemes.md, "Spills"). */
		g = t->plan.group_of[home];
		area = home;
	}
	swtlb_spin_lock(&t->groups[g].lock);
	t->groups[g].coords++;
	t->groups[g].spills += spilled;
	got = pay_in_group(ctx, t, g, area, owed);
	t->groups[g].local += got >= owed;
	swtlb_spin_unlock(&t->groups[g].lock);
	if (got >= owed)
		return;
	swtlb_spin_lock(&t->lock);
	got += swtlb_tier_pay_remote(ctx, t, g, owed - got);
	if (got > owed) {
		t->shares++;
		/* The surplus of a share: g's pool, still under C so that no
		 * reset falls between the draw and this deposit. */
		swtlb_spin_lock(&t->groups[g].lock);
		t->groups[g].pool += got - owed;
		swtlb_spin_unlock(&t->groups[g].lock);
	}
	swtlb_spin_unlock(&t->lock);
}

static unsigned long tier_used(struct swtlb_scheme_ctx *ctx)
{
	return swtlb_shards_total(ctx);
}

static bool tier_hiwater(struct swtlb_scheme_ctx *ctx, unsigned long *out)
{
	struct tier *t = ctx->priv;

	*out =
	    (unsigned long)atomic_load_explicit(&t->mark, memory_order_acquire);
	return true;
}

static int tier_hiwater_set(struct swtlb_scheme_ctx *ctx, unsigned long val)
{
	struct tier *t = ctx->priv;

	if (val != 0)
		return -EINVAL;
	swtlb_spin_lock(&t->lock);
	for (unsigned int g = 0; g < t->ngroups; g++)
		swtlb_spin_lock(&t->groups[g].lock);
	swtlb_shard_lock_all(ctx);
	for (unsigned int i = 0; i < ctx->shards.nshards; i++)
		aset(ctx, i, ESCROW_TIER_SENTINEL);
	for (unsigned int g = 0; g < t->ngroups; g++)
		t->groups[g].pool = 0;
	t->reset_pending = true;
	atomic_store_explicit(&t->mark, 0, memory_order_release);
	swtlb_shard_unlock_all(ctx);
	for (unsigned int g = t->ngroups; g-- > 0;)
		swtlb_spin_unlock(&t->groups[g].lock);
	swtlb_spin_unlock(&t->lock);
	return 0;
}

static int tier_stats(struct swtlb_scheme_ctx *ctx, char *buf, size_t len)
{
	struct tier *t = ctx->priv;
	unsigned long coords = t->resets, local = 0, sweeps = 0, spills = 0;

	for (unsigned int g = 0; g < t->ngroups; g++) {
		coords += t->groups[g].coords;
		local += t->groups[g].local;
		sweeps += t->groups[g].sweeps;
		spills += t->groups[g].spills;
	}
	int n = snprintf(buf, len,
			 "coord=%lu local=%lu sweep=%lu remote=%lu share=%lu "
			 "peak=%lu spill=%lu",
			 coords, local, sweeps, t->remote, t->shares, t->raises,
			 spills);

	if (t->grant && n >= 0 && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, " grant=%ld", t->grant);
	return n;
}

const struct swtlb_scheme_ops swtlb_scheme_escrow_tier = {
    .name = "escrow-tier",
    .workloads = SWTLB_SERVES_SWIOTLB,
    .hooks = "escrow_tier",
    .contract = "exact single-threaded (with swtlb-sim --grant G: at most "
		"G above); concurrent: never above a total that existed (+ G), "
		"never below the returned maps' total",
    .shard_priv_bytes = 0,
    .init = tier_init,
    .fini = tier_fini,
    .shard_inc = escrow_tier_shard_inc,
    .shard_dec = escrow_tier_shard_dec,
    .inc_used = escrow_tier_inc_used,
    .dec_used = escrow_tier_dec_used,
    .used = tier_used,
    .hiwater = tier_hiwater,
    .hiwater_set = tier_hiwater_set,
    .stats = tier_stats,
};
