/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/body.h: one measured run (a configuration x one rep).
 *
 * The body is registered with Google Benchmark as one fixed iteration with
 * manual time, on cfg->threads threads. Every thread pins itself to its
 * planned CPU and prepares its state outside the timed region; thread 0
 * creates the workload's context (and places the scheme's periodic work,
 * periodic.h); each thread then prepares its part of the workload and
 * fills its queue. The loop itself is the workload's (workloads/loop.h).
 * All workers then meet at a barrier and run until the shared stop flag is
 * raised (as will-it-scale and lockhammer do), so every thread contends
 * for the whole window. There is no timekeeper thread: the loop calls the
 * runner's tick every SWTLB_WORKLOAD_TICK_ROUNDS rounds, which reads the
 * clock, raises the flag when --min-time is over (counted from when the
 * last worker entered the window) and runs periodic() when due on worker 0
 * (tick_sched.h). Each body runs on a thread created bound to its CPU
 * (pinned.h). Ops, wall time, counters and involuntary
 * context switches come from the threads themselves.
 */
#ifndef SWTLB_BENCH_BODY_H
#define SWTLB_BENCH_BODY_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bench/bench/bounce_mem.h"
#include "bench/bench/gbench.h"
#include "bench/bench/perf.h"
#include "bench/bench/placed.h"
#include "bench/bench/plan.h"

/* What every run shares, read-only while runs go on. */
struct swtlb_bench_env {
	const struct swtlb_bench_opts *opts;
	const struct swtlb_bench_plan *plan;
	const struct swtlb_topo *topo;
	struct swtlb_mem_policy *mem;	     /* bounce memory placement */
	struct swtlb_bounce_mem *bounce_mem; /* kept between runs, or NULL */
	atomic_int *interrupted;	     /* set by SIGINT/SIGTERM */
	struct swtlb_mem_policy *meta;	     /* io_tlb_mem, areas, slots */
};

/* One worker's results, on cache lines of its own. */
struct swtlb_bench_thread_result {
	_Alignas(64) uint64_t ops;
	uint64_t failures;
	int64_t start_ns, end_ns;
	uint64_t nivcsw; /* involuntary context switches in the window */
	bool nivcsw_known;
	struct swtlb_perf_values perf;
};

struct swtlb_truth_log;

enum swtlb_bench_phase {
	SWTLB_PHASE_PREPARED,
	SWTLB_PHASE_FILLED,
	SWTLB_PHASE_WINDOW_END,
	SWTLB_PHASE_DRAINED,
	SWTLB_PHASE_TORN_DOWN,
	SWTLB_BENCH_NPHASES,
};

struct swtlb_bench_run {
	const struct swtlb_bench_env *env;
	const struct swtlb_bench_config *cfg;
	unsigned int rep;
	/* main.c: its place in the order runs go, and whether
	 * --benchmark_filter lets it run. */
	unsigned int index;
	bool selected;
	pthread_barrier_t workers;	       /* cfg->threads */
	pthread_barrier_t start;	       /* cfg->threads */
	struct swtlb_bench_thread_result *res; /* cfg->threads entries */

	/* Written by thread 0 (setup/teardown) only. */
	void *ctx; /* the workload's, from create() */
	/* escrow-tier's groups (context.c), or NULL */
	struct swtlb_shard_place *area_places;
	void *periodic;		 /* --ticker on: counters/periodic.c's thread */
	void *spare_ticker;	 /* periodic() on a spare CPU (periodic.c) */
	bool periodic_inline;	 /* periodic() in worker 0's loop */
	atomic_bool interrupted; /* a worker stopped early: no row */
	bool hiwater_known;
	uint64_t hiwater;
	bool truth_known; /* --truth: the certain peak (lo) */
	uint64_t truth;
	bool truth_hi_known; /* and the possible one (hi) */
	uint64_t truth_hi;
	char truth_note[256];	    /* why the truth is unknown, if it is */
	struct swtlb_placed placed; /* where the pool's pages were */
	struct swtlb_truth_log **truth_logs; /* cfg->threads entries */
	struct swtlb_perf_values perf;	     /* summed over threads */

	/* When things happened (monotonic ns), for --phases: Google
	 * Benchmark's threads entering the body, first and last; then, as
	 * thread 0 saw them, every thread prepared and the context built, the
	 * queues filled (its window opens), its window closed, every queue
	 * drained and the counters read, the context torn down. */
	_Atomic int64_t entered_first, entered_last;
	int64_t phase_ns[SWTLB_BENCH_NPHASES];
	_Atomic int64_t
	    stop_raised_ns; /* by the first worker whose time was up */

	atomic_int failed;
	pthread_mutex_t error_lock;
	char error[256];

	/* The only line written during the measured window: at its end, by
	 * the workers whose time is up. */
	_Alignas(64) atomic_int stop;
	char stop_pad[64 - sizeof(atomic_int)];
	/* Workers that have entered the window, and when the last did: the
	 * --min-time window counts from then (written once each, at the
	 * start; with more threads than CPUs the last may first run a second
	 * after the barrier). */
	_Alignas(64) atomic_uint started;
	_Atomic int64_t all_started_ns; /* 0 until every worker started */
};

struct swtlb_bench_run *
swtlb_bench_run_new(const struct swtlb_bench_env *env,
		    const struct swtlb_bench_config *cfg, unsigned int rep);
void swtlb_bench_run_free(struct swtlb_bench_run *run);

/* The Google Benchmark body; arg is a struct swtlb_bench_run. */
void swtlb_bench_body(struct swtlb_gb_state *st, void *arg);

/* One line for --phases: how long each part of a run took, in ms. */
void swtlb_bench_phases_format(const struct swtlb_bench_run *run, char *buf,
			       size_t len);

/* Records the run's first error; the run then produces no row. */
void swtlb_bench_fail(struct swtlb_bench_run *run, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Monotonic nanoseconds. */
int64_t swtlb_bench_now_ns(void);

#endif /* SWTLB_BENCH_BODY_H */
