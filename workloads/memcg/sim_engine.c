/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/sim_engine.c: one deterministic memcg simulation run
 * (see sim_engine.h). The same seed gives every scheme the same operations: the
 * schemes only change what memory.peak reports, never which charges
 * succeed (the counters have no limits here).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workloads/memcg/memcg.h"
#include "workloads/memcg/sim_engine.h"

struct held_charge {
	unsigned int leaf; /* memcg index */
	unsigned int pages;
};

struct sim {
	const struct memcg_sim_params *p;
	struct memcg_system sys;
	unsigned int nleaves, first_leaf;
	struct held_charge *held; /* ncpus x inflight */
	unsigned int *nheld;	  /* per CPU */
	uint64_t *subtree, *peak; /* per memcg index */
	uint64_t rng;
	struct memcg_sim_result *res;
};

static uint64_t rnd(struct sim *s)
{
	return swtlb_sizes_rand(&s->rng);
}

/* root, then each level's memcgs in order: leaves are the last nleaves. */
static int build_tree(struct sim *s)
{
	unsigned int level_first = 0, level_n = 1;

	if (!memcg_create(&s->sys, NULL, PAGE_COUNTER_MAX, 0))
		return -1;
	for (unsigned int d = 0; d < s->p->depth; d++) {
		unsigned int next_first = s->sys.nmemcgs;

		for (unsigned int i = 0; i < level_n; i++)
			for (unsigned int f = 0; f < s->p->fanout; f++)
				if (!memcg_create(
					&s->sys, s->sys.memcgs[level_first + i],
					PAGE_COUNTER_MAX, s->sys.nmemcgs))
					return -1;
		level_first = next_first;
		level_n *= s->p->fanout;
	}
	s->first_leaf = level_first;
	s->nleaves = level_n;
	return 0;
}

static void truth_add(struct sim *s, unsigned int leaf, int64_t delta)
{
	for (struct mem_cgroup *m = s->sys.memcgs[leaf]; m; m = m->parent) {
		s->subtree[m->index] += (uint64_t)delta;
		if (s->subtree[m->index] > s->peak[m->index])
			s->peak[m->index] = s->subtree[m->index];
	}
}

static void do_charge(struct sim *s, unsigned int cpu)
{
	unsigned int j = (unsigned int)(rnd(s) % s->p->leaves_per_cpu);
	unsigned int leaf =
	    s->first_leaf + (cpu * s->p->leaves_per_cpu + j) % s->nleaves;
	size_t bytes = swtlb_sizes_draw(&s->p->sizes, &s->rng);
	unsigned int pages = (unsigned int)((bytes + 4095) / 4096);
	struct memcg_charge_out o;

	s->res->charges++;
	if (memcg_try_charge_traced(&s->sys, cpu, s->sys.memcgs[leaf],
				    MEMCG_GFP_NOWAIT, pages, &o)) {
		s->res->refused++;
		return;
	}
	if (o.how == MEMCG_CHARGED_STOCK)
		s->res->stock_hits++;
	s->held[cpu * s->p->inflight + s->nheld[cpu]++] =
	    (struct held_charge){leaf, pages};
	truth_add(s, leaf, pages);
}

static void do_free(struct sim *s, unsigned int cpu)
{
	struct held_charge *mine = &s->held[cpu * s->p->inflight];
	unsigned int k = (unsigned int)(rnd(s) % s->nheld[cpu]);
	struct held_charge h = mine[k];
	unsigned int how = (unsigned int)(rnd(s) % 100);
	struct mem_cgroup *m = s->sys.memcgs[h.leaf];

	mine[k] = mine[--s->nheld[cpu]];
	truth_add(s, h.leaf, -(int64_t)h.pages);
	if (how < s->p->direct_pct) {
		memcg_uncharge(&s->sys, m, h.pages); /* folio: uncharge_batch */
		return;
	}
	if (how < s->p->direct_pct + s->p->remote_pct && s->p->ncpus > 1)
		cpu = (cpu + 1 + (unsigned int)(rnd(s) % (s->p->ncpus - 1))) %
		      s->p->ncpus; /* freed where another CPU runs */
	memcg_uncharge_stock(&s->sys, cpu, m, h.pages);
}

static void sample(struct sim *s)
{
	for (unsigned int k = 0; k < s->sys.nmemcgs; k++) {
		struct swtlb_scheme_ctx *ctx = &s->sys.memcgs[k]->wm;

		if (ctx->ops->periodic)
			ctx->ops->periodic(ctx);
	}
}

static void run_ops(struct sim *s)
{
	const struct memcg_sim_params *p = s->p;

	for (unsigned long op = 0; op < p->ops; op++) {
		unsigned int cpu = (unsigned int)(op % p->ncpus);
		unsigned int n = s->nheld[cpu];
		unsigned long usage;

		if (n == 0 || (n < p->inflight && rnd(s) % 2))
			do_charge(s, cpu);
		else
			do_free(s, cpu);
		usage = page_counter_read(&s->sys.memcgs[0]->memory);
		if (usage > s->res->root_usage_max)
			s->res->root_usage_max = usage;
		if (p->sample_ops && (op + 1) % p->sample_ops == 0)
			sample(s);
	}
}

static uint64_t stock_bound(struct sim *s, unsigned int idx)
{
	unsigned int stockable = 0;

	for (unsigned int k = 1; k < s->sys.nmemcgs; k++)
		if (mem_cgroup_is_descendant(s->sys.memcgs[k],
					     s->sys.memcgs[idx]))
			stockable++;
	if (stockable > NR_MEMCG_STOCK)
		stockable = NR_MEMCG_STOCK;
	return (uint64_t)s->p->ncpus * stockable * s->p->batch;
}

static void summarise(struct sim *s)
{
	struct memcg_sim_result *res = s->res;
	unsigned long w = 0;

	res->nmemcgs = s->sys.nmemcgs;
	res->nleaves = s->nleaves;
	res->has_peak = memcg_peak(s->sys.memcgs[0], &w);
	res->root_true = s->peak[0];
	res->root_peak = w;
	res->root_bound = stock_bound(s, 0);
	res->worst_over = INT64_MIN;
	for (unsigned int k = 1; res->has_peak && k < s->sys.nmemcgs; k++) {
		int64_t over;

		memcg_peak(s->sys.memcgs[k], &w);
		over = (int64_t)w - (int64_t)s->peak[k];
		if (over > res->worst_over) {
			res->worst_over = over;
			res->worst_id = s->sys.memcgs[k]->id;
			res->worst_bound = stock_bound(s, k);
		}
	}
}

int memcg_sim_run(const struct memcg_sim_params *p,
		  const struct swtlb_scheme_ops *scheme,
		  struct memcg_sim_result *res, char *err, size_t errlen)
{
	struct sim s = {.p = p, .rng = p->seed, .res = res};
	int rc = -1;

	memset(res, 0, sizeof(*res));
	if (memcg_system_init(&s.sys, p->ncpus, p->batch, p->v1, scheme, err,
			      errlen))
		return -1;
	if (build_tree(&s)) {
		snprintf(err, errlen, "cannot build %u levels of %u memcgs",
			 p->depth, p->fanout);
		goto out;
	}
	s.held = calloc((size_t)p->ncpus * p->inflight, sizeof(*s.held));
	s.nheld = calloc(p->ncpus, sizeof(*s.nheld));
	s.subtree = calloc(s.sys.nmemcgs, sizeof(*s.subtree));
	s.peak = calloc(s.sys.nmemcgs, sizeof(*s.peak));
	if (!s.held || !s.nheld || !s.subtree || !s.peak) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	run_ops(&s);
	summarise(&s);
	rc = 0;
out:
	free(s.held);
	free(s.nheld);
	free(s.subtree);
	free(s.peak);
	memcg_system_fini(&s.sys);
	return rc;
}
