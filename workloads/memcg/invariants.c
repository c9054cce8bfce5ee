/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/invariants.c: what must hold between operations when
 * nothing runs concurrently (page-counter-path.md sections 2.2 and 8, and
 * the vectors' README): every counter's usage is what its subtree's users
 * hold plus what the stocks keep for its subtree; memory.peak (as the
 * scheme reports it) >= local watermark and >= usage; a memcg in at most one
 * slot per CPU, no slot above the batch; css references = cached slots.
 */
#include <inttypes.h>
#include <stdio.h>

#include "workloads/memcg/memcg.h"

static int check_stocks(const struct memcg_system *sys, char *why, size_t len)
{
	for (unsigned int cpu = 0; cpu < sys->ncpus; cpu++) {
		struct memcg_stock_pcp *stock = &sys->pcpu[cpu].stock;

		for (int i = 0; i < NR_MEMCG_STOCK; i++) {
			struct mem_cgroup *m = atomic_load_explicit(
			    &stock->cached[i], memory_order_relaxed);
			unsigned int pages = atomic_load_explicit(
			    &stock->nr_pages[i], memory_order_relaxed);

			if (!m && pages)
				return snprintf(why, len,
						"cpu %u slot %d: "
						"%u pages and no memcg",
						cpu, i, pages);
			if (pages > sys->batch)
				return snprintf(why, len,
						"cpu %u slot %d: "
						"%u pages > batch",
						cpu, i, pages);
			for (int j = 0; m && j < i; j++)
				if (atomic_load_explicit(
					&stock->cached[j],
					memory_order_relaxed) == m)
					return snprintf(why, len,
							"cpu %u: memcg %u in "
							"slots %d and %d",
							cpu, m->id, j, i);
		}
	}
	return 0;
}

/* Pages users hold in root's subtree plus pages stocked for it. */
static uint64_t expected_usage(const struct memcg_system *sys,
			       const struct mem_cgroup *root,
			       const uint64_t *held)
{
	uint64_t sum = 0;

	for (unsigned int k = 0; k < sys->nmemcgs; k++) {
		const struct mem_cgroup *m = sys->memcgs[k];

		if (!mem_cgroup_is_descendant(m, root))
			continue;
		sum += held[k];
		for (unsigned int cpu = 0; cpu < sys->ncpus; cpu++)
			sum += memcg_stocked(sys, cpu, m);
	}
	return sum;
}

static long cached_slots(const struct memcg_system *sys,
			 const struct mem_cgroup *memcg)
{
	long n = 0;

	for (unsigned int cpu = 0; cpu < sys->ncpus; cpu++)
		for (int i = 0; i < NR_MEMCG_STOCK; i++)
			n += atomic_load_explicit(
				 &sys->pcpu[cpu].stock.cached[i],
				 memory_order_relaxed) == memcg;
	return n;
}

int memcg_check_invariants(const struct memcg_system *sys, const uint64_t *held,
			   bool marks, char *why, size_t len)
{
	if (check_stocks(sys, why, len))
		return -1;
	for (unsigned int k = 0; k < sys->nmemcgs; k++) {
		const struct mem_cgroup *m = sys->memcgs[k];
		const struct page_counter *c = &m->memory;
		unsigned long usage = page_counter_read(c);
		unsigned long w = 0;
		bool has_peak = memcg_peak(sys->memcgs[k], &w);
		unsigned long local = atomic_load_explicit(
		    (_Atomic unsigned long *)&c->local_watermark,
		    memory_order_relaxed);
		uint64_t want = expected_usage(sys, m, held);

		if (usage != want) {
			snprintf(why, len,
				 "counter %u: usage %lu, held+stocked %" PRIu64,
				 m->id, usage, want);
			return -1;
		}
		if (marks && has_peak && (w < local || w < usage)) {
			snprintf(why, len,
				 "counter %u: watermark %lu < local %lu or "
				 "usage %lu",
				 m->id, w, local, usage);
			return -1;
		}
		if (memcg_css_refs(sys, m) != cached_slots(sys, m)) {
			snprintf(why, len,
				 "counter %u: %ld css refs, %ld slots", m->id,
				 memcg_css_refs(sys, m), cached_slots(sys, m));
			return -1;
		}
	}
	return 0;
}
