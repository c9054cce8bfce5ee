/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/limits.h: what hundreds of threads need, checked before a
 * run starts: file descriptors and bounce source buffers.
 *
 * Each worker opens one fd per perf event (the 7 fixed ones and the
 * --events list): 512 threads x 9 events is 4608, past the usual soft
 * RLIMIT_NOFILE of 1024. An fd that cannot be opened would leave its
 * event's cells empty (EMFILE), so instead the soft limit is raised up to
 * the hard one, and a run the hard limit cannot hold is refused with one
 * line before anything runs.
 */
#ifndef SWTLB_BENCH_LIMITS_H
#define SWTLB_BENCH_LIMITS_H

#include <stddef.h>
#include <sys/resource.h>

/* Descriptors the rest of the program may hold (stdio, the CSV, hwloc,
 * libnuma, Google Benchmark). */
#define SWTLB_FD_RESERVE 64

/* File descriptors `threads` workers with `events` perf events each need
 * at most, with the reserve. */
unsigned long swtlb_fd_need(unsigned int threads, unsigned int events);

/* The soft limit to set for `need` descriptors under (soft, hard): soft
 * itself when it suffices, else need. -1 when hard < need. */
int swtlb_fd_plan(unsigned long need, rlim_t soft, rlim_t hard,
		  rlim_t *new_soft);

/* Raises RLIMIT_NOFILE's soft limit for `need` descriptors. 0, or -1
 * with one line in err (what is needed, what the limit allows, what to
 * do). */
int swtlb_fd_ensure(unsigned long need, unsigned int threads,
		    unsigned int events, char *err, size_t errlen);

/*
 * Bounce source buffers: each thread keeps queue_depth buffers of the
 * largest size (rounded to 64 bytes). All threads together may use at
 * most half of the machine's memory (phys_bytes; 0: unknown, no check).
 * 0, or -1 with one line in err.
 */
int swtlb_buffers_check(unsigned int threads, unsigned int queue_depth,
			size_t max_size, unsigned long long phys_bytes,
			char *err, size_t errlen);

struct swtlb_bench_opts;
struct swtlb_bench_plan;
/* Both checks for a planned suite: fds at its largest thread count (the
 * soft limit raised if need be), buffers of each bouncing configuration
 * against this machine's memory. 0, or -1 with one line in err. */
int swtlb_bench_limits_check(const struct swtlb_bench_opts *o,
			     const struct swtlb_bench_plan *plan, char *err,
			     size_t errlen);

#endif /* SWTLB_BENCH_LIMITS_H */
