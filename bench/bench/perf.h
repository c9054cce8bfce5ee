/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/perf.h: per-thread perf_event_open counters for the measured
 * loop.
 *
 * Each worker thread opens, for itself only (pid 0, any CPU), its events
 * in groups: the generic hardware events (cycles, instructions,
 * cache-misses, L1D read misses, LLC read misses; user space only), the
 * software events (context switches, CPU migrations; counted in the
 * kernel, so without exclude_kernel), then the --events list in the
 * groups bench/pmu.c chose (none larger than its PMU has counters). All
 * start disabled and are enabled around the measured loop only.
 *
 * Every group is read with PERF_FORMAT_GROUP | PERF_FORMAT_ID |
 * TOTAL_TIME_ENABLED | TOTAL_TIME_RUNNING: values are matched to events
 * by id, and a group the kernel multiplexed (running < enabled) is scaled
 * by enabled / running and marked scaled.
 *
 * An event that cannot be opened is unknown (an empty CSV cell), never 0;
 * swtlb_perf_explain() says why in one line. The system calls go through
 * bench/perf_sys.h, so tests can feed them.
 */
#ifndef SWTLB_BENCH_PERF_H
#define SWTLB_BENCH_PERF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bench/bench/pmu.h"

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
/* Events before this index are hardware events (the first group). */
#define SWTLB_PERF_NHW SWTLB_PERF_CONTEXT_SWITCHES
/* Slots: the fixed events, then the --events list (slot NEVENTS + i). */
#define SWTLB_PERF_MAX_SLOTS (SWTLB_PERF_NEVENTS + SWTLB_PMU_MAX_EVENTS)
/* Groups: the hardware group, the software group, then the list's. */
#define SWTLB_PERF_MAX_GROUPS (2 + SWTLB_PMU_MAX_EVENTS)

/* Marks an event that opened but was never scheduled on the PMU. */
#define SWTLB_PERF_ENEVER (-1)

struct swtlb_perf {
	const struct swtlb_pmu_events *extra; /* the --events list, or NULL */
	unsigned int nslots;
	int fd[SWTLB_PERF_MAX_SLOTS];
	int err[SWTLB_PERF_MAX_SLOTS]; /* errno of the failed open, else 0 */
	uint64_t id[SWTLB_PERF_MAX_SLOTS];
	int group[SWTLB_PERF_MAX_SLOTS];   /* group of each slot */
	int leader[SWTLB_PERF_MAX_GROUPS]; /* slot leading it, or -1 */
	unsigned int members[SWTLB_PERF_MAX_GROUPS]; /* opened in it */
	unsigned int ngroups;
};

struct swtlb_perf_values {
	unsigned int nslots;
	bool known[SWTLB_PERF_MAX_SLOTS];
	bool scaled[SWTLB_PERF_MAX_SLOTS];  /* multiplexed and scaled */
	bool hw[SWTLB_PERF_MAX_SLOTS];	    /* a hardware (PMU) event */
	int err[SWTLB_PERF_MAX_SLOTS];	    /* why unknown (errno or ENEVER) */
	double value[SWTLB_PERF_MAX_SLOTS]; /* scaled when multiplexed */
	uint64_t raw[SWTLB_PERF_MAX_SLOTS]; /* as read, unscaled */
};

/* Opens every event for the calling thread, disabled. Never fails: events
 * that cannot be opened are recorded in p->err. extra may be NULL. */
void swtlb_perf_open(struct swtlb_perf *p,
		     const struct swtlb_pmu_events *extra);
void swtlb_perf_close(struct swtlb_perf *p);
/* Reset and start / stop every open event. */
void swtlb_perf_enable(struct swtlb_perf *p);
void swtlb_perf_disable(struct swtlb_perf *p);
void swtlb_perf_read(const struct swtlb_perf *p, struct swtlb_perf_values *v);

/* Sums per-thread values: an event is known only if known in every thread
 * (a partial sum would be wrong). With first = true, sum becomes one. */
void swtlb_perf_accumulate(struct swtlb_perf_values *sum,
			   const struct swtlb_perf_values *one, bool first);
/* "hw", "multiplexed", "sw-only" or "none". */
const char *swtlb_perf_status(const struct swtlb_perf_values *v);

/* Name of a slot: "cycles", ..., then the --events names. */
const char *swtlb_perf_slot_name(const struct swtlb_pmu_events *extra,
				 unsigned int slot);
/* "cycles", "instructions", ... */
const char *swtlb_perf_event_name(enum swtlb_perf_event ev);
/* One line: why event ev is unknown, given its err, with the remedy. */
void swtlb_perf_explain(enum swtlb_perf_event ev, int err, char *buf,
			size_t len);
/* The same for any named event; hw picks the paranoid level to name. */
void swtlb_perf_explain_name(const char *name, bool hw, int err, char *buf,
			     size_t len);

/* The --events part of a row: names, raw counts, counts per op and
 * scaled flags, each list joined by ';' (an unknown count is an empty
 * entry). All "" when the list is empty. False if a buffer was short. */
struct swtlb_perf_cells {
	char events[SWTLB_PMU_MAX_EVENTS * SWTLB_PMU_NAME_MAX];
	char counts[SWTLB_PMU_MAX_EVENTS * 24];
	char per_op[SWTLB_PMU_MAX_EVENTS * 24];
	char scaled[SWTLB_PMU_MAX_EVENTS * 2];
};
bool swtlb_perf_cells(const struct swtlb_pmu_events *extra,
		      const struct swtlb_perf_values *v, uint64_t ops,
		      struct swtlb_perf_cells *out);

#endif /* SWTLB_BENCH_PERF_H */
