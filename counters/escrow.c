/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/escrow.c: our scheme. An exact high-water mark whose map hot
 * path only reads the area's own cache line, already held under
 * area->lock, and whose unmap path does nothing at all (escrow /
 * demarcation: the headroom below the mark is split into local budgets,
 * and only an area whose budget runs out coordinates).
 *
 * State
 *   H     the published mark (io_tlb_used_hiwater), on its own line;
 *   a_i   area i's allotment, 8 bytes right after area->used (areas become
 *         24 bytes, like seed 003's), changed only under area i's lock.
 *         Area i's budget of headroom is s_i = a_i - used_i: storing the
 *         allotment rather than the budget means an unmap (used_i falls,
 *         s_i rises) needs no store and a map only compares.
 * Ledger, with T = sum of area->used and D = the debts of maps whose
 * coordination has not finished:   H + D = T + sum(s_i),  every s_i >= 0.
 *
 * Map of n slots in area i, under area i's lock (area_inc, used_i already
 * includes the n slots):
 *   used_i <= a_i: done, one load (the common case).
 *   else:          debt d = used_i - a_i, a_i = used_i (s_i = 0), noted
 *                  in a thread-local.
 * After the unlock (inc_used), only when a debt was noted, under the
 * coordination lock C:
 *   1. peek (relaxed loads, no lock) at the budgets of a window of 4 other
 *      areas from a random start, and steal from them richest first, one
 *      area lock at a time: from each at least what is still owed, up to
 *      half its budget (donor and taker end about even, so neither comes
 *      back at once); the surplus becomes area i's budget;
 *   2. still owed: peek at every other area; only if the peeked budgets
 *      add up to what is owed, steal from them richest first;
 *   3. still owed: lock all areas at once, take every budget; what is
 *      still owed exists nowhere: the total is a new peak and H rises by
 *      exactly that, while all the locks are held.
 * The peeks only choose donors: what is taken is read again under the
 * donor's lock, so a stale peek costs a wasted lock, never a wrong ledger.
 * Unmap of n slots in area i: no hook (s_i grows with area->used's fall). Read:
 * H (one load). used: lockless sum of area->used.
 *
 * Why it is exact single-threaded (swtlb-sim, swtlb-replay): with no debt
 * outstanding H = T + sum(s_i) >= T at every step, and H rises only in
 * step 3, when every budget is zero, to H + owed = T. So H is the maximum of
 * T over time, after every operation.
 * Concurrently: step 3 raises H to T - (other debts) <= T while every area
 * lock is held, so H never exceeds a total that existed; and at any time
 * H >= T - D where a debt belongs to a map that has not returned: H is never
 * below the total of the mappings whose map had returned (the lower bound
 * of bench/common/truth.h). What concurrency can change is the order: a map
 * whose debt is paid from slots an unmap freed meanwhile in another area counts
 * as if it came after that unmap; global-atomic's add after the unlock is
 * reordered the same way.
 *
 * Coordination. A map coordinates only when its area's budget cannot cover
 * it; budgets are refilled by the area's own unmaps (completions on the
 * mapping CPU keep an area self-sufficient) and by stolen surplus. Step 3
 * runs only at a new peak (the maps at which global-atomic's lock cmpxchg
 * also fires; rarely otherwise, when peeks were stale), so its O(nareas)
 * cost is paid at most once per slot of peak growth. How often maps coordinate
 * depends on the headroom H - T relative to the size and spread of maps per
 * area; swtlb-sim prints the counts (the scheme's stats line: coord = maps that
 * coordinated, steal = donor locks, peak = raises, locks = remote area locks
 * including step 3's, peek = lockless budget reads) and docs/schemes.md gives
 * measured rates.
 *
 * escrow-grant (a second ops table, same code): step 3 at a new peak raises
 * H by the owed slots plus G = 32 and gives G to the area as its budget, so
 * the next 32 slots of growth are paid by steps 1-2 instead of another
 * all-area lock. Ledger as above; H is set to T + G when it rises and is
 * never below T, so  truth <= H <= truth + 32  single-threaded, and
 * concurrently H never exceeds a total that existed by more than 32.
 * swtlb-sim --grant G sets another G (docs/schemes.md "Error against slow
 * paths"); the bounds are then G's.
 *
 * Reset: 0 accepted, others -EINVAL. Under C every budget becomes a
 * "reset" sentinel allotment and H = 0: reads give 0. The next map sees the
 * sentinel and in its coordination re-establishes the ledger under all area
 * locks with H = T (including that map): global-atomic's "0 until the next map,
 * then the total at that map". Limitation: a map in flight across a reset
 * (area lock before it, coordination after it) ends the zero period
 * itself; if another map re-established the ledger first, its old debt is
 * paid again, over-reporting by at most its own slots, only at a reset.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "counters/escrow.h"
#include "counters/schemes.h"
#include "counters/shard_view.h"
#include "pool/spinlock.h"

/* escrow-grant: slots of headroom published beyond a new peak (64 KiB). */
#define ESCROW_GRANT 32

/* Donors looked at (lockless peeks) before any remote lock is taken. */
#define ESCROW_WINDOW 4

struct escrow {
	_Alignas(64) atomic_long mark;	    /* H, read by debugfs */
	_Alignas(64) swtlb_spinlock_t lock; /* C */
	bool reset_pending;		    /* under C */
	long grant;			    /* headroom added at a peak: G */
	uint64_t rng;	    /* picks the donor window, under C */
	unsigned int *cand; /* donor candidates, under C */
	long *seen;	    /* their peeked budgets, under C */
	/* Statistics, under C. */
	unsigned long coords, steals, collections, raises, peeks;
};

/* Area j's budget s_j: exact under its lock, a hint without it. */
static long budget_of(struct swtlb_scheme_ctx *ctx, unsigned int j)
{
	long a = escrow_aget(swtlb_shard_priv(ctx, j));

	if (a == ESCROW_SENTINEL)
		return 0;
	return a - (long)swtlb_shard_used(ctx, j);
}

/* Sets area j's budget to v by moving its allotment. Under its lock. */
static void set_budget(struct swtlb_scheme_ctx *ctx, unsigned int j, long v)
{
	escrow_aset(swtlb_shard_priv(ctx, j),
		    (long)swtlb_shard_used(ctx, j) + v);
}

static int escrow_init_grant(struct swtlb_scheme_ctx *ctx, char *err,
			     size_t errlen, long grant)
{
	struct escrow *e = aligned_alloc(64, sizeof(struct escrow));
	unsigned int n = ctx->shards.nshards;

	if (!e) {
		snprintf(err, errlen, "escrow: out of memory");
		return -ENOMEM;
	}
	e->cand = calloc(n, sizeof(*e->cand));
	e->seen = calloc(n, sizeof(*e->seen));
	if (!e->cand || !e->seen) {
		free(e->cand);
		free(e->seen);
		free(e);
		snprintf(err, errlen, "escrow: out of memory");
		return -ENOMEM;
	}
	atomic_init(&e->mark, 0);
	swtlb_spin_lock_init(&e->lock);
	e->reset_pending = false;
	e->grant = grant;
	e->rng = 0x9e3779b97f4a7c15ull;
	e->coords = e->steals = e->collections = e->raises = 0;
	e->peeks = 0;
	for (unsigned int i = 0; i < n; i++) /* no budget: H = T = used */
		atomic_init(escrow_allot(swtlb_shard_priv(ctx, i)),
			    (long)swtlb_shard_used(ctx, i));
	ctx->priv = e;
	return 0;
}

static int escrow_init(struct swtlb_scheme_ctx *ctx, char *err, size_t errlen)
{
	return escrow_init_grant(ctx, err, errlen, 0);
}

static int escrow_grant_init(struct swtlb_scheme_ctx *ctx, char *err,
			     size_t errlen)
{
	return escrow_init_grant(ctx, err, errlen,
				 ctx->params.grant_set ? ctx->params.grant
						       : ESCROW_GRANT);
}

static void escrow_fini(struct swtlb_scheme_ctx *ctx)
{
	struct escrow *e = ctx->priv;

	free(e->cand);
	free(e->seen);
	free(e);
	ctx->priv = NULL;
}

static void lock_all(struct swtlb_scheme_ctx *ctx)
{
	for (unsigned int i = 0; i < ctx->shards.nshards; i++)
		swtlb_shard_lock(ctx, i);
}

static void unlock_all(struct swtlb_scheme_ctx *ctx)
{
	for (unsigned int i = ctx->shards.nshards; i-- > 0;)
		swtlb_shard_unlock(ctx, i);
}

static void escrow_reestablish(struct swtlb_scheme_ctx *ctx, struct escrow *e)
{
	unsigned long total = 0;

	lock_all(ctx);
	for (unsigned int i = 0; i < ctx->shards.nshards; i++) {
		total += swtlb_shard_used(ctx, i);
		set_budget(ctx, i, 0);
	}
	e->reset_pending = false;
	atomic_store_explicit(&e->mark, (long)total, memory_order_release);
	unlock_all(ctx);
}

/* Takes from area j, under its lock, at least `owed` if it can and up to
 * half of its budget (donor and taker end up with about the same). */
static long steal(struct swtlb_scheme_ctx *ctx, struct escrow *e,
		  unsigned int j, long owed)
{
	long s, took;

	swtlb_shard_lock(ctx, j);
	s = budget_of(ctx, j);
	took = s < owed ? s : owed;
	if (s / 2 > took)
		took = s / 2;
	set_budget(ctx, j, s - took);
	swtlb_shard_unlock(ctx, j);
	e->steals++;
	return took;
}

static uint64_t next_random(struct escrow *e)
{
	e->rng ^= e->rng << 13;
	e->rng ^= e->rng >> 7;
	e->rng ^= e->rng << 17;
	return e->rng;
}

/* Notes area j as a donor candidate if a lockless peek sees a budget. */
static void peek(struct swtlb_scheme_ctx *ctx, struct escrow *e, unsigned int j,
		 unsigned int *m, long *sum)
{
	long b = budget_of(ctx, j);

	e->peeks++;
	if (b > 0) {
		e->cand[*m] = j;
		e->seen[*m] = b;
		(*m)++;
		*sum += b;
	}
}

/* Steals from the candidates, richest first, until `owed` is paid. */
static void steal_richest(struct swtlb_scheme_ctx *ctx, struct escrow *e,
			  unsigned int m, long *owed, long *surplus)
{
	for (unsigned int a = 1; a < m; a++) { /* insertion sort, descending */
		unsigned int c = e->cand[a];
		long v = e->seen[a];
		unsigned int b = a;

		for (; b > 0 && e->seen[b - 1] < v; b--) {
			e->cand[b] = e->cand[b - 1];
			e->seen[b] = e->seen[b - 1];
		}
		e->cand[b] = c;
		e->seen[b] = v;
	}
	for (unsigned int c = 0; c<m && * owed> 0; c++) {
		long got = steal(ctx, e, e->cand[c], *owed);
		long use = got < *owed ? got : *owed;

		*owed -= use;
		*surplus += got - use;
	}
}

/* Pays `owed` slots of headroom for area `area`. Under C. */
static void escrow_pay(struct swtlb_scheme_ctx *ctx, struct escrow *e,
		       unsigned int area, long owed)
{
	unsigned int n = ctx->shards.nshards;
	unsigned int m = 0, w = n - 1 < ESCROW_WINDOW ? n - 1 : ESCROW_WINDOW;
	long surplus = 0, sum = 0;

	/* 1. A random window of w other areas (adjacent areas share lines). */
	if (w > 0) {
		unsigned int start = (unsigned int)(next_random(e) % (n - 1));

		for (unsigned int k = 0; k < w; k++)
			peek(ctx, e, (area + 1 + (start + k) % (n - 1)) % n, &m,
			     &sum);
		steal_richest(ctx, e, m, &owed, &surplus);
	}
	/* 2. Every other area, only if the lockless sums say it can pay. */
	if (owed > 0 && n > 1) {
		m = 0;
		sum = 0;
		for (unsigned int j = 0; j < n; j++)
			if (j != area)
				peek(ctx, e, j, &m, &sum);
		if (sum >= owed)
			steal_richest(ctx, e, m, &owed, &surplus);
	}
	/* 3. Lock every area: take every budget, or find a new peak. */
	if (owed > 0) {
		lock_all(ctx);
		for (unsigned int i = 0; i < n; i++) {
			surplus += budget_of(ctx, i);
			set_budget(ctx, i, 0);
		}
		e->collections++;
		if (surplus >= owed) {
			surplus -= owed;
		} else {
			/*
			 * No headroom anywhere: T is a new peak. escrow-grant
			 * publishes G more and gives it to this area, so the
			 * next G slots of growth coordinate without step 3.
			 */
			owed -= surplus;
			surplus = 0;
			set_budget(ctx, area, e->grant);
			atomic_store_explicit(
			    &e->mark,
			    atomic_load_explicit(&e->mark,
						 memory_order_relaxed) +
				owed + e->grant,
			    memory_order_release);
			e->raises++;
		}
		unlock_all(ctx);
	}
	if (surplus > 0) {
		void *p = swtlb_shard_priv(ctx, area);

		swtlb_shard_lock(ctx, area);
		escrow_aset(p, escrow_aget(p) + surplus);
		swtlb_shard_unlock(ctx, area);
	}
}

_Thread_local struct swtlb_escrow_miss swtlb_escrow_miss;

void swtlb_escrow_coordinate(struct swtlb_scheme_ctx *ctx)
{
	struct escrow *e = ctx->priv;

	swtlb_escrow_miss.pending = false;
	swtlb_spin_lock(&e->lock);
	e->coords++;
	if (e->reset_pending)
		escrow_reestablish(ctx, e);
	else if (!swtlb_escrow_miss.reestablish)
		escrow_pay(ctx, e, swtlb_escrow_miss.area,
			   swtlb_escrow_miss.debt);
	swtlb_spin_unlock(&e->lock);
}

static unsigned long escrow_used(struct swtlb_scheme_ctx *ctx)
{
	return swtlb_shards_total(ctx);
}

static bool escrow_hiwater(struct swtlb_scheme_ctx *ctx, unsigned long *out)
{
	struct escrow *e = ctx->priv;

	*out =
	    (unsigned long)atomic_load_explicit(&e->mark, memory_order_acquire);
	return true;
}

static int escrow_hiwater_set(struct swtlb_scheme_ctx *ctx, unsigned long val)
{
	struct escrow *e = ctx->priv;

	if (val != 0)
		return -EINVAL;
	swtlb_spin_lock(&e->lock);
	for (unsigned int i = 0; i < ctx->shards.nshards; i++) {
		swtlb_shard_lock(ctx, i);
		escrow_aset(swtlb_shard_priv(ctx, i), ESCROW_SENTINEL);
		swtlb_shard_unlock(ctx, i);
	}
	e->reset_pending = true;
	atomic_store_explicit(&e->mark, 0, memory_order_release);
	swtlb_spin_unlock(&e->lock);
	return 0;
}

static int escrow_stats(struct swtlb_scheme_ctx *ctx, char *buf, size_t len)
{
	struct escrow *e = ctx->priv;
	unsigned long locks;
	int n;

	swtlb_spin_lock(&e->lock);
	locks =
	    e->steals + e->collections *
			    (ctx->shards.nshards ? ctx->shards.nshards - 1 : 0);
	n = snprintf(buf, len,
		     "coord=%lu steal=%lu peak=%lu locks=%lu peek=%lu",
		     e->coords, e->steals, e->raises, locks, e->peeks);
	if (e->grant && n >= 0 && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, " grant=%ld", e->grant);
	swtlb_spin_unlock(&e->lock);
	return n;
}
const struct swtlb_scheme_ops swtlb_scheme_escrow = {
    .name = "escrow",
    .workloads = SWTLB_SERVES_SWIOTLB,
    .hooks = "escrow",
    .contract = "exact single-threaded; concurrent: never above a total "
		"that existed, never below the returned maps' total",
    .shard_priv_bytes = 8,
    .init = escrow_init,
    .fini = escrow_fini,
    .shard_inc = escrow_shard_inc,
    .inc_used = escrow_inc_used,
    .used = escrow_used,
    .hiwater = escrow_hiwater,
    .hiwater_set = escrow_hiwater_set,
    .stats = escrow_stats,
};

const struct swtlb_scheme_ops swtlb_scheme_escrow_grant = {
    .name = "escrow-grant",
    .workloads = SWTLB_SERVES_SWIOTLB,
    .hooks = "escrow",
    .contract = "never below the truth, at most G slots above it (G = 32, "
		"64 KiB, or swtlb-sim --grant); concurrent: never above a "
		"total that existed + G, never below the returned maps' total",
    .shard_priv_bytes = 8,
    .init = escrow_grant_init,
    .fini = escrow_fini,
    .shard_inc = escrow_shard_inc,
    .inc_used = escrow_inc_used,
    .used = escrow_used,
    .hiwater = escrow_hiwater,
    .hiwater_set = escrow_hiwater_set,
    .stats = escrow_stats,
};
