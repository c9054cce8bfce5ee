/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/stock.h: the per-CPU charge stock's fast operations
 * (page-counter-path.md section 4; mm/memcontrol.c consume_stock,
 * refill_stock, drain_stock), static inline because the kernel's are static
 * functions of the file that holds try_charge_memcg().
 *
 * The stock of `cpu` is only changed by `cpu`, under its local trylock.
 * Slots are READ_ONCE/WRITE_ONCE (relaxed) because drain_all_stock() reads
 * them from other CPUs.
 */
#ifndef SWTLB_WORKLOADS_MEMCG_STOCK_H
#define SWTLB_WORKLOADS_MEMCG_STOCK_H

#include "workloads/memcg/memcg.h"

#define STOCK_LOAD(p)	  atomic_load_explicit(p, memory_order_relaxed)
#define STOCK_STORE(p, v) atomic_store_explicit(p, v, memory_order_relaxed)

static inline struct memcg_stock_pcp *memcg_stock_of(struct memcg_system *sys,
						     unsigned int cpu)
{
	return &sys->pcpu[cpu].stock;
}

/*
 * local_trylock(): preemption is already off for a pinned thread; if this
 * CPU is inside a stock operation (an interrupt in the kernel) give up.
 * No atomic instruction: a load and a store of the CPU's own byte, with
 * compiler barriers.
 */
static inline bool memcg_local_trylock(memcg_local_trylock_t *lock)
{
	if (STOCK_LOAD(&lock->acquired))
		return false;
	STOCK_STORE(&lock->acquired, 1);
	atomic_signal_fence(memory_order_acq_rel);
	return true;
}

static inline void memcg_local_unlock(memcg_local_trylock_t *lock)
{
	atomic_signal_fence(memory_order_acq_rel);
	STOCK_STORE(&lock->acquired, 0);
}

/* css_get / css_put: percpu_ref in percpu mode, this_cpu_inc/dec. */
static inline long *memcg_css_ref(struct memcg_system *sys, unsigned int cpu,
				  const struct mem_cgroup *memcg)
{
	return &sys->css_refs[cpu * sys->css_stride + memcg->index];
}

static inline bool consume_stock(struct memcg_system *sys, unsigned int cpu,
				 struct mem_cgroup *memcg,
				 unsigned int nr_pages)
{
	struct memcg_stock_pcp *stock = memcg_stock_of(sys, cpu);
	bool ret = false;

	if (nr_pages > sys->batch || !memcg_local_trylock(&stock->lock))
		return false;
	for (int i = 0; i < NR_MEMCG_STOCK; ++i) {
		uint8_t stock_pages;

		if (memcg != STOCK_LOAD(&stock->cached[i]))
			continue;
		stock_pages = STOCK_LOAD(&stock->nr_pages[i]);
		if (stock_pages >= nr_pages) {
			STOCK_STORE(&stock->nr_pages[i],
				    (uint8_t)(stock_pages - nr_pages));
			ret = true;
		}
		break;
	}
	memcg_local_unlock(&stock->lock);
	return ret;
}

/* memcg_uncharge(): memory (memsw on v1 is not modelled: unlimited). */
static inline void memcg_uncharge_inline(struct memcg_system *sys,
					 struct mem_cgroup *memcg,
					 unsigned int nr_pages)
{
	sys->pc->uncharge(&memcg->memory, nr_pages);
}

/* drain_stock(): slot i's pages back to its memcg; the slot empties. */
static inline unsigned int drain_stock(struct memcg_system *sys,
				       unsigned int cpu,
				       struct memcg_stock_pcp *stock, int i)
{
	struct mem_cgroup *old = STOCK_LOAD(&stock->cached[i]);
	uint8_t stock_pages;

	if (!old)
		return 0;
	stock_pages = STOCK_LOAD(&stock->nr_pages[i]);
	if (stock_pages) {
		memcg_uncharge_inline(sys, old, stock_pages);
		STOCK_STORE(&stock->nr_pages[i], 0);
	}
	(*memcg_css_ref(sys, cpu, old))--; /* css_put */
	STOCK_STORE(&stock->cached[i], NULL);
	return stock_pages;
}

static inline unsigned long drain_stock_fully(struct memcg_system *sys,
					      unsigned int cpu,
					      struct memcg_stock_pcp *stock)
{
	unsigned long pages = 0;

	for (int i = 0; i < NR_MEMCG_STOCK; ++i)
		pages += drain_stock(sys, cpu, stock, i);
	return pages;
}

/* refill_stock(); the return value and *victim only feed the replay. */
static inline enum memcg_refill_how refill_stock(struct memcg_system *sys,
						 unsigned int cpu,
						 struct mem_cgroup *memcg,
						 unsigned int nr_pages,
						 struct mem_cgroup **victim)
{
	struct memcg_stock_pcp *stock = memcg_stock_of(sys, cpu);
	enum memcg_refill_how how = MEMCG_REFILL_NEW;
	int empty_slot = -1;
	int i;

	if (nr_pages > sys->batch || !memcg_local_trylock(&stock->lock)) {
		/* larger than a batch, or the unlikely trylock failure */
		memcg_uncharge_inline(sys, memcg, nr_pages);
		return MEMCG_REFILL_DIRECT;
	}
	for (i = 0; i < NR_MEMCG_STOCK; ++i) {
		struct mem_cgroup *cached = STOCK_LOAD(&stock->cached[i]);

		if (!cached && empty_slot == -1)
			empty_slot = i;
		if (memcg == cached) {
			uint8_t stock_pages =
			    (uint8_t)(STOCK_LOAD(&stock->nr_pages[i]) +
				      nr_pages);

			STOCK_STORE(&stock->nr_pages[i], stock_pages);
			how = MEMCG_REFILL_KEPT;
			if (stock_pages > sys->batch) {
				drain_stock(sys, cpu, stock, i);
				how = MEMCG_REFILL_DRAINED;
			}
			break;
		}
	}
	if (i == NR_MEMCG_STOCK) {
		i = empty_slot;
		if (i == -1) {
			i = stock->drain_idx++;
			if (stock->drain_idx == NR_MEMCG_STOCK)
				stock->drain_idx = 0;
			if (victim)
				*victim = STOCK_LOAD(&stock->cached[i]);
			how = MEMCG_REFILL_EVICT;
			drain_stock(sys, cpu, stock, i);
		}
		(*memcg_css_ref(sys, cpu, memcg))++; /* css_get */
		STOCK_STORE(&stock->cached[i], memcg);
		STOCK_STORE(&stock->nr_pages[i], (uint8_t)nr_pages);
	}
	memcg_local_unlock(&stock->lock);
	return how;
}

#endif /* SWTLB_WORKLOADS_MEMCG_STOCK_H */
