// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/perf.c: per-thread perf_event_open group (see perf.h). */
#include "bench/bench/perf.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <string.h>

#include "bench/bench/perf_sys.h"

struct event_def {
	const char *name;
	uint32_t type;
	uint64_t config;
};

#define CACHE_READ_MISS(cache)                                                 \
	((uint64_t)(cache) | ((uint64_t)PERF_COUNT_HW_CACHE_OP_READ << 8) |    \
	 ((uint64_t)PERF_COUNT_HW_CACHE_RESULT_MISS << 16))

static const struct event_def events[SWTLB_PERF_NEVENTS] = {
    [SWTLB_PERF_CYCLES] = {"cycles", PERF_TYPE_HARDWARE,
			   PERF_COUNT_HW_CPU_CYCLES},
    [SWTLB_PERF_INSTRUCTIONS] = {"instructions", PERF_TYPE_HARDWARE,
				 PERF_COUNT_HW_INSTRUCTIONS},
    [SWTLB_PERF_CACHE_MISSES] = {"cache-misses", PERF_TYPE_HARDWARE,
				 PERF_COUNT_HW_CACHE_MISSES},
    [SWTLB_PERF_L1D_READ_MISSES] = {"L1-dcache-load-misses", PERF_TYPE_HW_CACHE,
				    CACHE_READ_MISS(PERF_COUNT_HW_CACHE_L1D)},
    [SWTLB_PERF_LLC_READ_MISSES] = {"LLC-load-misses", PERF_TYPE_HW_CACHE,
				    CACHE_READ_MISS(PERF_COUNT_HW_CACHE_LL)},
    [SWTLB_PERF_CONTEXT_SWITCHES] = {"context-switches", PERF_TYPE_SOFTWARE,
				     PERF_COUNT_SW_CONTEXT_SWITCHES},
    [SWTLB_PERF_CPU_MIGRATIONS] = {"cpu-migrations", PERF_TYPE_SOFTWARE,
				   PERF_COUNT_SW_CPU_MIGRATIONS},
};

const char *swtlb_perf_event_name(enum swtlb_perf_event ev)
{
	return events[ev].name;
}

const char *swtlb_perf_slot_name(const struct swtlb_pmu_events *extra,
				 unsigned int slot)
{
	if (slot < SWTLB_PERF_NEVENTS)
		return events[slot].name;
	return extra->ev[slot - SWTLB_PERF_NEVENTS].name;
}

#define READ_FORMAT                                                            \
	(PERF_FORMAT_GROUP | PERF_FORMAT_ID | PERF_FORMAT_TOTAL_TIME_ENABLED | \
	 PERF_FORMAT_TOTAL_TIME_RUNNING)

/* The attribute of a slot, before the group settings. */
static void slot_attr(const struct swtlb_perf *p, unsigned int slot,
		      struct perf_event_attr *attr)
{
	if (slot >= SWTLB_PERF_NEVENTS) {
		*attr = p->extra->ev[slot - SWTLB_PERF_NEVENTS].attr;
		return;
	}
	memset(attr, 0, sizeof(*attr));
	attr->size = sizeof(*attr);
	attr->type = events[slot].type;
	attr->config = events[slot].config;
	/* The code under test is user space; software events happen in the
	 * kernel, and exclude_kernel would make them read 0. */
	attr->exclude_kernel = slot < SWTLB_PERF_NHW;
	attr->exclude_hv = 1;
}

static bool slot_is_hw(const struct swtlb_perf *p, unsigned int slot)
{
	if (slot < SWTLB_PERF_NEVENTS)
		return slot < SWTLB_PERF_NHW;
	return p->extra->ev[slot - SWTLB_PERF_NEVENTS].attr.type !=
	       PERF_TYPE_SOFTWARE;
}

/* Opens one slot into its group (as leader if the group has none yet). */
static void open_slot(struct swtlb_perf *p, unsigned int slot)
{
	const struct swtlb_perf_sys *sys = swtlb_perf_sys();
	int g = p->group[slot];
	int group_fd = p->leader[g] < 0 ? -1 : p->fd[p->leader[g]];
	struct perf_event_attr attr;
	int fd;

	slot_attr(p, slot, &attr);
	attr.disabled = group_fd < 0; /* members follow the leader */
	attr.read_format = READ_FORMAT;
	fd = sys->open(&attr, 0, -1, group_fd, 0);
	if (fd < 0) {
		p->err[slot] = errno ? errno : EINVAL;
		return;
	}
	if (sys->ioctl(fd, PERF_EVENT_IOC_ID, (unsigned long)&p->id[slot])) {
		p->err[slot] = errno ? errno : EINVAL;
		sys->close(fd);
		return;
	}
	p->fd[slot] = fd;
	if (p->leader[g] < 0)
		p->leader[g] = (int)slot;
	p->members[g]++;
}

void swtlb_perf_open(struct swtlb_perf *p, const struct swtlb_pmu_events *extra)
{
	memset(p, 0, sizeof(*p));
	p->extra = extra;
	p->nslots = SWTLB_PERF_NEVENTS + (extra ? extra->n : 0);
	p->ngroups = 2 + (extra ? extra->ngroups : 0);
	for (unsigned int g = 0; g < SWTLB_PERF_MAX_GROUPS; g++)
		p->leader[g] = -1;
	for (unsigned int i = 0; i < SWTLB_PERF_MAX_SLOTS; i++)
		p->fd[i] = -1;
	for (unsigned int i = 0; i < p->nslots; i++) {
		if (i < SWTLB_PERF_NEVENTS)
			p->group[i] = i < SWTLB_PERF_NHW ? 0 : 1;
		else
			p->group[i] =
			    2 + (int)extra->ev[i - SWTLB_PERF_NEVENTS].group;
		open_slot(p, i);
	}
}

void swtlb_perf_close(struct swtlb_perf *p)
{
	const struct swtlb_perf_sys *sys = swtlb_perf_sys();

	/* Members before leaders: a leader closed first would orphan them
	 * into singleton groups for the moment in between. */
	for (unsigned int i = p->nslots; i-- > 0;) {
		if (p->fd[i] >= 0)
			sys->close(p->fd[i]);
		p->fd[i] = -1;
	}
	for (unsigned int g = 0; g < SWTLB_PERF_MAX_GROUPS; g++)
		p->leader[g] = -1;
}

void swtlb_perf_enable(struct swtlb_perf *p)
{
	const struct swtlb_perf_sys *sys = swtlb_perf_sys();

	for (unsigned int g = 0; g < p->ngroups; g++) {
		int fd = p->leader[g] < 0 ? -1 : p->fd[p->leader[g]];

		if (fd < 0)
			continue;
		sys->ioctl(fd, PERF_EVENT_IOC_RESET, PERF_IOC_FLAG_GROUP);
		sys->ioctl(fd, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP);
	}
}

void swtlb_perf_disable(struct swtlb_perf *p)
{
	const struct swtlb_perf_sys *sys = swtlb_perf_sys();

	for (unsigned int g = 0; g < p->ngroups; g++) {
		int fd = p->leader[g] < 0 ? -1 : p->fd[p->leader[g]];

		if (fd >= 0)
			sys->ioctl(fd, PERF_EVENT_IOC_DISABLE,
				   PERF_IOC_FLAG_GROUP);
	}
}

/* Scales raw by enabled/running; false if the event never ran. */
static bool scale(uint64_t raw, uint64_t enabled, uint64_t running, double *out,
		  bool *scaled)
{
	if (running == 0) {
		*scaled = false;
		return false;
	}
	*scaled = running < enabled;
	*out = *scaled ? (double)raw * ((double)enabled / (double)running)
		       : (double)raw;
	return true;
}

/* Marks every opened slot of group g with err. */
static void group_failed(const struct swtlb_perf *p, unsigned int g, int err,
			 struct swtlb_perf_values *v)
{
	for (unsigned int i = 0; i < p->nslots; i++)
		if (p->group[i] == (int)g && p->fd[i] >= 0)
			v->err[i] = err;
}

/* Layout: nr, time_enabled, time_running, then nr x {value, id}. */
static void read_group(const struct swtlb_perf *p, unsigned int g,
		       struct swtlb_perf_values *v)
{
	uint64_t buf[3 + 2 * SWTLB_PERF_MAX_SLOTS];
	size_t want = (3 + 2 * (size_t)p->members[g]) * sizeof(uint64_t);
	ssize_t got;

	if (p->leader[g] < 0)
		return;
	got = swtlb_perf_sys()->read(p->fd[p->leader[g]], buf, sizeof(buf));
	if (got < 0 || (size_t)got < want || buf[0] != p->members[g]) {
		group_failed(p, g, EIO, v);
		return;
	}
	for (unsigned int i = 0; i < p->nslots; i++) {
		bool found = false;

		if (p->group[i] != (int)g || p->fd[i] < 0)
			continue;
		for (uint64_t k = 0; k < buf[0] && !found; k++) {
			if (buf[3 + 2 * k + 1] != p->id[i])
				continue;
			found = true;
			v->raw[i] = buf[3 + 2 * k];
			v->known[i] = scale(v->raw[i], buf[1], buf[2],
					    &v->value[i], &v->scaled[i]);
			if (!v->known[i])
				v->err[i] = SWTLB_PERF_ENEVER;
		}
		if (!found)
			v->err[i] = EIO;
	}
}

void swtlb_perf_read(const struct swtlb_perf *p, struct swtlb_perf_values *v)
{
	memset(v, 0, sizeof(*v));
	v->nslots = p->nslots;
	for (unsigned int i = 0; i < p->nslots; i++) {
		v->err[i] = p->err[i];
		v->hw[i] = slot_is_hw(p, i);
	}
	for (unsigned int g = 0; g < p->ngroups; g++)
		read_group(p, g, v);
}

void swtlb_perf_accumulate(struct swtlb_perf_values *sum,
			   const struct swtlb_perf_values *one, bool first)
{
	if (first) {
		*sum = *one;
		return;
	}
	for (unsigned int i = 0; i < SWTLB_PERF_MAX_SLOTS; i++) {
		if (!one->known[i] && sum->known[i]) {
			sum->known[i] = false;
			sum->err[i] = one->err[i];
		}
		sum->scaled[i] = sum->scaled[i] || one->scaled[i];
		sum->value[i] += one->value[i];
		sum->raw[i] += one->raw[i];
		if (!sum->known[i]) {
			sum->value[i] = 0;
			sum->raw[i] = 0;
		}
	}
}

/* Appends "sep + text" to buf; false when it does not fit. */
static bool append(char *buf, size_t len, bool first, const char *text)
{
	size_t used = strlen(buf);
	int n =
	    snprintf(buf + used, len - used, "%s%s", first ? "" : ";", text);

	return n >= 0 && (size_t)n < len - used;
}

bool swtlb_perf_cells(const struct swtlb_pmu_events *extra,
		      const struct swtlb_perf_values *v, uint64_t ops,
		      struct swtlb_perf_cells *out)
{
	bool ok = true;

	memset(out, 0, sizeof(*out));
	for (unsigned int i = 0; extra && i < extra->n; i++) {
		unsigned int s = SWTLB_PERF_NEVENTS + i;
		bool known = s < v->nslots && v->known[s];
		bool first = i == 0;
		char count[24] = "", per_op[24] = "";

		if (known) {
			snprintf(count, sizeof(count), "%llu",
				 (unsigned long long)v->raw[s]);
			if (ops > 0)
				snprintf(per_op, sizeof(per_op), "%.6g",
					 v->value[s] / (double)ops);
		}
		ok = append(out->events, sizeof(out->events), first,
			    extra->ev[i].name) &&
		     append(out->counts, sizeof(out->counts), first, count) &&
		     append(out->per_op, sizeof(out->per_op), first, per_op) &&
		     append(out->scaled, sizeof(out->scaled), first,
			    known ? (v->scaled[s] ? "1" : "0") : "") &&
		     ok;
	}
	return ok;
}

const char *swtlb_perf_status(const struct swtlb_perf_values *v)
{
	bool hw = false, sw = false, scaled = false;

	for (unsigned int i = 0; i < SWTLB_PERF_MAX_SLOTS; i++) {
		if (!v->known[i])
			continue;
		if (v->hw[i])
			hw = true;
		else
			sw = true;
		scaled = scaled || v->scaled[i];
	}
	if (scaled)
		return "multiplexed";
	if (hw)
		return "hw";
	return sw ? "sw-only" : "none";
}

static int paranoid_level(void)
{
	FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
	int level = -99;

	if (!f)
		return level;
	if (fscanf(f, "%d", &level) != 1)
		level = -99;
	fclose(f);
	return level;
}

void swtlb_perf_explain(enum swtlb_perf_event ev, int err, char *buf,
			size_t len)
{
	swtlb_perf_explain_name(events[ev].name, ev < SWTLB_PERF_NHW, err, buf,
				len);
}

void swtlb_perf_explain_name(const char *name, bool hw, int err, char *buf,
			     size_t len)
{
	switch (err) {
	case SWTLB_PERF_ENEVER:
		snprintf(buf, len,
			 "perf event %s: opened but never scheduled on the "
			 "PMU (counters busy, e.g. the NMI watchdog); cells "
			 "left empty",
			 name);
		break;
	case ENOENT:
	case EOPNOTSUPP:
	case ENODEV:
		snprintf(buf, len,
			 "perf event %s: not supported here (%s: no such "
			 "PMU event; VMs often expose no hardware counters); "
			 "cells left empty",
			 name, strerror(err));
		break;
	case EACCES:
	case EPERM: {
		int level = paranoid_level();

		snprintf(buf, len,
			 "perf event %s: permission denied (%s; "
			 "kernel.perf_event_paranoid is %d): run as root, "
			 "grant CAP_PERFMON, or 'sysctl "
			 "kernel.perf_event_paranoid=%d'; cells left empty",
			 name, strerror(err), level, hw ? 2 : 1);
		break;
	}
	case EMFILE:
	case ENFILE:
		snprintf(buf, len,
			 "perf event %s: out of file descriptors (%s): raise "
			 "'ulimit -n'; cells left empty",
			 name, strerror(err));
		break;
	default:
		snprintf(buf, len,
			 "perf event %s: cannot be opened (%s); cells left "
			 "empty",
			 name, strerror(err));
		break;
	}
}
