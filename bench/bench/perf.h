/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/perf.h: per-thread perf_event_open counters for the measured
 * loop.
 *
 * Each worker thread opens, for itself only (pid 0, any CPU), one group of
 * hardware events (cycles, instructions, cache-misses, L1D read misses, LLC
 * read misses; user space only) and two software events on their own fds
 * (context switches, CPU migrations; these count in the kernel, so they are
 * opened without exclude_kernel). All start disabled and are enabled around
 * the measured loop only. Values are read with TOTAL_TIME_ENABLED/RUNNING
 * and scaled when the kernel multiplexed them.
 *
 * An event that cannot be opened is unknown (an empty CSV cell), never 0;
 * swtlb_perf_explain() says why in one line.
 */
#ifndef SWTLB_BENCH_PERF_H
#define SWTLB_BENCH_PERF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum swtlb_perf_event {
	SWTLB_PERF_CYCLES,
	SWTLB_PERF_INSTRUCTIONS,
	SWTLB_PERF_CACHE_MISSES,
	SWTLB_PERF_L1D_READ_MISSES,
	SWTLB_PERF_LLC_READ_MISSES,
	SWTLB_PERF_CONTEXT_SWITCHES,
	SWTLB_PERF_CPU_MIGRATIONS,
	SWTLB_PERF_NEVENTS,
};
/* Events before this index are hardware events (the group). */
#define SWTLB_PERF_NHW SWTLB_PERF_CONTEXT_SWITCHES

/* Marks an event that opened but was never scheduled on the PMU. */
#define SWTLB_PERF_ENEVER (-1)

struct swtlb_perf {
	int fd[SWTLB_PERF_NEVENTS];
	int err[SWTLB_PERF_NEVENTS]; /* errno of the failed open, else 0 */
	int leader;		     /* event index leading the group, or -1 */
	/* Position of each hw event in the group read, or -1. */
	int group_pos[SWTLB_PERF_NHW];
	unsigned int group_n;
};

struct swtlb_perf_values {
	bool known[SWTLB_PERF_NEVENTS];
	bool scaled[SWTLB_PERF_NEVENTS]; /* multiplexed and scaled */
	int err[SWTLB_PERF_NEVENTS];	 /* why unknown (errno or ENEVER) */
	double value[SWTLB_PERF_NEVENTS];
};

/* Opens every event for the calling thread, disabled. Never fails: events
 * that cannot be opened are recorded in p->err. */
void swtlb_perf_open(struct swtlb_perf *p);
void swtlb_perf_close(struct swtlb_perf *p);
/* Reset and start / stop every open event. */
void swtlb_perf_enable(struct swtlb_perf *p);
void swtlb_perf_disable(struct swtlb_perf *p);
void swtlb_perf_read(const struct swtlb_perf *p, struct swtlb_perf_values *v);

/* Sums per-thread values: an event is known only if known in every thread
 * (a partial sum would be wrong). sum must be zeroed before the first call
 * with first = true. */
void swtlb_perf_accumulate(struct swtlb_perf_values *sum,
			   const struct swtlb_perf_values *one, bool first);
/* "hw", "multiplexed", "sw-only" or "none". */
const char *swtlb_perf_status(const struct swtlb_perf_values *v);

/* "cycles", "instructions", ... */
const char *swtlb_perf_event_name(enum swtlb_perf_event ev);
/* One line: why event ev is unknown, given its err, with the remedy. */
void swtlb_perf_explain(enum swtlb_perf_event ev, int err, char *buf,
			size_t len);

#endif /* SWTLB_BENCH_PERF_H */
