// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/plan.c: expand options into configurations. */
#include "bench/bench/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>

#include "bench/common/csv.h"

const char *swtlb_bench_kconfig_name(enum swtlb_kconfig k)
{
	return k == SWTLB_DYNAMIC_ON ? "dynamic-on" : "dynamic-off";
}

const char *swtlb_bench_area_layout_name(enum swtlb_area_layout l)
{
	return l == SWTLB_AREAS_PADDED ? "padded" : "packed";
}

unsigned int swtlb_bench_possible_cpus(void)
{
	FILE *f = fopen("/sys/devices/system/cpu/possible", "r");
	unsigned int count = 0, lo, hi;
	char sep;

	if (f) {
		/* "0-7", "0", "0-3,8-11" */
		while (fscanf(f, "%u", &lo) == 1) {
			hi = lo;
			if (fscanf(f, "%c", &sep) == 1 && sep == '-') {
				if (fscanf(f, "%u", &hi) != 1)
					break;
				if (fscanf(f, "%c", &sep) != 1)
					sep = '\n';
			}
			count += hi >= lo ? hi - lo + 1 : 0;
			if (sep != ',')
				break;
		}
		fclose(f);
	}
	if (count == 0)
		count = (unsigned int)get_nprocs_conf();
	return count ? count : 1;
}

static bool is_pow2(unsigned long n)
{
	return n && !(n & (n - 1));
}

static unsigned long pow2_up(unsigned long n)
{
	unsigned long p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

void swtlb_bench_geometry(unsigned int possible_cpus, unsigned int nareas,
			  unsigned long nslabs, unsigned long *out_nslabs,
			  unsigned int *out_nareas)
{
	unsigned long slabs, areas;

	if (!nareas && !nslabs) {
		swtlb_default_geometry(possible_cpus, out_nslabs, out_nareas);
		return;
	}
	/* setup_io_tlb_npages(): slabs rounded up to a whole segment. */
	slabs = nslabs ? (nslabs + IO_TLB_SEGSIZE - 1) / IO_TLB_SEGSIZE *
			     IO_TLB_SEGSIZE
		       : IO_TLB_DEFAULT_SIZE >> IO_TLB_SHIFT;
	/* swiotlb_adjust_nareas() with the given or the possible CPUs. */
	areas = nareas ? nareas : possible_cpus;
	areas = areas ? pow2_up(areas) : 1;
	/* round_up_default_nslabs() */
	if (slabs < IO_TLB_SEGSIZE * areas)
		slabs = IO_TLB_SEGSIZE * areas;
	else if (!is_pow2(slabs))
		slabs = pow2_up(slabs);
	/* limit_nareas() */
	if (slabs < areas * IO_TLB_SEGSIZE)
		areas = slabs / IO_TLB_SEGSIZE;
	*out_nslabs = slabs;
	*out_nareas = (unsigned int)areas;
}

void swtlb_bench_key(char *buf, size_t len, const char *workload,
		     const char *workload_params, const char *scheme,
		     const char *layout, unsigned int threads,
		     const char *size_dist, unsigned int queue_depth,
		     bool bounce, unsigned int nareas, unsigned long nslabs,
		     const char *kconfig, const char *area_layout,
		     const char *src_set)
{
	snprintf(buf, len, "%s|%s|%s|%s|%u|%s|%u|%d|%u|%lu|%s|%s|%s", workload,
		 workload_params ? workload_params : "", scheme ? scheme : "",
		 layout, threads, size_dist, queue_depth, bounce ? 1 : 0,
		 nareas, nslabs, kconfig ? kconfig : "",
		 area_layout ? area_layout : "", src_set ? src_set : "");
}

/* The pool cells of a configuration: empty for a workload without one. */
void swtlb_bench_pool_cells(const struct swtlb_bench_plan *plan,
			    const struct swtlb_bench_config *c,
			    struct swtlb_bench_pool_cells *out)
{
	bool pool = c->wl->dims & SWTLB_DIM_POOL;

	out->known = pool;
	out->nareas = pool ? plan->nareas : 0;
	out->nslabs = pool ? plan->nslabs : 0;
	out->kconfig = pool ? swtlb_bench_kconfig_name(c->kconfig) : NULL;
	out->area_layout =
	    pool ? swtlb_bench_area_layout_name(c->area_layout) : NULL;
}

const char *swtlb_bench_size_cell(const struct swtlb_bench_opts *o,
				  const struct swtlb_bench_config *c)
{
	return c->wl->dims & SWTLB_DIM_SIZES ? o->sizes_spec : NULL;
}

static void name_config(const struct swtlb_bench_opts *o,
			const struct swtlb_bench_plan *plan,
			struct swtlb_bench_config *c)
{
	bool schemes = c->wl->dims & SWTLB_DIM_SCHEMES;
	const char *sizes = swtlb_bench_size_cell(o, c);
	struct swtlb_bench_pool_cells pc;
	size_t n;

	swtlb_bench_pool_cells(plan, c, &pc);
	if (pc.known)
		n = (size_t)snprintf(
		    c->name, sizeof(c->name),
		    "%s/%s/%s/t:%u/bounce:%d/%s/%s/sizes:%s/qd:%u/"
		    "nareas:%u/nslabs:%lu/src:%s",
		    c->workload, c->scheme_name, c->layout, c->threads,
		    c->bounce, pc.kconfig, pc.area_layout, sizes ? sizes : "-",
		    o->queue_depth, plan->nareas, plan->nslabs, c->src_set);
	else
		n = (size_t)snprintf(
		    c->name, sizeof(c->name), "%s/%s%s%s/t:%u%s%s/qd:%u",
		    c->workload, schemes ? c->scheme_name : "",
		    schemes ? "/" : "", c->layout, c->threads,
		    sizes ? "/sizes:" : "", sizes ? sizes : "", o->queue_depth);
	if (c->workload_params[0] && n < sizeof(c->name))
		snprintf(c->name + n, sizeof(c->name) - n, "/%s",
			 c->workload_params);
	swtlb_bench_key(c->key, sizeof(c->key), c->workload, c->workload_params,
			c->scheme_name, c->layout, c->threads,
			sizes ? sizes : "", o->queue_depth, c->bounce,
			pc.nareas, pc.nslabs, pc.kconfig, pc.area_layout,
			c->src_set);
}

/* Where the configuration's periodic work runs (see tick_sched.h). */
static void place_periodic(const struct swtlb_bench_opts *o,
			   const struct swtlb_bench_plan *plan,
			   struct swtlb_bench_config *c)
{
	unsigned int used[4096];

	c->periodic_cpu = -1;
	if (o->ticker) {
		strcpy(c->periodic_on, "ticker");
		return;
	}
	if (!c->scheme || !c->scheme->periodic) {
		strcpy(c->periodic_on, "none");
		return;
	}
	for (unsigned int i = 0; i < c->threads; i++)
		used[i] = c->place[i].cpu;
	c->periodic_cpu = swtlb_tick_pick_cpu(o->periodic_on, plan->allowed,
					      plan->nallowed, used, c->threads);
	if (c->periodic_cpu < 0)
		strcpy(c->periodic_on, "worker0");
	else
		snprintf(c->periodic_on, sizeof(c->periodic_on), "cpu:%d",
			 c->periodic_cpu);
}

/* Every CPU the host lets us use: the compact layout holds them all. */
static int list_allowed(const struct swtlb_topo *topo,
			struct swtlb_bench_plan *plan, char *err, size_t errlen)
{
	struct swtlb_placement *all;
	unsigned int cap;

	if (swtlb_layout_capacity(topo, "compact", &cap, err, errlen))
		return -1;
	all = calloc(cap ? cap : 1, sizeof(*all));
	plan->allowed = calloc(cap ? cap : 1, sizeof(*plan->allowed));
	if (!all || !plan->allowed ||
	    swtlb_layout_plan(topo, "compact", cap, false, all, err, errlen)) {
		if (!all || !plan->allowed)
			snprintf(err, errlen, "out of memory listing CPUs");
		free(all);
		return -1;
	}
	for (unsigned int i = 0; i < cap; i++)
		plan->allowed[i] = all[i].cpu;
	plan->nallowed = cap;
	free(all);
	return 0;
}

/* The bounce source set each thread holds: checked here, before any run,
 * so a set that cannot be held fails the command, not each run. */
static int plan_src_set(const struct swtlb_bench_opts *o,
			struct swtlb_bench_plan *plan, char *err, size_t errlen)
{
	bool bounces = (o->workload->dims & SWTLB_DIM_BOUNCE) &&
		       (o->bounce[0] || (o->nbounce > 1 && o->bounce[1]));

	if (!bounces)
		return 0;
	return swtlb_src_set_layout(&o->src_set, swtlb_sizes_max(&o->sizes),
				    o->queue_depth, &plan->src_stride,
				    &plan->src_count, err, errlen);
}

/* Placements of `threads` threads on `layout`, with their CPU list. */
static int place(const struct swtlb_topo *topo, const char *layout,
		 unsigned int threads, bool oversubscribe,
		 struct swtlb_bench_config *c, char *err, size_t errlen)
{
	unsigned int cpus[4096], nodes[4096], nnodes = 0;

	c->place = calloc(threads, sizeof(*c->place));
	if (!c->place || threads > 4096) {
		snprintf(err, errlen, "out of memory planning %u threads",
			 threads);
		return -1;
	}
	if (swtlb_layout_plan(topo, layout, threads, oversubscribe, c->place,
			      err, errlen))
		return -1;
	for (unsigned int i = 0; i < threads; i++) {
		bool seen = false;

		cpus[i] = c->place[i].cpu;
		for (unsigned int k = 0; k < nnodes; k++)
			seen = seen || nodes[k] == c->place[i].numa;
		if (!seen)
			nodes[nnodes++] = c->place[i].numa;
	}
	swtlb_cpus_compress(cpus, threads, c->cpus, sizeof(c->cpus));
	c->numa_nodes = nnodes;
	return 0;
}

/* Thread counts for one layout: 'max' resolved, duplicates and counts the
 * layout cannot place dropped (with a note). */
static unsigned int layout_threads(const struct swtlb_bench_opts *o,
				   const char *layout, unsigned int capacity,
				   unsigned int *out)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < o->nthreads; i++) {
		unsigned int t = o->threads[i] == SWTLB_BENCH_THREADS_MAX
				     ? capacity
				     : o->threads[i];
		bool dup = false;

		if (t > capacity && !o->oversubscribe) {
			fprintf(stderr,
				"swtlb-bench: note: layout %s places at most "
				"%u threads; skipping %u\n",
				layout, capacity, t);
			continue;
		}
		for (unsigned int k = 0; k < n; k++)
			dup = dup || out[k] == t;
		if (!dup)
			out[n++] = t;
	}
	return n;
}

/* One combination of kconfig, area layout and bounce, on one layout: a
 * configuration per thread count and scheme. */
struct combo {
	const struct swtlb_bench_param_set *pset;
	enum swtlb_kconfig kconfig;
	enum swtlb_area_layout area_layout;
	bool bounce;
	const char *layout;
};

static int add_layout_configs(const struct swtlb_bench_opts *o,
			      const struct swtlb_topo *topo,
			      const struct combo *k,
			      struct swtlb_bench_plan *plan, char *err,
			      size_t errlen)
{
	bool schemes = o->workload->dims & SWTLB_DIM_SCHEMES;
	unsigned int ns = schemes ? o->nschemes : 1;
	unsigned int cap, tl[SWTLB_BENCH_MAX_LIST], nt;
	char why[400];

	if (swtlb_layout_capacity(topo, k->layout, &cap, why, sizeof(why))) {
		snprintf(err, errlen, "--layouts %s: %s", k->layout, why);
		return -1;
	}
	nt = layout_threads(o, k->layout, cap, tl);
	for (unsigned int it = 0; it < nt; it++) {
		for (unsigned int is = 0; is < ns; is++) {
			struct swtlb_bench_config *c =
			    &plan->configs[plan->nconfigs];

			c->wl = o->workload;
			c->workload = o->workload->name;
			c->wparams = k->pset->params;
			c->workload_params = k->pset->cell;
			c->scheme = schemes ? o->schemes[is] : NULL;
			/* No accounting: "none", told apart by workload. */
			c->scheme_name = c->scheme ? c->scheme->name : "none";
			c->layout = k->layout;
			c->threads = tl[it];
			c->bounce = k->bounce;
			c->kconfig = k->kconfig;
			c->area_layout = k->area_layout;
			if (place(topo, k->layout, c->threads, o->oversubscribe,
				  c, why, sizeof(why))) {
				free(c->place);
				c->place = NULL;
				snprintf(err, errlen, "--layouts %s: %s",
					 k->layout, why);
				return -1;
			}
			c->src_set = c->wl->dims & SWTLB_DIM_BOUNCE
					 ? o->src_set.text
					 : "";
			name_config(o, plan, c);
			place_periodic(o, plan, c);
			plan->nconfigs++;
		}
	}
	return 0;
}

/* Every combination of the --param settings: a key given several times is
 * swept, in the order given. */
static int plan_params(const struct swtlb_bench_opts *o,
		       struct swtlb_bench_plan *plan, char *err, size_t errlen)
{
	const struct swtlb_workload_ops *w = o->workload;
	const char *keyed[SWTLB_BENCH_MAX_LIST][SWTLB_BENCH_MAX_LIST];
	const char *pick[SWTLB_BENCH_MAX_LIST],
	    *values[SWTLB_WORKLOAD_MAX_PARAMS];
	unsigned int nkeys = 0, nk[SWTLB_BENCH_MAX_LIST] = {0}, total = 1;

	for (unsigned int i = 0; i < o->nparams; i++) {
		const char *p = o->params[i];
		size_t kl = strcspn(p, "=");
		unsigned int k = 0;

		while (k < nkeys &&
		       (strncmp(keyed[k][0], p, kl) || keyed[k][0][kl] != '='))
			k++;
		if (k == nkeys)
			nkeys++;
		keyed[k][nk[k]++] = p;
	}
	for (unsigned int k = 0; k < nkeys; k++)
		total *= nk[k]; /* at most 64 settings: no overflow */
	plan->psets = calloc(total, sizeof(*plan->psets));
	if (!plan->psets)
		return snprintf(err, errlen, "out of memory"), -1;
	for (unsigned int i = 0; i < total; i++) {
		struct swtlb_bench_param_set *ps = &plan->psets[i];

		for (unsigned int k = 0, r = i; k < nkeys; r /= nk[k], k++)
			pick[k] = keyed[k][r % nk[k]];
		if (swtlb_workload_params_resolve(w, pick, nkeys, values,
						  ps->cell, sizeof(ps->cell),
						  err, errlen))
			return -1;
		plan->npsets++;
		if (w->parse && !(ps->params = w->parse(values, err, errlen)))
			return -1;
		if (w->params_cell)
			w->params_cell(ps->params, ps->cell, sizeof(ps->cell));
	}
	return 0;
}

int swtlb_bench_plan_build(const struct swtlb_bench_opts *o,
			   const struct swtlb_topo *topo,
			   struct swtlb_bench_plan *plan, char *err,
			   size_t errlen)
{
	unsigned int dims = o->workload->dims;
	/* Only the dimensions the workload declares are expanded. */
	unsigned int nk = dims & SWTLB_DIM_KCONFIG ? o->nkconfigs : 1;
	unsigned int na = dims & SWTLB_DIM_AREA_LAYOUT ? o->narea_layouts : 1;
	unsigned int nb = dims & SWTLB_DIM_BOUNCE ? o->nbounce : 1;
	unsigned int ns = dims & SWTLB_DIM_SCHEMES ? o->nschemes : 1;
	size_t max;

	memset(plan, 0, sizeof(*plan));
	plan->wl = o->workload;
	/* The kernel sizes areas by num_possible_cpus(): this host's, or for
	 * another host's topology (--dry-run) the CPUs it numbers. */
	plan->possible_cpus = swtlb_topo_is_host(topo)
				  ? swtlb_bench_possible_cpus()
				  : swtlb_topo_max_cpu(topo);
	plan->ncpus = swtlb_topo_max_cpu(topo);
	swtlb_bench_geometry(plan->possible_cpus, o->nareas,
			     swtlb_nslabs_request(&o->nslabs, o->nareas),
			     &plan->nslabs, &plan->nareas);
	if ((dims & SWTLB_DIM_POOL) &&
	    swtlb_geometry_check(plan->nslabs, plan->nareas, err, errlen))
		return -1;
	if (plan_src_set(o, plan, err, errlen) ||
	    list_allowed(topo, plan, err, errlen))
		goto fail;
	if (plan_params(o, plan, err, errlen))
		goto fail;
	max = (size_t)plan->npsets * nk * na * nb * o->nlayouts * o->nthreads *
	      ns;
	plan->configs = calloc(max ? max : 1, sizeof(*plan->configs));
	if (!plan->configs) {
		snprintf(err, errlen, "out of memory planning %zu runs", max);
		goto fail;
	}
	for (size_t i = 0; i < max / o->nthreads / ns; i++) {
		struct combo k;
		size_t r = i;

		/* Layout innermost, then bounce, area layout, kconfig,
		 * parameters. */
		k.layout = o->layouts[r % o->nlayouts];
		r /= o->nlayouts;
		k.bounce = dims & SWTLB_DIM_BOUNCE ? o->bounce[r % nb] : false;
		r /= nb;
		k.area_layout = o->area_layouts[r % na];
		r /= na;
		k.kconfig = o->kconfigs[r % nk];
		r /= nk;
		k.pset = &plan->psets[r];
		if (add_layout_configs(o, topo, &k, plan, err, errlen))
			goto fail;
	}
	if (plan->nconfigs == 0) {
		snprintf(err, errlen,
			 "nothing to run: no thread count fits the layouts");
		goto fail;
	}
	return 0;
fail:
	swtlb_bench_plan_free(plan);
	return -1;
}

void swtlb_bench_plan_free(struct swtlb_bench_plan *plan)
{
	for (unsigned int i = 0; i < plan->nconfigs; i++)
		free(plan->configs[i].place);
	free(plan->configs);
	for (unsigned int i = 0; plan->psets && i < plan->npsets; i++)
		if (plan->psets[i].params)
			plan->wl->params_free(plan->psets[i].params);
	free(plan->psets);
	free(plan->allowed);
	memset(plan, 0, sizeof(*plan));
}
