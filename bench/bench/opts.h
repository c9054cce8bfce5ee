/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/opts.h: swtlb-bench command-line options.
 *
 * Parsing only checks the form of each value (lists, numbers, names); what
 * depends on the host (topology, layouts, capacity) is checked when the
 * configurations are planned (plan.h).
 */
#ifndef SWTLB_BENCH_OPTS_H
#define SWTLB_BENCH_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "bench/bench/pmu.h"
#include "bench/bench/pool_size.h"
#include "bench/bench/tick_sched.h"
#include "bench/common/sizes.h"
#include "counters/scheme.h"
#include "pool/swiotlb.h"
#include "workloads/src_set.h"
#include "workloads/workload.h"

#define SWTLB_BENCH_MAX_LIST 64
/* Sizes pre-generated per thread (a power of two: the loop cycles through
 * them) and so the deepest queue: the first fill takes one size a slot. */
#define SWTLB_BENCH_SIZES_PER_THREAD 4096U
#define SWTLB_BENCH_MAX_QUEUE_DEPTH  SWTLB_BENCH_SIZES_PER_THREAD
/* Thread count meaning "as many as the layout can place". */
#define SWTLB_BENCH_THREADS_MAX 0U

struct swtlb_bench_opts {
	const struct swtlb_scheme_ops *schemes[SWTLB_BENCH_MAX_LIST];
	unsigned int nschemes;
	bool schemes_all; /* "all": those that serve the workload */
	char layouts[SWTLB_BENCH_MAX_LIST][64];
	unsigned int nlayouts;
	unsigned int threads[SWTLB_BENCH_MAX_LIST]; /* THREADS_MAX = max */
	unsigned int nthreads;
	char sizes_spec[256];
	struct swtlb_size_dist sizes;
	unsigned int queue_depth;
	bool bounce[2];
	unsigned int nbounce;
	unsigned int nareas;		 /* 0: auto */
	struct swtlb_nslabs_spec nslabs; /* auto, slots or coco:MEM */
	enum swtlb_kconfig kconfigs[2];
	unsigned int nkconfigs;
	enum swtlb_area_layout area_layouts[2];
	unsigned int narea_layouts;
	char pool_mem[64];
	char topology[512];
	unsigned int reps;
	double min_time; /* seconds of measured wall time per run */
	char out[4096];	 /* "" or "-": stdout */
	bool resume;
	bool truth;
	unsigned int sample_us; /* scheme params.period_us */
	unsigned int batch;	/* 0: the kernel's percpu_counter_batch */
	/* --ticker on: the old thread waking every --sample-us beside worker
	 * 0 (a named variant, off: it only perturbs). */
	bool ticker;
	enum swtlb_tick_where periodic_on; /* where periodic() runs */
	struct swtlb_src_set_spec src_set; /* bounce source buffers */
	const struct swtlb_workload_ops *workload;
	/* --param KEY=VALUE, as given (argv strings); a key given several
	 * times is swept. */
	const char *params[SWTLB_BENCH_MAX_LIST];
	unsigned int nparams;
	/* Issue 12: hand-off pre-flight, hot-line placement, host facts. */
	unsigned int handoff_ms; /* budget per pair; 0 = no pre-flight */
	/* --handoff-each rep: the pre-flight again before every rep's runs
	 * (a bimodal host changes between reps); run: once, at the start. */
	bool handoff_per_rep;
	char meta_mem[64];	/* boot | local | node:N | interleave */
	bool bounce_huge;	/* --bounce-pages huge */
	bool host_facts;	/* print them and exit */
	char host_root[1024];	/* where sysfs/procfs are read ("/") */
	char events_spec[1024]; /* --events, as given (default "default") */
	struct swtlb_pmu_events events; /* encoded, with their groups */
	bool list_events;
	bool oversubscribe; /* more threads than the layout's CPUs: wrap */
	bool phases;	    /* a line per run: how long each part took */
	bool list_schemes;
	bool list_workloads;
	bool dry_run;
	bool help;
};

/*
 * Fills o from argv[1..argc-1] (Google Benchmark's own flags already
 * removed). 0, or -1 with a one-line message naming the flag and value.
 * --benchmark_min_time and --benchmark_repetitions are accepted here as
 * synonyms of --min-time and --reps (each run is one fixed-time iteration).
 */
int swtlb_bench_parse(int argc, char **argv, struct swtlb_bench_opts *o,
		      char *err, size_t errlen);
void swtlb_bench_usage(FILE *f);
/* usage.c: --list-schemes and --list-workloads on stdout. */
void swtlb_bench_list_schemes(void);
void swtlb_bench_list_workloads(void);
/*
 * usage.c: --help must win over Google Benchmark (which would print its
 * own), and --benchmark_min_time / --benchmark_repetitions are ours: takes
 * them out of argv (into ours) before it sees them; peeks at the filter.
 * Returns argv's new count.
 */
int swtlb_bench_split_args(int argc, char **argv, char **ours, int *nours,
			   const char **filter);
/* Every option at its default (usage.c, beside the text that states them). */
void swtlb_bench_defaults(struct swtlb_bench_opts *o);

#endif /* SWTLB_BENCH_OPTS_H */
