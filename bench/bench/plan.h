/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/plan.h: the configurations a swtlb-bench run measures.
 *
 * Every combination of the workload's parameter settings x kconfig x area
 * layout x bounce x layout x threads x scheme is one configuration (only
 * over the dimensions the workload declares); each runs --reps times. Thread
 * placements come from the topology's layout plan; the pool geometry is the
 * kernel's (auto) or the user's, rounded as the kernel rounds `swiotlb=`.
 */
#ifndef SWTLB_BENCH_PLAN_H
#define SWTLB_BENCH_PLAN_H

#include "bench/bench/opts.h"
#include "topology/topology.h"

struct swtlb_bench_config {
	const struct swtlb_workload_ops *wl;
	const char *workload;		       /* wl->name */
	const void *wparams;		       /* wl->parse()'s result */
	const char *workload_params;	       /* "key=value;...", or "" */
	const struct swtlb_scheme_ops *scheme; /* NULL without schemes */
	const char *scheme_name;	       /* "none" without schemes */
	const char *layout;
	unsigned int threads;
	struct swtlb_placement *place; /* threads entries */
	char cpus[512];		       /* compressed OS CPU list */
	unsigned int numa_nodes;
	bool bounce;
	enum swtlb_kconfig kconfig;
	enum swtlb_area_layout area_layout;
	/* Where the scheme's periodic() runs: "none" (it has none), "worker0"
	 * (in worker 0's loop), "cpu:N" (a thread on spare CPU N), "ticker"
	 * (--ticker on). periodic_cpu is N, or -1. */
	char periodic_on[24];
	int periodic_cpu;
	/* --src-set as given, "" for a workload that never bounces */
	const char *src_set;
	char name[768]; /* Google Benchmark family name, without the rep */
	char key[768];	/* the CSV columns that identify it (resume) */
};

/* One combination of the workload's --param settings. */
struct swtlb_bench_param_set {
	void *params; /* wl->parse()'s result, or NULL */
	char cell[256];
};

struct swtlb_bench_plan {
	const struct swtlb_workload_ops *wl;
	struct swtlb_bench_config *configs;
	unsigned int nconfigs;
	struct swtlb_bench_param_set *psets;
	unsigned int npsets;
	unsigned int possible_cpus;
	unsigned int ncpus; /* largest OS CPU id + 1 */
	unsigned long nslabs;
	unsigned int nareas;
	/* Bounce source buffers of each thread (--src-set): count x stride
	 * bytes; 0 x 0 when no configuration bounces. */
	size_t src_stride;
	unsigned int src_count;
	/* CPUs the host lets us use (for a spare CPU), in plan order. */
	unsigned int *allowed;
	unsigned int nallowed;
};

/* Possible CPUs of this host (/sys/devices/system/cpu/possible). */
unsigned int swtlb_bench_possible_cpus(void);
/* The pool geometry: auto (0) values take the kernel's default for
 * possible_cpus; given values are rounded as `swiotlb=<slabs>,<areas>`. */
void swtlb_bench_geometry(unsigned int possible_cpus, unsigned int nareas,
			  unsigned long nslabs, unsigned long *out_nslabs,
			  unsigned int *out_nareas);
/* The resume key of one row's identifying cells. */
void swtlb_bench_key(char *buf, size_t len, const char *workload,
		     const char *workload_params, const char *scheme,
		     const char *layout, unsigned int threads,
		     const char *size_dist, unsigned int queue_depth,
		     bool bounce, unsigned int nareas, unsigned long nslabs,
		     const char *kconfig, const char *area_layout,
		     const char *src_set);

/* The CSV cells of the swiotlb pool (nareas, nslabs, kconfig,
 * area_layout); unknown (empty) for a workload without SWTLB_DIM_POOL. */
struct swtlb_bench_pool_cells {
	bool known;
	unsigned int nareas;
	unsigned long nslabs;
	const char *kconfig, *area_layout; /* NULL when unknown */
};
void swtlb_bench_pool_cells(const struct swtlb_bench_plan *plan,
			    const struct swtlb_bench_config *c,
			    struct swtlb_bench_pool_cells *out);

/* The size_dist cell: the --sizes spec, NULL (empty) for a workload that
 * does not draw its units from it. */
const char *swtlb_bench_size_cell(const struct swtlb_bench_opts *o,
				  const struct swtlb_bench_config *c);

/* 0, or -1 with a one-line reason. Combinations a layout cannot place are
 * skipped with a note on stderr. */
int swtlb_bench_plan_build(const struct swtlb_bench_opts *o,
			   const struct swtlb_topo *topo,
			   struct swtlb_bench_plan *plan, char *err,
			   size_t errlen);
void swtlb_bench_plan_free(struct swtlb_bench_plan *plan);

const char *swtlb_bench_kconfig_name(enum swtlb_kconfig k);
const char *swtlb_bench_area_layout_name(enum swtlb_area_layout l);

#endif /* SWTLB_BENCH_PLAN_H */
