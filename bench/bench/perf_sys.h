/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/perf_sys.h: the four system calls perf.c makes, behind one table.
 *
 * perf_event_open, read, ioctl and close are reached only through
 * swtlb_perf_sys(), so a test can install a fake that hands out file
 * descriptors, fails opens with a chosen errno (EMFILE, ENOENT, on some
 * threads only) and answers reads with group buffers it built, and so
 * test the read format, multiplexing scaling and per-thread sums on a
 * machine without a PMU.
 */
#ifndef SWTLB_BENCH_PERF_SYS_H
#define SWTLB_BENCH_PERF_SYS_H

#include <linux/perf_event.h>
#include <stddef.h>
#include <sys/types.h>

struct swtlb_perf_sys {
	/* Returns a file descriptor, or -1 with errno set. */
	int (*open)(struct perf_event_attr *attr, pid_t pid, int cpu,
		    int group_fd, unsigned long flags);
	ssize_t (*read)(int fd, void *buf, size_t len);
	int (*ioctl)(int fd, unsigned long request, unsigned long arg);
	int (*close)(int fd);
};

/* The table in use: the real system calls unless a test installed one. */
const struct swtlb_perf_sys *swtlb_perf_sys(void);
/* Installs sys (NULL: the real calls) for every thread; returns the old
 * one. Call only while no thread uses perf.c. */
const struct swtlb_perf_sys *
swtlb_perf_sys_install(const struct swtlb_perf_sys *sys);

#endif /* SWTLB_BENCH_PERF_SYS_H */
