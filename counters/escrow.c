/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/escrow.c: our scheme. An exact high-water mark whose map/unmap
 * hot path writes only the area's own cache line, already held under
 * area->lock (escrow / demarcation: the headroom below the mark is split
 * into local budgets, and only an area whose budget runs out coordinates).
 *
 * State
 *   H            the published mark (io_tlb_used_hiwater), its own line;
 *   s_i          area i's share of headroom, 8 bytes after area->used
 *                (areas become 24 bytes, like seed 003's), changed only
 *                under area i's lock;
 *   g            a central reserve of headroom, under the coordination
 *                lock C (taken only off the fast path).
 * Ledger (T = sum of area->used, D = debts of maps not yet coordinated):
 *                H + D = T + g + sum(s_i),   every s_i >= 0, g >= 0.
 *
 * Map of n slots in area i, under area i's lock (area_inc):
 *   s_i >= n: s_i -= n. Done: no other line touched (the common case).
 *   else:     debt d = n - s_i, s_i = 0, noted in a thread-local.
 * After the unlock (inc_used): nothing unless a debt is noted; then, under C
 *   - g >= d: g -= d, and area i gets a grant from g (under its lock) so
 *     that it does not come back at once;
 *   - else collect: lock every area (in index order, all held at once),
 *     move every s_j into g; pay d from g; if g cannot cover it, the
 *     headroom is really zero and H is raised by the rest: H += d - g.
 * Unmap of n slots in area i, under its lock (area_dec): s_i += n.
 * dec_used: no hook. Read: H (one load). used: lockless sum of area->used.
 *
 * Why it is exact (single-threaded: the simulator, replay): with no debt
 * outstanding, H = T + (headroom >= 0), so H >= T at every step; H rises
 * only in a collection that found the total headroom zero, to exactly
 * H + d - g = T at that moment. So H = max over time of T, always.
 * Concurrently: H is raised while every area lock is held, to
 * T - (other debts) <= T at that instant: never above a total that really
 * existed. And H >= T(t) - D(t) at all times, where a debt belongs to a map
 * that has not returned yet: never below any total made of mappings whose
 * map had returned (the truth log's lower bound). What concurrency can
 * change is the order: a map whose debt is paid from headroom an unmap
 * freed meanwhile elsewhere counts as if it happened after that unmap,
 * exactly as global-atomic's add after the unlock can be reordered.
 *
 * Coordination frequency: an area coordinates only when its share cannot
 * cover a map; its budget is refilled by its own unmaps (completions on the
 * mapping CPU keep it self-sufficient) and by grants of
 * max(128, g / nareas) slots. A collection (all area locks) happens only
 * when the central reserve cannot pay a debt, and at every new peak (the
 * moments global-atomic needs its lock cmpxchg). swtlb-sim prints the
 * counts (stats line) per run.
 *
 * Reset: 0 accepted, others -EINVAL. Under C every share is replaced by a
 * "reset" sentinel and H = 0: reads give 0. The next map sees the sentinel
 * and, in its coordination, re-establishes the ledger under all area locks
 * with H = T (including that map): global-atomic's "0 until the next map,
 * then the total". Limitation: a map in flight across a reset (locked
 * before it, coordinating after) ends the zero period itself, and if a
 * second map re-established first, its old debt is paid again: over-report
 * by at most that map's slots, only at a reset.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "counters/area_view.h"
#include "counters/schemes.h"

#define ESCROW_SENTINEL	 LONG_MIN /* share of an area after a reset */
#define ESCROW_MIN_GRANT 128	  /* IO_TLB_SEGSIZE: one largest map */

struct escrow {
	_Alignas(64) atomic_long mark;	    /* H, read by debugfs */
	_Alignas(64) swtlb_spinlock_t lock; /* C */
	long reserve;			    /* g, under C */
	bool reset_pending;		    /* under C */
	/* Statistics, under C. */
	unsigned long coords, collections, raises, grants;
};

/* A map's fast-path miss, from area_inc (under the lock) to inc_used. */
static _Thread_local struct {
	bool pending;
	bool reestablish; /* saw the reset sentinel */
	unsigned int area;
	long debt;
} escrow_miss;

static long *share(void *area_priv)
{
	return area_priv;
}

static int escrow_init(struct swtlb_scheme_ctx *ctx, char *err, size_t errlen)
{
	struct escrow *e = aligned_alloc(64, sizeof(struct escrow));

	if (!e) {
		snprintf(err, errlen, "escrow: out of memory");
		return -ENOMEM;
	}
	atomic_init(&e->mark, 0);
	swtlb_spin_lock_init(&e->lock);
	e->reserve = 0;
	e->reset_pending = false;
	e->coords = e->collections = e->raises = e->grants = 0;
	for (unsigned int i = 0; i < ctx->areas.nareas; i++)
		*share(swtlb_area_priv(ctx, i)) = 0;
	ctx->priv = e;
	return 0;
}

static void escrow_fini(struct swtlb_scheme_ctx *ctx)
{
	free(ctx->priv);
	ctx->priv = NULL;
}

static void escrow_area_inc(struct swtlb_scheme_ctx *ctx,
			    unsigned int area_index, void *area_priv,
			    unsigned long area_used, unsigned int nslots)
{
	long *s = share(area_priv);

	(void)ctx;
	(void)area_used;
	if (*s >= (long)nslots) {
		*s -= nslots;
		return;
	}
	escrow_miss.pending = true;
	escrow_miss.area = area_index;
	if (*s == ESCROW_SENTINEL) {
		escrow_miss.reestablish = true;
		escrow_miss.debt = 0;
		return;
	}
	escrow_miss.reestablish = false;
	escrow_miss.debt = (long)nslots - *s;
	*s = 0;
}

static void escrow_area_dec(struct swtlb_scheme_ctx *ctx,
			    unsigned int area_index, void *area_priv,
			    unsigned long area_used, unsigned int nslots)
{
	long *s = share(area_priv);

	(void)ctx;
	(void)area_index;
	(void)area_used;
	if (*s != ESCROW_SENTINEL)
		*s += nslots;
}

static void lock_all(struct swtlb_scheme_ctx *ctx)
{
	for (unsigned int i = 0; i < ctx->areas.nareas; i++)
		swtlb_area_lock(ctx, i);
}

static void unlock_all(struct swtlb_scheme_ctx *ctx)
{
	for (unsigned int i = ctx->areas.nareas; i-- > 0;)
		swtlb_area_unlock(ctx, i);
}

/* After a reset: H = T, all headroom zero. Under C. */
static void escrow_reestablish(struct swtlb_scheme_ctx *ctx, struct escrow *e)
{
	unsigned long total = 0;

	lock_all(ctx);
	for (unsigned int i = 0; i < ctx->areas.nareas; i++) {
		total += swtlb_area_used_read(ctx, i);
		*share(swtlb_area_priv(ctx, i)) = 0;
	}
	e->reserve = 0;
	e->reset_pending = false;
	atomic_store_explicit(&e->mark, (long)total, memory_order_release);
	unlock_all(ctx);
}

/* Pays `debt` for area `area`. Under C. */
static void escrow_pay(struct swtlb_scheme_ctx *ctx, struct escrow *e,
		       unsigned int area, long debt)
{
	long grant;

	if (e->reserve < debt) {
		lock_all(ctx);
		for (unsigned int i = 0; i < ctx->areas.nareas; i++) {
			long *s = share(swtlb_area_priv(ctx, i));

			e->reserve += *s;
			*s = 0;
		}
		e->collections++;
		if (e->reserve < debt) {
			/* No headroom anywhere: the total is a new peak. */
			atomic_store_explicit(
			    &e->mark,
			    atomic_load_explicit(&e->mark,
						 memory_order_relaxed) +
				(debt - e->reserve),
			    memory_order_release);
			e->raises++;
			e->reserve = debt;
		}
		unlock_all(ctx);
	}
	e->reserve -= debt;
	/* Hand the short area a budget so that it does not return at once. */
	grant = e->reserve / (long)ctx->areas.nareas;
	if (grant < ESCROW_MIN_GRANT)
		grant = ESCROW_MIN_GRANT;
	if (grant > e->reserve)
		grant = e->reserve;
	if (grant > 0) {
		swtlb_area_lock(ctx, area);
		*share(swtlb_area_priv(ctx, area)) += grant;
		swtlb_area_unlock(ctx, area);
		e->reserve -= grant;
		e->grants++;
	}
}

static void escrow_inc_used(struct swtlb_scheme_ctx *ctx, unsigned int cpu,
			    unsigned int nslots)
{
	struct escrow *e = ctx->priv;

	(void)cpu;
	(void)nslots;
	if (!escrow_miss.pending)
		return;
	escrow_miss.pending = false;
	swtlb_spin_lock(&e->lock);
	e->coords++;
	if (e->reset_pending)
		escrow_reestablish(ctx, e); /* counts this map in T */
	else if (!escrow_miss.reestablish)
		escrow_pay(ctx, e, escrow_miss.area, escrow_miss.debt);
	/* else: re-established after this map locked: already in T. */
	swtlb_spin_unlock(&e->lock);
}

static unsigned long escrow_used(struct swtlb_scheme_ctx *ctx)
{
	return swtlb_areas_used_sum(ctx);
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
	for (unsigned int i = 0; i < ctx->areas.nareas; i++) {
		swtlb_area_lock(ctx, i);
		*share(swtlb_area_priv(ctx, i)) = ESCROW_SENTINEL;
		swtlb_area_unlock(ctx, i);
	}
	e->reserve = 0;
	e->reset_pending = true;
	atomic_store_explicit(&e->mark, 0, memory_order_release);
	swtlb_spin_unlock(&e->lock);
	return 0;
}

static int escrow_stats(struct swtlb_scheme_ctx *ctx, char *buf, size_t len)
{
	struct escrow *e = ctx->priv;
	int n;

	swtlb_spin_lock(&e->lock);
	n = snprintf(buf, len, "coord=%lu collect=%lu raise=%lu grant=%lu",
		     e->coords, e->collections, e->raises, e->grants);
	swtlb_spin_unlock(&e->lock);
	return n;
}

const struct swtlb_scheme_ops swtlb_scheme_escrow = {
    .name = "escrow",
    .contract = "exact single-threaded; concurrent: never above a real "
		"total, never below the settled maps' total",
    .area_priv_bytes = 8,
    .init = escrow_init,
    .fini = escrow_fini,
    .area_inc = escrow_area_inc,
    .area_dec = escrow_area_dec,
    .inc_used = escrow_inc_used,
    .used = escrow_used,
    .hiwater = escrow_hiwater,
    .hiwater_set = escrow_hiwater_set,
    .stats = escrow_stats,
};
