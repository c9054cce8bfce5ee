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
		     const char *scheme, const char *layout,
		     unsigned int threads, const char *size_dist,
		     unsigned int queue_depth, bool bounce, unsigned int nareas,
		     unsigned long nslabs, const char *kconfig,
		     const char *area_layout)
{
	snprintf(buf, len, "%s|%s|%s|%u|%s|%u|%d|%u|%lu|%s|%s", workload,
		 scheme ? scheme : "", layout, threads, size_dist, queue_depth,
		 bounce ? 1 : 0, nareas, nslabs, kconfig, area_layout);
}

static void name_config(const struct swtlb_bench_opts *o,
			const struct swtlb_bench_plan *plan,
			struct swtlb_bench_config *c)
{
	const char *kc = swtlb_bench_kconfig_name(c->kconfig);
	const char *al = swtlb_bench_area_layout_name(c->area_layout);

	if (c->scheme)
		snprintf(c->name, sizeof(c->name),
			 "swiotlb/%s/%s/t:%u/bounce:%d/%s/%s/sizes:%s/qd:%u/"
			 "nareas:%u/nslabs:%lu",
			 c->scheme_name, c->layout, c->threads, c->bounce, kc,
			 al, o->sizes_spec, o->queue_depth, plan->nareas,
			 plan->nslabs);
	else
		snprintf(c->name, sizeof(c->name),
			 "harness/%s/t:%u/sizes:%s/qd:%u", c->layout,
			 c->threads, o->sizes_spec, o->queue_depth);
	swtlb_bench_key(c->key, sizeof(c->key), c->workload, c->scheme_name,
			c->layout, c->threads, o->sizes_spec, o->queue_depth,
			c->bounce, plan->nareas, plan->nslabs, kc, al);
}

/* Placements of `threads` threads on `layout`, with their CPU list. */
static int place(const struct swtlb_topo *topo, const char *layout,
		 unsigned int threads, struct swtlb_bench_config *c, char *err,
		 size_t errlen)
{
	unsigned int cpus[4096], nodes[4096], nnodes = 0;

	c->place = calloc(threads, sizeof(*c->place));
	if (!c->place || threads > 4096) {
		snprintf(err, errlen, "out of memory planning %u threads",
			 threads);
		return -1;
	}
	if (swtlb_layout_plan(topo, layout, threads, false, c->place, err,
			      errlen))
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

		if (t > capacity) {
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
	bool harness = o->workload == SWTLB_WORKLOAD_HARNESS;
	unsigned int ns = harness ? 1 : o->nschemes;
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

			c->scheme = harness ? NULL : o->schemes[is];
			/* The harness has no pool: "none" (no accounting), told
			 * apart by its workload. */
			c->scheme_name = c->scheme ? c->scheme->name : "none";
			c->workload = harness ? "harness" : "swiotlb";
			c->layout = k->layout;
			c->threads = tl[it];
			c->bounce = k->bounce;
			c->kconfig = k->kconfig;
			c->area_layout = k->area_layout;
			if (place(topo, k->layout, c->threads, c, why,
				  sizeof(why))) {
				free(c->place);
				c->place = NULL;
				snprintf(err, errlen, "--layouts %s: %s",
					 k->layout, why);
				return -1;
			}
			name_config(o, plan, c);
			plan->nconfigs++;
		}
	}
	return 0;
}

int swtlb_bench_plan_build(const struct swtlb_bench_opts *o,
			   const struct swtlb_topo *topo,
			   struct swtlb_bench_plan *plan, char *err,
			   size_t errlen)
{
	bool harness = o->workload == SWTLB_WORKLOAD_HARNESS;
	/* The harness has no pool: one kconfig, area layout and no bounce. */
	unsigned int nk = harness ? 1 : o->nkconfigs;
	unsigned int na = harness ? 1 : o->narea_layouts;
	unsigned int nb = harness ? 1 : o->nbounce;
	unsigned int ns = harness ? 1 : o->nschemes;
	size_t max = (size_t)nk * na * nb * o->nlayouts * o->nthreads * ns;

	memset(plan, 0, sizeof(*plan));
	plan->possible_cpus = swtlb_bench_possible_cpus();
	plan->ncpus = swtlb_topo_max_cpu(topo);
	swtlb_bench_geometry(plan->possible_cpus, o->nareas, o->nslabs,
			     &plan->nslabs, &plan->nareas);
	if (swtlb_geometry_check(plan->nslabs, plan->nareas, err, errlen))
		return -1;
	plan->configs = calloc(max ? max : 1, sizeof(*plan->configs));
	if (!plan->configs) {
		snprintf(err, errlen, "out of memory planning %zu runs", max);
		return -1;
	}
	for (unsigned int i = 0; i < nk * na * nb * o->nlayouts; i++) {
		struct combo k;
		unsigned int r = i;

		/* Layout innermost, then bounce, area layout, kconfig. */
		k.layout = o->layouts[r % o->nlayouts];
		r /= o->nlayouts;
		k.bounce = harness ? false : o->bounce[r % nb];
		r /= nb;
		k.area_layout = o->area_layouts[r % na];
		r /= na;
		k.kconfig = o->kconfigs[r];
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
	memset(plan, 0, sizeof(*plan));
}
