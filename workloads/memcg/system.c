/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/system.c: building the memcg tree and the per-CPU stocks
 * (mem_cgroup_css_alloc()'s counter setup, page-counter-path.md 2.1).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workloads/memcg/memcg.h"

int memcg_system_init(struct memcg_system *sys, unsigned int ncpus,
		      unsigned int batch, bool v1, char *err, size_t errlen)
{
	memset(sys, 0, sizeof(*sys));
	if (ncpus < 1 || ncpus > MEMCG_MAX_CPUS) {
		snprintf(err, errlen, "cpus must be 1..%d", MEMCG_MAX_CPUS);
		return -EINVAL;
	}
	if (batch < 1 || batch > MEMCG_CHARGE_BATCH_LIMIT) {
		snprintf(err, errlen, "batch must be 1..%d",
			 MEMCG_CHARGE_BATCH_LIMIT);
		return -EINVAL;
	}
	sys->ncpus = ncpus;
	sys->batch = batch;
	sys->v1 = v1;
	sys->pcpu = aligned_alloc(alignof(struct memcg_percpu),
				  ncpus * sizeof(*sys->pcpu));
	if (!sys->pcpu) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	memset(sys->pcpu, 0, ncpus * sizeof(*sys->pcpu));
	atomic_init(&sys->percpu_charge_mutex, false);
	return 0;
}

void memcg_system_fini(struct memcg_system *sys)
{
	for (unsigned int i = 0; i < sys->nmemcgs; i++)
		free(sys->memcgs[i]);
	free(sys->memcgs);
	free(sys->pcpu);
	free(sys->css_refs);
	memset(sys, 0, sizeof(*sys));
}

/* One row of css counts per CPU, 128-byte aligned rows, grown by copying. */
static int css_refs_grow(struct memcg_system *sys, unsigned int cap)
{
	size_t stride = ((size_t)cap + 15) / 16 * 16;
	long *refs = aligned_alloc(128, sys->ncpus * stride * sizeof(long));

	if (!refs)
		return -ENOMEM;
	memset(refs, 0, sys->ncpus * stride * sizeof(long));
	for (unsigned int cpu = 0; sys->css_refs && cpu < sys->ncpus; cpu++)
		memcpy(refs + cpu * stride,
		       sys->css_refs + cpu * sys->css_stride,
		       sys->nmemcgs * sizeof(long));
	free(sys->css_refs);
	sys->css_refs = refs;
	sys->css_stride = stride;
	return 0;
}

static int memcgs_grow(struct memcg_system *sys)
{
	unsigned int cap = sys->cap ? sys->cap * 2 : 16;
	struct mem_cgroup **memcgs;

	if (cap > MEMCG_MAX_MEMCGS)
		cap = MEMCG_MAX_MEMCGS;
	memcgs = realloc(sys->memcgs, cap * sizeof(*memcgs));
	if (!memcgs)
		return -ENOMEM;
	sys->memcgs = memcgs;
	if (css_refs_grow(sys, cap))
		return -ENOMEM;
	sys->cap = cap;
	return 0;
}

struct mem_cgroup *memcg_create(struct memcg_system *sys,
				struct mem_cgroup *parent, unsigned long max,
				unsigned int id)
{
	struct mem_cgroup *memcg;
	bool protection = !sys->v1;

	if (sys->nmemcgs == MEMCG_MAX_MEMCGS ||
	    (sys->nmemcgs == sys->cap && memcgs_grow(sys)))
		return NULL;
	memcg = aligned_alloc(alignof(struct mem_cgroup), sizeof(*memcg));
	if (!memcg)
		return NULL;
	memset(memcg, 0, sizeof(*memcg));
	page_counter_init(&memcg->memory, parent ? &parent->memory : NULL,
			  protection);
	/* v1: failcnt on every non-root memory counter */
	memcg->memory.track_failcnt = sys->v1 && parent;
	page_counter_init(&memcg->swap, parent ? &parent->swap : NULL, false);
	/* max is stored before any charge */
	atomic_store_explicit(&memcg->memory.max, max, memory_order_relaxed);
	memcg->parent = parent;
	memcg->level = parent ? parent->level + 1 : 0;
	memcg->index = sys->nmemcgs;
	memcg->id = id;
	sys->memcgs[sys->nmemcgs++] = memcg;
	return memcg;
}

bool mem_cgroup_is_descendant(const struct mem_cgroup *memcg,
			      const struct mem_cgroup *root)
{
	for (; memcg; memcg = memcg->parent)
		if (memcg == root)
			return true;
	return false;
}

long memcg_css_refs(const struct memcg_system *sys,
		    const struct mem_cgroup *memcg)
{
	long sum = 0;

	for (unsigned int cpu = 0; cpu < sys->ncpus; cpu++)
		sum += sys->css_refs[cpu * sys->css_stride + memcg->index];
	return sum;
}
