/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/charge.c: try_charge_memcg() and the uncharge entry
 * points (page-counter-path.md sections 5 and 6), with the stock inlined as
 * the kernel's static functions are.
 *
 * The path for gfp without direct reclaim (GFP_NOWAIT, GFP_ATOMIC, and the
 * "nolock" gfp 0): stock, batch try, exact retry, then -ENOMEM or a forced
 * charge. Not a task in memcg OOM, not PF_MEMALLOC; memsw accounting off
 * (cgroup v2, or v1 with an unlimited memsw). Blocking charges (reclaim,
 * OOM) are out of scope: memcg.h has no __GFP_DIRECT_RECLAIM to ask for.
 */
#include <errno.h>

#include "workloads/memcg/stock.h"

static inline struct mem_cgroup *memcg_from_memory(struct page_counter *c)
{
	return (struct mem_cgroup *)((char *)c -
				     offsetof(struct mem_cgroup, memory));
}

static inline unsigned long page_counter_high(const struct page_counter *c)
{
	return atomic_load_explicit((_Atomic unsigned long *)&c->high,
				    memory_order_relaxed);
}

/*
 * done_restock's walk: from memcg up to the root, stop at the first level
 * over memory.high or swap.high (then the kernel schedules reclaim on
 * return to user space, out of scope). Four lines read per level.
 */
static inline void memcg_high_walk(struct mem_cgroup *memcg)
{
	do {
		bool mem_high = page_counter_read(&memcg->memory) >
				page_counter_high(&memcg->memory);
		bool swap_high = page_counter_read(&memcg->swap) >
				 page_counter_high(&memcg->swap);

		if (mem_high || swap_high)
			break;
	} while ((memcg = memcg->parent));
}

static inline __attribute__((always_inline)) int
try_charge_memcg(struct memcg_system *sys, unsigned int cpu,
		 struct mem_cgroup *memcg, unsigned int gfp,
		 unsigned int nr_pages, struct memcg_charge_out *out)
{
	unsigned int batch = nr_pages > sys->batch ? nr_pages : sys->batch;
	bool allow_spinning = gfp & MEMCG_GFP_KSWAPD_RECLAIM;
	struct page_counter *counter;
	bool first = true;

	if (out)
		out->fail_batch = NULL;
retry:
	if (consume_stock(sys, cpu, memcg, nr_pages)) {
		if (out)
			out->how = MEMCG_CHARGED_STOCK;
		return 0;
	}
	if (!allow_spinning)
		batch = nr_pages; /* no refill, no flush of the older stock */
	if (sys->pc->try_charge(&memcg->memory, batch, &counter))
		goto done_restock;
	if (out) {
		out->fail = memcg_from_memory(counter);
		if (first)
			out->fail_batch = out->fail;
	}
	if (batch > nr_pages) {
		batch = nr_pages;
		first = false;
		goto retry;
	}
	/* nomem: no reclaim without __GFP_DIRECT_RECLAIM */
	if (!(gfp & MEMCG_GFP_HIGH)) {
		if (out)
			out->how = MEMCG_CHARGE_FAILED;
		return -ENOMEM;
	}
	/* force: over the limit, exactly nr_pages */
	sys->pc->charge(&memcg->memory, nr_pages);
	if (out)
		out->how = MEMCG_CHARGE_FORCED;
	return 0;

done_restock:
	if (out) {
		out->how = first ? MEMCG_CHARGED_BATCH : MEMCG_CHARGED_EXACT;
		out->batch = batch;
		out->refill = MEMCG_REFILL_NONE;
	}
	if (batch > nr_pages) {
		enum memcg_refill_how how =
		    refill_stock(sys, cpu, memcg, batch - nr_pages,
				 out ? &out->victim : NULL);

		if (out)
			out->refill = how;
	}
	memcg_high_walk(memcg);
	return 0;
}

int memcg_try_charge(struct memcg_system *sys, unsigned int cpu,
		     struct mem_cgroup *memcg, unsigned int gfp,
		     unsigned int nr_pages)
{
	return try_charge_memcg(sys, cpu, memcg, gfp, nr_pages, NULL);
}

int memcg_try_charge_traced(struct memcg_system *sys, unsigned int cpu,
			    struct mem_cgroup *memcg, unsigned int gfp,
			    unsigned int nr_pages, struct memcg_charge_out *out)
{
	return try_charge_memcg(sys, cpu, memcg, gfp, nr_pages, out);
}

void memcg_uncharge_stock(struct memcg_system *sys, unsigned int cpu,
			  struct mem_cgroup *memcg, unsigned int nr_pages)
{
	refill_stock(sys, cpu, memcg, nr_pages, NULL);
}

enum memcg_refill_how memcg_uncharge_stock_traced(struct memcg_system *sys,
						  unsigned int cpu,
						  struct mem_cgroup *memcg,
						  unsigned int nr_pages,
						  struct mem_cgroup **victim)
{
	return refill_stock(sys, cpu, memcg, nr_pages, victim);
}

void memcg_uncharge(struct memcg_system *sys, struct mem_cgroup *memcg,
		    unsigned int nr_pages)
{
	memcg_uncharge_inline(sys, memcg, nr_pages);
}
