/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/bench.h: the memcg workload as a benchmark sees it. A
 * hierarchy of `depth` levels below the root, each memcg with `fanout`
 * children; CPU c's tasks live in leaf (c / cpus_per_cgroup) mod leaves.
 * One unit of work: get = try_charge_memcg(leaf, GFP_NOWAIT, pages) on the
 * CPU, put = its uncharge, through the stock (kmem / socket:
 * refill_stock) or straight to the counters (folio: uncharge_batch).
 */
#ifndef SWTLB_WORKLOADS_MEMCG_BENCH_H
#define SWTLB_WORKLOADS_MEMCG_BENCH_H

#include "workloads/memcg/memcg.h"

enum memcg_free_mode {
	MEMCG_FREE_STOCK,  /* refill_stock() on the freeing CPU */
	MEMCG_FREE_DIRECT, /* memcg_uncharge(): page_counter_uncharge */
};

struct memcg_bench_params {
	unsigned int ncpus;
	unsigned int depth, fanout;
	unsigned int cpus_per_cgroup;
	unsigned int batch; /* MEMCG_CHARGE_BATCH */
	bool v1;
	enum memcg_free_mode free_mode;
	const struct swtlb_scheme_ops *scheme; /* NULL: racy-max */
};

struct memcg_bench {
	struct memcg_system sys;
	enum memcg_free_mode free_mode;
	unsigned int nleaves;
	struct mem_cgroup **leaf_of_cpu; /* ncpus */
};

/* 0, or -1 with a one-line reason in err. */
int memcg_bench_create(struct memcg_bench *b,
		       const struct memcg_bench_params *p, char *err,
		       size_t errlen);
void memcg_bench_destroy(struct memcg_bench *b);

static inline int memcg_bench_get(struct memcg_bench *b, unsigned int cpu,
				  unsigned int pages)
{
	return memcg_try_charge(&b->sys, cpu, b->leaf_of_cpu[cpu],
				MEMCG_GFP_NOWAIT, pages);
}

static inline void memcg_bench_put(struct memcg_bench *b, unsigned int cpu,
				   unsigned int pages)
{
	if (b->free_mode == MEMCG_FREE_STOCK)
		memcg_uncharge_stock(&b->sys, cpu, b->leaf_of_cpu[cpu], pages);
	else
		memcg_uncharge(&b->sys, b->leaf_of_cpu[cpu], pages);
}

/*
 * After the threads stopped (every get put back): drain every stock, then
 * every counter must read 0. 0, or -1 with why.
 */
int memcg_bench_check(struct memcg_bench *b, char *why, size_t len);

#endif /* SWTLB_WORKLOADS_MEMCG_BENCH_H */
