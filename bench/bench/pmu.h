/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/pmu.h: the events of --events, encoded for perf_event_open.
 *
 * A list names generic events (the perf tool's names: cycles,
 * cache-misses, ...) and libpfm4 event strings (MODEL::EVENT:UMASK:mods,
 * e.g. MEM_LOAD_L3_HIT_RETIRED:XSNP_HITM), encoded with
 * pfm_get_os_event_encoding(PFM_OS_PERF_EVENT_EXT), user space only unless
 * the string says otherwise. `default` stands for the coherence events
 * chosen for the core PMU libpfm4 detects (docs/pmu.md says which and
 * why); `none` for no events. Hardware events are split into groups no
 * larger than the number of generic counters libpfm4 reports for their
 * PMU, so one group never needs more counters than exist.
 */
#ifndef SWTLB_BENCH_PMU_H
#define SWTLB_BENCH_PMU_H

#include <linux/perf_event.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define SWTLB_PMU_MAX_EVENTS 24
#define SWTLB_PMU_NAME_MAX   96

struct swtlb_pmu_event {
	char name[SWTLB_PMU_NAME_MAX]; /* as listed */
	char pmu[32];		       /* libpfm4 PMU, "generic" for ours */
	struct perf_event_attr attr;
	unsigned int group; /* index of the group it is opened in */
};

struct swtlb_pmu_events {
	unsigned int n, ngroups;
	struct swtlb_pmu_event ev[SWTLB_PMU_MAX_EVENTS];
	/* The core PMU libpfm4 detected ("" if none), and why `default`
	 * chose nothing, if it did not ("" otherwise). */
	char core_pmu[32];
	int core_counters; /* its generic counters, 0 if unknown */
	char default_note[160];
};

/*
 * Parses and encodes LIST (comma-separated; `default`, `none`, generic
 * names, libpfm4 strings). 0 on success; -1 with one line in err naming
 * the event at fault. Initialises libpfm4 on first use (LIBPFM_FORCE_PMU
 * is honoured, as libpfm4 does).
 */
int swtlb_pmu_events_parse(const char *list, struct swtlb_pmu_events *out,
			   char *err, size_t len);

/* One line per event ("event NAME pmu=P group=G type=T config=0x..."),
 * after a "pmu" line naming the detected core PMU and its counters. */
void swtlb_pmu_events_print(FILE *f, const struct swtlb_pmu_events *ev);

/* The coherence events chosen for a libpfm4 core PMU name, NULL-ended;
 * NULL when there is no entry for it. */
const char *const *swtlb_pmu_defaults(const char *pmu);

/* Every PMU name that has defaults, NULL-ended (for tests and docs). */
const char *const *swtlb_pmu_default_models(void);

#endif /* SWTLB_BENCH_PMU_H */
