// SPDX-License-Identifier: GPL-2.0-only
/*
 * workloads/memcg/memcg_workload.c: the memcg workload for the runner
 * (workloads/workload.h), an adapter over workloads/memcg/bench.h.
 *
 * One unit is a charge+uncharge pair: get charges the drawn size, rounded
 * up to pages, to the worker's leaf with try_charge_memcg(GFP_NOWAIT) on
 * its CPU; put uncharges it through the stock (param free=stock: kmem and
 * socket memory, refill_stock) or straight to the counters (free=direct:
 * folios, uncharge_batch). The scheme is memory.peak's (docs/memcg.md);
 * used/hiwater report the root memcg's memory.current and memory.peak.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workloads/loop.h"
#include "workloads/memcg/bench.h"
#include "workloads/workload.h"

#define MEMCG_PAGE_SHIFT 12

struct memcg_wl_params {
	unsigned int depth, fanout, cpus_per_cgroup, batch;
	bool v1;
	enum memcg_free_mode free_mode;
};

/*
 * One run: the tree and stocks, and which CPUs have a worker. The stock of
 * a CPU is only safe with one worker on it (the kernel disables
 * preemption; a userspace thread sharing the CPU id would race on it).
 */
struct memcg_run {
	struct memcg_bench b; /* first: ctx is also a struct memcg_bench * */
	atomic_uchar *claimed;
};

/* A worker's pages per slot (0: empty), on lines no other thread writes. */
struct memcg_wl_thread {
	_Alignas(64) unsigned int *pages;
};

static const struct swtlb_workload_param memcg_params[] = {
    {"depth", "2", "levels of memcgs below the root (1..6)"},
    {"fanout", "2", "children per memcg (1..16)"},
    {"cpus_per_cgroup", "1", "CPUs whose tasks share one leaf (1..64)"},
    {"batch", "64", "MEMCG_CHARGE_BATCH in pages (1..127)"},
    {"cgroup", "v2", "v2 (protection tracked) or v1 (failcnt counted)"},
    {"free", "direct", "direct (folio uncharge) or stock (refill_stock)"},
    {NULL, NULL, NULL},
};

static int param_num(const char *key, const char *text, unsigned int lo,
		     unsigned int hi, unsigned int *out, char *err,
		     size_t errlen)
{
	char *end;
	unsigned long v;

	if (text[0] < '0' || text[0] > '9')
		goto bad;
	v = strtoul(text, &end, 10);
	if (*end || v < lo || v > hi)
		goto bad;
	*out = (unsigned int)v;
	return 0;
bad:
	snprintf(err, errlen, "memcg: %s must be %u..%u", key, lo, hi);
	return -1;
}

static void *memcg_parse(const char *const *values, char *err, size_t errlen)
{
	struct memcg_wl_params *p = calloc(1, sizeof(*p));

	if (!p) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (param_num("depth", values[0], 1, 6, &p->depth, err, errlen) ||
	    param_num("fanout", values[1], 1, 16, &p->fanout, err, errlen) ||
	    param_num("cpus_per_cgroup", values[2], 1, 64, &p->cpus_per_cgroup,
		      err, errlen) ||
	    param_num("batch", values[3], 1, 127, &p->batch, err, errlen))
		goto fail;
	if (strcmp(values[4], "v1") && strcmp(values[4], "v2")) {
		snprintf(err, errlen, "memcg: cgroup must be v1 or v2");
		goto fail;
	}
	p->v1 = values[4][1] == '1';
	if (!strcmp(values[5], "direct")) {
		p->free_mode = MEMCG_FREE_DIRECT;
	} else if (!strcmp(values[5], "stock")) {
		p->free_mode = MEMCG_FREE_STOCK;
	} else {
		snprintf(err, errlen, "memcg: free must be direct or stock");
		goto fail;
	}
	return p;
fail:
	free(p);
	return NULL;
}

static void *memcg_create_run(const struct swtlb_workload_setup *s, char *err,
			      size_t errlen)
{
	const struct memcg_wl_params *wp = s->params;
	struct memcg_bench_params p = {
	    .ncpus = s->ncpus,
	    .depth = wp->depth,
	    .fanout = wp->fanout,
	    .cpus_per_cgroup = wp->cpus_per_cgroup,
	    .batch = wp->batch,
	    .v1 = wp->v1,
	    .free_mode = wp->free_mode,
	    .scheme = s->scheme,
	};
	struct memcg_run *run =
	    aligned_alloc(64, (sizeof(*run) + 63) / 64 * 64);

	if (!run) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (memcg_bench_create(&run->b, &p, err, errlen)) {
		free(run);
		return NULL;
	}
	run->claimed = calloc(s->ncpus, sizeof(*run->claimed));
	if (!run->claimed) {
		snprintf(err, errlen, "out of memory");
		memcg_bench_destroy(&run->b);
		free(run);
		return NULL;
	}
	return run;
}

static void memcg_destroy_run(void *ctx)
{
	struct memcg_run *run = ctx;

	memcg_bench_destroy(&run->b);
	free(run->claimed);
	free(run);
}

/* The root's context: the periodic thread samples memory.peak there. */
static struct swtlb_scheme_ctx *memcg_scheme_ctx(void *ctx)
{
	struct memcg_bench *b = ctx;

	return &b->sys.memcgs[0]->wm;
}

static void *memcg_thread_prepare(void *ctx,
				  const struct swtlb_workload_thread_setup *t,
				  char *err, size_t errlen)
{
	struct memcg_run *run = ctx;
	struct memcg_wl_thread *w;

	if (t->cpu >= run->b.sys.ncpus ||
	    atomic_exchange(&run->claimed[t->cpu], 1)) {
		snprintf(err, errlen,
			 "memcg: two workers on CPU %u (the per-CPU stock "
			 "needs one worker per CPU)",
			 t->cpu);
		return NULL;
	}
	w = aligned_alloc(64, 64);
	if (w)
		w->pages = calloc(t->queue_depth, sizeof(*w->pages));
	if (!w || !w->pages) {
		free(w);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	return w;
}

static void memcg_thread_release(void *ctx, void *thr)
{
	struct memcg_wl_thread *w = thr;

	(void)ctx;
	if (w)
		free(w->pages);
	free(w);
}

/* get: try_charge_memcg(leaf, GFP_NOWAIT, pages) on cpu. */
static inline bool memcg_get(void *ctx, void *thr, unsigned int cpu,
			     unsigned int slot, size_t size)
{
	struct memcg_wl_thread *w = thr;
	unsigned int pages =
	    (unsigned int)((size + (1U << MEMCG_PAGE_SHIFT) - 1) >>
			   MEMCG_PAGE_SHIFT);

	if (memcg_bench_get(ctx, cpu, pages))
		return false;
	w->pages[slot] = pages;
	return true;
}

/* put: the uncharge; nothing if the charge failed. */
static inline void memcg_put(void *ctx, void *thr, unsigned int cpu,
			     unsigned int slot)
{
	struct memcg_wl_thread *w = thr;

	if (!w->pages[slot])
		return;
	memcg_bench_put(ctx, cpu, w->pages[slot]);
	w->pages[slot] = 0;
}

static inline long memcg_truth_units(void *ctx, void *thr, unsigned int slot)
{
	const struct memcg_wl_thread *w = thr;

	(void)ctx;
	return w->pages[slot];
}

SWTLB_WORKLOAD_LOOP(memcg, memcg_get, memcg_put)
SWTLB_WORKLOAD_LOOP_TRUTH(memcg, memcg_get, memcg_put, memcg_truth_units)

static int memcg_check(void *ctx, char *err, size_t errlen)
{
	return memcg_bench_check(ctx, err, errlen);
}

static bool memcg_used(void *ctx, unsigned long *out)
{
	struct memcg_bench *b = ctx;

	*out = page_counter_read(&b->sys.memcgs[0]->memory);
	return true;
}

static bool memcg_hiwater(void *ctx, unsigned long *out)
{
	struct memcg_bench *b = ctx;

	return memcg_peak(b->sys.memcgs[0], out);
}

extern const struct swtlb_sim_model swtlb_sim_memcg; /* sim.c */

const struct swtlb_workload_ops swtlb_workload_memcg = {
    .name = "memcg",
    .summary = "try_charge_memcg -> per-CPU stock -> page_counter tree -> "
	       "uncharge",
    .unit = "charge+uncharge pair",
    .count_unit = "pages",
    .dims = SWTLB_DIM_SCHEMES | SWTLB_DIM_SIZES,
    .serves = SWTLB_SERVES_MEMCG,
    .max_size = 512UL << MEMCG_PAGE_SHIFT, /* a 2 MiB THP */
    .params = memcg_params,
    .parse = memcg_parse,
    .params_free = free,
    .create = memcg_create_run,
    .destroy = memcg_destroy_run,
    .scheme_ctx = memcg_scheme_ctx,
    .thread_prepare = memcg_thread_prepare,
    .thread_release = memcg_thread_release,
    .get = memcg_get,
    .put = memcg_put,
    .truth_units = memcg_truth_units,
    .loop = memcg_loop,
    .loop_truth = memcg_loop_truth,
    .check = memcg_check,
    .used = memcg_used,
    .hiwater = memcg_hiwater,
    .sim = &swtlb_sim_memcg,
};
