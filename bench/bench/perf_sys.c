// SPDX-License-Identifier: GPL-2.0-only
/* bench/perf_sys.c: the real perf system calls (see perf_sys.h). */
#include "bench/bench/perf_sys.h"

#include <stdatomic.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static int real_open(struct perf_event_attr *attr, pid_t pid, int cpu,
		     int group_fd, unsigned long flags)
{
	return (int)syscall(SYS_perf_event_open, attr, pid, cpu, group_fd,
			    flags);
}

static ssize_t real_read(int fd, void *buf, size_t len)
{
	return read(fd, buf, len);
}

static int real_ioctl(int fd, unsigned long request, unsigned long arg)
{
	return ioctl(fd, request, arg);
}

static int real_close(int fd)
{
	return close(fd);
}

static const struct swtlb_perf_sys real_sys = {
    .open = real_open,
    .read = real_read,
    .ioctl = real_ioctl,
    .close = real_close,
};

/* Atomic so that installing before threads start is race-free to TSan. */
static _Atomic(const struct swtlb_perf_sys *) current_sys = &real_sys;

const struct swtlb_perf_sys *swtlb_perf_sys(void)
{
	return atomic_load_explicit(&current_sys, memory_order_acquire);
}

const struct swtlb_perf_sys *
swtlb_perf_sys_install(const struct swtlb_perf_sys *sys)
{
	return atomic_exchange(&current_sys, sys ? sys : &real_sys);
}
