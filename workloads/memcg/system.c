/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/system.c: building the memcg tree and the per-CPU stocks
 * (mem_cgroup_css_alloc()'s counter setup, page-counter-path.md 2.1).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counters/schemes.h"
#include "workloads/memcg/memcg.h"

int memcg_system_init(struct memcg_system *sys, unsigned int ncpus,
		      unsigned int batch, bool v1,
		      const struct swtlb_scheme_ops *wm_ops, char *err,
		      size_t errlen)
{
	memset(sys, 0, sizeof(*sys));
	sys->wm_ops = wm_ops ? wm_ops : &swtlb_scheme_racy_max;
	if (!swtlb_scheme_serves(sys->wm_ops, SWTLB_SERVES_MEMCG)) {
		snprintf(err, errlen,
			 "scheme %s does not serve the memcg workload",
			 sys->wm_ops->name);
		return -EINVAL;
	}
	sys->pc = page_counter_fns_find(sys->wm_ops->hooks ? sys->wm_ops->hooks
							   : "indirect");
	if (!sys->pc) {
		snprintf(err, errlen,
			 "scheme %s: no memcg hook set \"%s\" "
			 "(workloads/memcg/hook_sets.def)",
			 sys->wm_ops->name, sys->wm_ops->hooks);
		return -EINVAL;
	}
	sys->wm_params = (struct swtlb_scheme_params){
	    .ncpus = ncpus, .batch = batch, .period_us = 1000, .enabled = true};
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

void memcg_system_hooks_indirect(struct memcg_system *sys)
{
	sys->pc = page_counter_fns_find("indirect");
}

void memcg_system_fini(struct memcg_system *sys)
{
	for (unsigned int i = 0; i < sys->nmemcgs; i++) {
		swtlb_scheme_ctx_fini(&sys->memcgs[i]->wm);
		free(sys->memcgs[i]);
	}
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

/*
 * The scheme's view of one counter: one shard, the counter itself, with no
 * lock (page_counter is lockless; its usage is the only figure).
 */
static void view_nolock(void *arg, unsigned int shard)
{
	(void)arg;
	(void)shard;
}

static unsigned long view_used(void *arg, unsigned int shard)
{
	(void)shard;
	return page_counter_read(arg);
}

static unsigned long view_total(void *arg)
{
	return page_counter_read(arg);
}

static int memcg_attach_scheme(struct memcg_system *sys,
			       struct mem_cgroup *memcg)
{
	struct swtlb_shard_view view = {
	    .nshards = 1,
	    .capacity = (unsigned long)PAGE_COUNTER_MAX,
	    .arg = &memcg->memory,
	    .lock = view_nolock,
	    .unlock = view_nolock,
	    .used = view_used,
	    .total = view_total,
	};
	char err[200];

	return swtlb_scheme_ctx_init(
	    &memcg->wm, sys->wm_ops, SWTLB_SERVES_MEMCG, &view,
	    &memcg->memory.usage, (atomic_long *)&memcg->memory.watermark,
	    &sys->wm_params, err, sizeof(err));
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
	if (memcg_attach_scheme(sys, memcg)) {
		free(memcg);
		return NULL;
	}
	sys->memcgs[sys->nmemcgs++] = memcg;
	return memcg;
}

bool memcg_peak(struct mem_cgroup *memcg, unsigned long *out)
{
	return memcg->wm.ops->hiwater &&
	       memcg->wm.ops->hiwater(&memcg->wm, out);
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
