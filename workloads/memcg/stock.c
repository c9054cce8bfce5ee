/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/stock.c: draining the per-CPU stock
 * (page-counter-path.md section 4.3): drain_local_memcg_stock() and
 * drain_all_stock(), off the charge path.
 */
#include "workloads/memcg/stock.h"

unsigned long memcg_drain_local(struct memcg_system *sys, unsigned int cpu)
{
	struct memcg_stock_pcp *stock = memcg_stock_of(sys, cpu);
	unsigned long pages;

	/* local_lock(): the work item runs in task context, never nested */
	STOCK_STORE(&stock->lock.acquired, 1);
	pages = drain_stock_fully(sys, cpu, stock);
	atomic_fetch_and(&stock->flags, ~(1UL << FLUSHING_CACHED_CHARGE));
	memcg_local_unlock(&stock->lock);
	return pages;
}

/* is_memcg_drain_needed(): some slot holds pages for root's subtree. */
static bool is_memcg_drain_needed(struct memcg_stock_pcp *stock,
				  const struct mem_cgroup *root)
{
	for (int i = 0; i < NR_MEMCG_STOCK; ++i) {
		struct mem_cgroup *memcg = STOCK_LOAD(&stock->cached[i]);

		if (!memcg)
			continue;
		if (STOCK_LOAD(&stock->nr_pages[i]) &&
		    mem_cgroup_is_descendant(memcg, root))
			return true;
	}
	return false;
}

unsigned long memcg_drain_all(struct memcg_system *sys, unsigned int curcpu,
			      struct mem_cgroup *root, bool *drained)
{
	unsigned long pages = 0;
	unsigned int cpu;
	bool queued[MEMCG_MAX_CPUS];

	if (drained)
		for (cpu = 0; cpu < sys->ncpus; cpu++)
			drained[cpu] = false;
	/* mutex_trylock(&percpu_charge_mutex) */
	if (atomic_exchange(&sys->percpu_charge_mutex, true))
		return 0;
	for (cpu = 0; cpu < sys->ncpus; cpu++) {
		struct memcg_stock_pcp *stock = memcg_stock_of(sys, cpu);
		unsigned long bit = 1UL << FLUSHING_CACHED_CHARGE;

		queued[cpu] = false;
		if (!(atomic_load_explicit(&stock->flags,
					   memory_order_relaxed) &
		      bit) &&
		    is_memcg_drain_needed(stock, root) &&
		    !(atomic_fetch_or(&stock->flags, bit) & bit)) {
			if (cpu == curcpu)
				pages += memcg_drain_local(sys, cpu);
			else
				queued[cpu] = true; /* queue_work_on(cpu) */
			if (drained)
				drained[cpu] = true;
		}
	}
	atomic_store(&sys->percpu_charge_mutex, false);
	/* The queued work runs on each CPU, here at once and in CPU order. */
	for (cpu = 0; cpu < sys->ncpus; cpu++)
		if (queued[cpu])
			pages += memcg_drain_local(sys, cpu);
	return pages;
}

unsigned int memcg_stocked(const struct memcg_system *sys, unsigned int cpu,
			   const struct mem_cgroup *memcg)
{
	struct memcg_stock_pcp *stock = &sys->pcpu[cpu].stock;

	for (int i = 0; i < NR_MEMCG_STOCK; ++i)
		if (STOCK_LOAD(&stock->cached[i]) == memcg)
			return STOCK_LOAD(&stock->nr_pages[i]);
	return 0;
}
