/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/common/csv.h: the results CSV (docs/csv.md, schema version 2).
 *
 * Every writer of results (swtlb-bench, swtlb-sim) goes through this file so
 * the header and the quoting exist once. A row is written whole with one
 * write() and fsync'd, so an interrupted run leaves every finished row intact.
 */
#ifndef SWTLB_BENCH_CSV_H
#define SWTLB_BENCH_CSV_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bench/common/host_facts.h"

#define SWTLB_CSV_SCHEMA_VERSION 2

/* A value that may be unknown: an unknown value is an EMPTY cell. */
struct swtlb_opt_u64 {
	bool known;
	uint64_t v;
};
struct swtlb_opt_f64 {
	bool known;
	double v;
};

struct swtlb_host_meta {
	char run_id[96];
	char host[64];
	char cpu_model[128];
	char kernel[64];
	char git_rev[48];
	struct swtlb_host_facts facts; /* issue 12: cpufreq, SMT, ... */
};

struct swtlb_csv_row {
	const struct swtlb_host_meta *meta;
	const char *workload;
	const char *scheme;
	const char *layout;
	unsigned int threads;
	const char *cpus; /* compressed ranges joined by '+' */
	unsigned int numa_nodes;
	struct swtlb_opt_u64 nareas, nslabs; /* unknown: no swiotlb pool */
	const char *size_dist;
	unsigned int queue_depth;
	bool bounce;
	const char *kconfig;	 /* "dynamic-off" / "dynamic-on"; NULL: none */
	const char *area_layout; /* "packed" / "padded"; NULL: none */
	unsigned int rep;
	uint64_t iterations;
	uint64_t wall_ns;
	struct swtlb_opt_f64 cycles_per_op, instructions_per_op,
	    cache_misses_per_op, l1d_misses_per_op, llc_misses_per_op;
	struct swtlb_opt_u64 context_switches, cpu_migrations;
	const char *counters_status; /* hw / sw-only / none / multiplexed */
	uint64_t map_failures;
	struct swtlb_opt_u64 hiwater_reported;
	struct swtlb_opt_u64 hiwater_truth; /* err_pct is derived from these */
	/* issue 10: the workload's parameters, "key=value;..." or "" */
	const char *workload_params;
	/* issue 11 (runner): NULL / unknown = empty cell. */
	const char *nslabs_spec;	    /* --nslabs as given */
	const char *src_set;		    /* --src-set as given */
	struct swtlb_opt_u64 src_set_bytes; /* per thread; bounce only */
	const char *periodic_on;	    /* none, worker0, cpu:N, ticker */
	struct swtlb_opt_u64 worker_nivcsw_sum, worker_nivcsw_max;

	/* Issue 12 (hand-off, fairness, placement; host facts from meta). */
	struct swtlb_opt_u64 ops_thread_min, ops_thread_max;
	struct swtlb_opt_f64 jain_index;
	struct swtlb_opt_f64 handoff_ns; /* the thread set's mean, one way */
	const char *handoff_pairs;	 /* "smt:0-16=35.2;cache:0-1=40.1" */
	const char *meta_mem;		 /* placement of io_tlb_mem & co */
	const char *meta_pages;		 /* where they are: "0:131" */
	const char *bounce_pages;	 /* where the bounce memory is */
	const char *bounce_page_size;	 /* "4k", "2m" */
	/* Issue 12, --events: the core PMU libpfm4 detected, then one entry
	 * per event joined by ';' (an unknown value is an empty entry). NULL
	 * or "": an empty cell. */
	const char *pmu;
	const char *pmu_events;
	const char *pmu_counts; /* raw counts summed over threads */
	const char *pmu_per_op; /* scaled counts / iterations */
	const char *pmu_scaled; /* 1: multiplexed in some thread and scaled */
};

/* The header line, without the newline. */
const char *swtlb_csv_header(void);
/* Fills meta (run_id from UTC time and host). git_rev "unknown" outside git. */
void swtlb_host_meta_fill(struct swtlb_host_meta *meta);
/* Formats one row with its '\n'; returns its length or -1 if too long. */
int swtlb_csv_format_row(const struct swtlb_csv_row *row, char *buf,
			 size_t len);
/* CPU list "0-3+8-11" from OS ids (any order, duplicates allowed). */
void swtlb_cpus_compress(const unsigned int *cpus, unsigned int n, char *buf,
			 size_t len);

#endif /* SWTLB_BENCH_CSV_H */
