// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/perf.c: per-thread perf_event_open group (see perf.h). */
#include "bench/bench/perf.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

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

static int open_event(enum swtlb_perf_event ev, int group_fd, bool group)
{
	struct perf_event_attr attr;
	bool hw = ev < SWTLB_PERF_NHW;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = events[ev].type;
	attr.config = events[ev].config;
	attr.disabled = group_fd < 0; /* siblings follow the leader */
	/* The code under test is user space; software events happen in the
	 * kernel, and exclude_kernel would make them read 0. */
	attr.exclude_kernel = hw;
	attr.exclude_hv = 1;
	attr.read_format =
	    PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
	if (group)
		attr.read_format |= PERF_FORMAT_GROUP;
	return (int)syscall(SYS_perf_event_open, &attr, 0, -1, group_fd, 0);
}

void swtlb_perf_open(struct swtlb_perf *p)
{
	memset(p, 0, sizeof(*p));
	p->leader = -1;
	for (int i = 0; i < SWTLB_PERF_NEVENTS; i++)
		p->fd[i] = -1;
	for (int i = 0; i < SWTLB_PERF_NHW; i++) {
		int group_fd = p->leader < 0 ? -1 : p->fd[p->leader];
		int fd = open_event(i, group_fd, true);

		p->group_pos[i] = -1;
		if (fd < 0) {
			p->err[i] = errno;
			continue;
		}
		p->fd[i] = fd;
		if (p->leader < 0)
			p->leader = i;
		p->group_pos[i] = (int)p->group_n++;
	}
	for (int i = SWTLB_PERF_NHW; i < SWTLB_PERF_NEVENTS; i++) {
		int fd = open_event(i, -1, false);

		if (fd < 0)
			p->err[i] = errno;
		else
			p->fd[i] = fd;
	}
}

void swtlb_perf_close(struct swtlb_perf *p)
{
	for (int i = 0; i < SWTLB_PERF_NEVENTS; i++) {
		if (p->fd[i] >= 0)
			close(p->fd[i]);
		p->fd[i] = -1;
	}
	p->leader = -1;
}

void swtlb_perf_enable(struct swtlb_perf *p)
{
	if (p->leader >= 0) {
		ioctl(p->fd[p->leader], PERF_EVENT_IOC_RESET,
		      PERF_IOC_FLAG_GROUP);
		ioctl(p->fd[p->leader], PERF_EVENT_IOC_ENABLE,
		      PERF_IOC_FLAG_GROUP);
	}
	for (int i = SWTLB_PERF_NHW; i < SWTLB_PERF_NEVENTS; i++) {
		if (p->fd[i] < 0)
			continue;
		ioctl(p->fd[i], PERF_EVENT_IOC_RESET, 0);
		ioctl(p->fd[i], PERF_EVENT_IOC_ENABLE, 0);
	}
}

void swtlb_perf_disable(struct swtlb_perf *p)
{
	if (p->leader >= 0)
		ioctl(p->fd[p->leader], PERF_EVENT_IOC_DISABLE,
		      PERF_IOC_FLAG_GROUP);
	for (int i = SWTLB_PERF_NHW; i < SWTLB_PERF_NEVENTS; i++)
		if (p->fd[i] >= 0)
			ioctl(p->fd[i], PERF_EVENT_IOC_DISABLE, 0);
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

static void read_group(const struct swtlb_perf *p, struct swtlb_perf_values *v)
{
	uint64_t buf[3 + SWTLB_PERF_NHW];
	ssize_t want = (ssize_t)((3 + p->group_n) * sizeof(uint64_t));

	if (p->leader < 0)
		return;
	if (read(p->fd[p->leader], buf, sizeof(buf)) < want ||
	    buf[0] != p->group_n) {
		for (int i = 0; i < SWTLB_PERF_NHW; i++)
			if (p->group_pos[i] >= 0)
				v->err[i] = EIO;
		return;
	}
	for (int i = 0; i < SWTLB_PERF_NHW; i++) {
		if (p->group_pos[i] < 0)
			continue;
		v->known[i] = scale(buf[3 + p->group_pos[i]], buf[1], buf[2],
				    &v->value[i], &v->scaled[i]);
		if (!v->known[i])
			v->err[i] = SWTLB_PERF_ENEVER;
	}
}

void swtlb_perf_read(const struct swtlb_perf *p, struct swtlb_perf_values *v)
{
	memset(v, 0, sizeof(*v));
	for (int i = 0; i < SWTLB_PERF_NEVENTS; i++)
		v->err[i] = p->err[i];
	read_group(p, v);
	for (int i = SWTLB_PERF_NHW; i < SWTLB_PERF_NEVENTS; i++) {
		uint64_t buf[3];

		if (p->fd[i] < 0)
			continue;
		if (read(p->fd[i], buf, sizeof(buf)) != sizeof(buf)) {
			v->err[i] = EIO;
			continue;
		}
		v->known[i] =
		    scale(buf[0], buf[1], buf[2], &v->value[i], &v->scaled[i]);
		if (!v->known[i])
			v->err[i] = SWTLB_PERF_ENEVER;
	}
}

void swtlb_perf_accumulate(struct swtlb_perf_values *sum,
			   const struct swtlb_perf_values *one, bool first)
{
	for (int i = 0; i < SWTLB_PERF_NEVENTS; i++) {
		if (first) {
			sum->known[i] = one->known[i];
			sum->scaled[i] = one->scaled[i];
			sum->err[i] = one->err[i];
			sum->value[i] = one->value[i];
			continue;
		}
		if (!one->known[i] && sum->known[i]) {
			sum->known[i] = false;
			sum->err[i] = one->err[i];
		}
		sum->scaled[i] = sum->scaled[i] || one->scaled[i];
		sum->value[i] += one->value[i];
		if (!sum->known[i])
			sum->value[i] = 0;
	}
}

const char *swtlb_perf_status(const struct swtlb_perf_values *v)
{
	bool hw = false, sw = false, scaled = false;

	for (int i = 0; i < SWTLB_PERF_NEVENTS; i++) {
		if (!v->known[i])
			continue;
		if (i < SWTLB_PERF_NHW)
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
	const char *name = events[ev].name;

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
			 name, strerror(err), level,
			 ev < SWTLB_PERF_NHW ? 2 : 1);
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
