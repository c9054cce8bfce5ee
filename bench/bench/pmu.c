// SPDX-License-Identifier: GPL-2.0-only
/* bench/pmu.c: --events parsing and libpfm4 encoding (see pmu.h). */
#include "bench/bench/pmu.h"

#include <perfmon/pfmlib_perf_event.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

/*
 * Coherence events per libpfm4 core PMU: loads (Intel) or demand fills
 * (AMD) served by another core's cache. The names are libpfm4's own
 * (lib/events/); docs/pmu.md gives the reasons for each choice.
 */
struct pmu_defaults {
	const char *pmu;
	const char *const events[5];
};

#define HSW_HIT	   "MEM_LOAD_UOPS_L3_HIT_RETIRED"
#define HSW_MISS   "MEM_LOAD_UOPS_L3_MISS_RETIRED"
#define SKL_HIT	   "MEM_LOAD_L3_HIT_RETIRED"
#define SKL_MISS   "MEM_LOAD_L3_MISS_RETIRED"
#define ZEN3_FILLS "DEMAND_DATA_CACHE_FILLS_FROM_SYSTEM"

static const struct pmu_defaults defaults[] = {
    {"hsw", {HSW_HIT ":XSNP_HITM", HSW_HIT ":XSNP_HIT"}},
    {"bdw", {HSW_HIT ":XSNP_HITM", HSW_HIT ":XSNP_HIT"}},
    {"hsw_ep",
     {HSW_HIT ":XSNP_HITM", HSW_HIT ":XSNP_HIT", HSW_MISS ":REMOTE_HITM",
      HSW_MISS ":REMOTE_FWD"}},
    {"bdw_ep",
     {HSW_HIT ":XSNP_HITM", HSW_HIT ":XSNP_HIT", HSW_MISS ":REMOTE_HITM",
      HSW_MISS ":REMOTE_FWD"}},
    {"skl", {SKL_HIT ":XSNP_HITM", SKL_HIT ":XSNP_HIT"}},
    {"icl", {SKL_HIT ":XSNP_HITM", SKL_HIT ":XSNP_HIT"}},
    {"skx",
     {SKL_HIT ":XSNP_HITM", SKL_HIT ":XSNP_HIT", SKL_MISS ":REMOTE_HITM",
      SKL_MISS ":REMOTE_FWD"}},
    {"clx",
     {SKL_HIT ":XSNP_HITM", SKL_HIT ":XSNP_HIT", SKL_MISS ":REMOTE_HITM",
      SKL_MISS ":REMOTE_FWD"}},
    {"icx",
     {SKL_HIT ":XSNP_HITM", SKL_HIT ":XSNP_HIT", SKL_MISS ":REMOTE_HITM",
      SKL_MISS ":REMOTE_FWD"}},
    /* Sapphire Rapids renames HITM to FWD and HIT to NO_FWD. */
    {"spr",
     {SKL_HIT ":XSNP_FWD", SKL_HIT ":XSNP_NO_FWD", SKL_MISS ":REMOTE_HITM",
      SKL_MISS ":REMOTE_FWD"}},
    {"amd64_fam17h_zen2",
     {"DATA_CACHE_REFILLS_FROM_SYSTEM:LS_MABRESP_LCL_CACHE",
      "DATA_CACHE_REFILLS_FROM_SYSTEM:LS_MABRESP_RMT_CACHE"}},
    {"amd64_fam19h_zen3",
     {ZEN3_FILLS ":INT_CACHE", ZEN3_FILLS ":EXT_CACHE_LCL",
      ZEN3_FILLS ":EXT_CACHE_RMT"}},
    {"amd64_fam19h_zen4",
     {ZEN3_FILLS ":LOCAL_CCX", ZEN3_FILLS ":NEAR_CACHE_NEAR_FAR",
      ZEN3_FILLS ":FAR_CACHE_NEAR_FAR"}},
};
#define NDEFAULTS (sizeof(defaults) / sizeof(defaults[0]))

const char *const *swtlb_pmu_defaults(const char *pmu)
{
	for (size_t i = 0; i < NDEFAULTS; i++)
		if (!strcmp(defaults[i].pmu, pmu))
			return defaults[i].events;
	return NULL;
}

const char *const *swtlb_pmu_default_models(void)
{
	static const char *models[NDEFAULTS + 1];

	for (size_t i = 0; i < NDEFAULTS; i++)
		models[i] = defaults[i].pmu;
	models[NDEFAULTS] = NULL;
	return models;
}

/* The perf tool's generic names, encoded without libpfm4 so they work
 * even where libpfm4 knows no PMU (or a forced one hides its perf PMU). */
struct generic_event {
	const char *name;
	uint32_t type;
	uint64_t config;
};

#define HW_CACHE(cache, op, result)                                            \
	((uint64_t)(cache) | ((uint64_t)(op) << 8) | ((uint64_t)(result) << 16))

static const struct generic_event generic[] = {
    {"cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES},
    {"instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS},
    {"cache-references", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_REFERENCES},
    {"cache-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES},
    {"branch-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES},
    {"L1-dcache-load-misses", PERF_TYPE_HW_CACHE,
     HW_CACHE(PERF_COUNT_HW_CACHE_L1D, PERF_COUNT_HW_CACHE_OP_READ,
	      PERF_COUNT_HW_CACHE_RESULT_MISS)},
    {"LLC-load-misses", PERF_TYPE_HW_CACHE,
     HW_CACHE(PERF_COUNT_HW_CACHE_LL, PERF_COUNT_HW_CACHE_OP_READ,
	      PERF_COUNT_HW_CACHE_RESULT_MISS)},
    {"context-switches", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES},
    {"cpu-migrations", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS},
};

static bool encode_generic(const char *name, struct swtlb_pmu_event *ev)
{
	for (size_t i = 0; i < sizeof(generic) / sizeof(generic[0]); i++) {
		if (strcmp(generic[i].name, name))
			continue;
		memset(&ev->attr, 0, sizeof(ev->attr));
		ev->attr.size = sizeof(ev->attr);
		ev->attr.type = generic[i].type;
		ev->attr.config = generic[i].config;
		/* Software events happen in the kernel: count them there. */
		ev->attr.exclude_kernel = generic[i].type != PERF_TYPE_SOFTWARE;
		ev->attr.exclude_hv = 1;
		snprintf(ev->pmu, sizeof(ev->pmu), "generic");
		return true;
	}
	return false;
}

static int pfm_status = -1;
static pthread_once_t pfm_once = PTHREAD_ONCE_INIT;

static void pfm_init_once(void)
{
	pfm_status = pfm_initialize();
}

/*
 * Intel's general-purpose counters per logical CPU, from CPUID leaf 0xA
 * (0: not Intel-architectural, or unknown). libpfm4's model tables give
 * the count with SMT off (8 on Skylake, 16 on Ice Lake); with SMT on each
 * logical CPU has half, and a group sized for 8 could never be scheduled.
 */
static int cpuid_counters(void)
{
#if defined(__x86_64__) || defined(__i386__)
	unsigned int eax, ebx, ecx, edx;

	if (__get_cpuid(0, &eax, &ebx, &ecx, &edx) && eax >= 0xa &&
	    __get_cpuid(0xa, &eax, &ebx, &ecx, &edx) && (eax & 0xff) >= 1)
		return (int)((eax >> 8) & 0xff);
#endif
	return 0;
}

/* The first present core PMU and its generic counters (0: unknown). */
static void detect_core(char *name, size_t len, int *ncounters)
{
	*ncounters = 0;
	name[0] = '\0';
	for (int p = 0; p < PFM_PMU_MAX; p++) {
		pfm_pmu_info_t pi;

		memset(&pi, 0, sizeof(pi));
		pi.size = sizeof(pi);
		if (pfm_get_pmu_info(p, &pi) != PFM_SUCCESS || !pi.is_present ||
		    pi.type != PFM_PMU_TYPE_CORE)
			continue;
		snprintf(name, len, "%s", pi.name);
		*ncounters = pi.num_cntrs;
		/* Not when forced: this CPU is not the one libpfm4 acts as. */
		if (!getenv("LIBPFM_FORCE_PMU")) {
			int real = cpuid_counters();

			if (real > 0 && (*ncounters <= 0 || real < *ncounters))
				*ncounters = real;
		}
		return;
	}
}

/* Encodes a libpfm4 string; fills ev->pmu and the PMU's counters. */
static int encode_pfm(const char *name, struct swtlb_pmu_event *ev,
		      int *ncounters, char *err, size_t len)
{
	pfm_perf_encode_arg_t arg;
	pfm_event_info_t ei;
	pfm_pmu_info_t pi;
	int ret;

	if (pfm_status != PFM_SUCCESS) {
		snprintf(err, len, "--events: %s: libpfm4 did not start (%s)",
			 name, pfm_strerror(pfm_status));
		return -1;
	}
	memset(&ev->attr, 0, sizeof(ev->attr));
	memset(&arg, 0, sizeof(arg));
	arg.size = sizeof(arg);
	arg.attr = &ev->attr;
	/* User space only unless the string's own :k/:u says otherwise. */
	ret = pfm_get_os_event_encoding(name, PFM_PLM3, PFM_OS_PERF_EVENT_EXT,
					&arg);
	if (ret != PFM_SUCCESS) {
		snprintf(err, len, "--events: %s: %s (libpfm4)", name,
			 pfm_strerror(ret));
		return -1;
	}
	ev->attr.size = sizeof(ev->attr);
	memset(&ei, 0, sizeof(ei));
	ei.size = sizeof(ei);
	memset(&pi, 0, sizeof(pi));
	pi.size = sizeof(pi);
	*ncounters = 0;
	snprintf(ev->pmu, sizeof(ev->pmu), "unknown");
	if (pfm_get_event_info(arg.idx, PFM_OS_PERF_EVENT_EXT, &ei) ==
		PFM_SUCCESS &&
	    pfm_get_pmu_info(ei.pmu, &pi) == PFM_SUCCESS) {
		snprintf(ev->pmu, sizeof(ev->pmu), "%s", pi.name);
		*ncounters = pi.num_cntrs;
	}
	return 0;
}

/* Letters, digits and the separators of libpfm4 strings only: names end
 * up in CSV cells and on terminals. */
static bool valid_name(const char *s, size_t n)
{
	if (n == 0 || n >= SWTLB_PMU_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || strchr("_:.=-", c);

		if (!ok || c == '\0')
			return false;
	}
	return true;
}

/* How many events one group of ev's kind may hold. */
static unsigned int group_capacity(const struct swtlb_pmu_event *ev,
				   int ncounters, int core_counters)
{
	if (ev->attr.type == PERF_TYPE_SOFTWARE)
		return SWTLB_PMU_MAX_EVENTS; /* no counter limit */
	if (ncounters > 0)
		return (unsigned int)ncounters;
	/* Generic events run on the core PMU; unknown: one at a time. */
	return core_counters > 0 ? (unsigned int)core_counters : 1;
}

struct open_group {
	char pmu[32];
	bool software;
	unsigned int index, used, capacity;
};

/* Puts ev in the last group of its PMU if it has room, else a new one. */
static void assign_group(struct swtlb_pmu_events *out,
			 struct swtlb_pmu_event *ev, unsigned int capacity,
			 struct open_group *groups, unsigned int *ngroups)
{
	bool software = ev->attr.type == PERF_TYPE_SOFTWARE;

	for (unsigned int g = *ngroups; g-- > 0;) {
		struct open_group *og = &groups[g];

		if (strcmp(og->pmu, ev->pmu) || og->software != software)
			continue;
		if (og->used < og->capacity) {
			og->used++;
			ev->group = og->index;
			return;
		}
		break;
	}
	snprintf(groups[*ngroups].pmu, sizeof(groups[*ngroups].pmu), "%s",
		 ev->pmu);
	groups[*ngroups].software = software;
	groups[*ngroups].index = out->ngroups;
	groups[*ngroups].used = 1;
	groups[*ngroups].capacity = capacity;
	(*ngroups)++;
	ev->group = out->ngroups++;
}

static int add_event(struct swtlb_pmu_events *out, const char *name, size_t n,
		     int core_counters, struct open_group *groups,
		     unsigned int *ngroups, char *err, size_t len)
{
	struct swtlb_pmu_event *ev;
	int ncounters = 0;

	if (!valid_name(name, n)) {
		snprintf(err, len,
			 "--events: '%.*s' is no event name (letters, digits "
			 "and _:.=- only, at most %d characters)",
			 (int)(n < 40 ? n : 40), name, SWTLB_PMU_NAME_MAX - 1);
		/* Printable ASCII only: the name reaches a terminal. */
		for (char *c = err; *c; c++)
			if ((unsigned char)*c < 0x20 ||
			    (unsigned char)*c >= 0x7f)
				*c = '?';
		return -1;
	}
	if (out->n == SWTLB_PMU_MAX_EVENTS) {
		snprintf(err, len, "--events: more than %d events",
			 SWTLB_PMU_MAX_EVENTS);
		return -1;
	}
	ev = &out->ev[out->n];
	memset(ev, 0, sizeof(*ev));
	memcpy(ev->name, name, n);
	ev->name[n] = '\0';
	if (!encode_generic(ev->name, ev) &&
	    encode_pfm(ev->name, ev, &ncounters, err, len))
		return -1;
	/* The core PMU's count as detected (CPUID-capped), not the table's. */
	if (core_counters > 0 && !strcmp(ev->pmu, out->core_pmu))
		ncounters = core_counters;
	assign_group(out, ev, group_capacity(ev, ncounters, core_counters),
		     groups, ngroups);
	out->n++;
	return 0;
}

static int add_defaults(struct swtlb_pmu_events *out, int core_counters,
			struct open_group *groups, unsigned int *ngroups,
			char *err, size_t len)
{
	const char *const *names;

	if (!out->core_pmu[0]) {
		snprintf(out->default_note, sizeof(out->default_note),
			 "--events default: libpfm4 finds no hardware PMU "
			 "here; no coherence events");
		return 0;
	}
	names = swtlb_pmu_defaults(out->core_pmu);
	if (!names) {
		snprintf(out->default_note, sizeof(out->default_note),
			 "--events default: no coherence events chosen for "
			 "PMU %s (docs/pmu.md); name them with --events",
			 out->core_pmu);
		return 0;
	}
	for (; *names; names++)
		if (add_event(out, *names, strlen(*names), core_counters,
			      groups, ngroups, err, len))
			return -1;
	return 0;
}

int swtlb_pmu_events_parse(const char *list, struct swtlb_pmu_events *out,
			   char *err, size_t len)
{
	struct open_group groups[SWTLB_PMU_MAX_EVENTS + 8];
	unsigned int ngroups = 0;
	int core_counters = 0;

	memset(out, 0, sizeof(*out));
	pthread_once(&pfm_once, pfm_init_once);
	if (pfm_status == PFM_SUCCESS)
		detect_core(out->core_pmu, sizeof(out->core_pmu),
			    &core_counters);
	out->core_counters = core_counters;
	for (const char *p = list;;) {
		size_t n = strcspn(p, ",");
		int ret = 0;

		if (n == 4 && !strncmp(p, "none", 4))
			;
		else if (n == 7 && !strncmp(p, "default", 7))
			ret = add_defaults(out, core_counters, groups, &ngroups,
					   err, len);
		else
			ret = add_event(out, p, n, core_counters, groups,
					&ngroups, err, len);
		if (ret)
			return -1;
		if (!p[n])
			break;
		p += n + 1;
	}
	return 0;
}

void swtlb_pmu_events_print(FILE *f, const struct swtlb_pmu_events *ev)
{
	fprintf(f, "pmu %s counters=%d\n",
		ev->core_pmu[0] ? ev->core_pmu : "none", ev->core_counters);
	if (ev->default_note[0])
		fprintf(f, "note %s\n", ev->default_note);
	for (unsigned int i = 0; i < ev->n; i++)
		fprintf(f,
			"event %s pmu=%s group=%u type=%u config=0x%llx "
			"exclude_kernel=%d\n",
			ev->ev[i].name, ev->ev[i].pmu, ev->ev[i].group,
			ev->ev[i].attr.type,
			(unsigned long long)ev->ev[i].attr.config,
			(int)ev->ev[i].attr.exclude_kernel);
	fprintf(f, "summary events=%u groups=%u\n", ev->n, ev->ngroups);
}
