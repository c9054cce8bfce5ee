// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/limits.c: see limits.h. */
#include "bench/bench/limits.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bench/bench/opts.h"
#include "bench/bench/perf.h"
#include "bench/bench/plan.h"

unsigned long swtlb_fd_need(unsigned int threads, unsigned int events)
{
	return (unsigned long)threads * events + SWTLB_FD_RESERVE;
}

int swtlb_fd_plan(unsigned long need, rlim_t soft, rlim_t hard,
		  rlim_t *new_soft)
{
	*new_soft = soft;
	if (soft == RLIM_INFINITY || soft >= need)
		return 0;
	if (hard != RLIM_INFINITY && hard < need)
		return -1;
	*new_soft = need;
	return 0;
}

int swtlb_fd_ensure(unsigned long need, unsigned int threads,
		    unsigned int events, char *err, size_t errlen)
{
	struct rlimit rl;
	rlim_t soft;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return snprintf(err, errlen, "getrlimit(RLIMIT_NOFILE): %s",
				strerror(errno)),
		       -1;
	if (swtlb_fd_plan(need, rl.rlim_cur, rl.rlim_max, &soft))
		return snprintf(err, errlen,
				"%u threads x %u perf events need %lu file "
				"descriptors; the hard RLIMIT_NOFILE is %llu: "
				"raise it (ulimit -Hn as root, limits.conf) "
				"or run fewer threads or --events",
				threads, events, need,
				(unsigned long long)rl.rlim_max),
		       -1;
	if (soft == rl.rlim_cur)
		return 0;
	rl.rlim_cur = soft;
	if (setrlimit(RLIMIT_NOFILE, &rl))
		return snprintf(err, errlen,
				"cannot raise RLIMIT_NOFILE to %lu for %u "
				"threads x %u perf events: %s",
				need, threads, events, strerror(errno)),
		       -1;
	return 0;
}

int swtlb_buffers_check(unsigned int threads, unsigned int queue_depth,
			size_t max_size, unsigned long long phys_bytes,
			char *err, size_t errlen)
{
	unsigned long long stride =
	    ((unsigned long long)max_size + 63) & ~63ULL;
	unsigned long long need =
	    (unsigned long long)threads * queue_depth * stride;

	if (!phys_bytes || need <= phys_bytes / 2)
		return 0;
	snprintf(err, errlen,
		 "--bounce on: %u threads x %u mappings x %llu bytes need "
		 "%.1f GiB of source buffers, more than half this machine's "
		 "%.1f GiB: lower --threads, --queue-depth or --sizes",
		 threads, queue_depth, stride, (double)need / (1 << 30),
		 (double)phys_bytes / (1 << 30));
	return -1;
}

int swtlb_bench_limits_check(const struct swtlb_bench_opts *o,
			     const struct swtlb_bench_plan *plan, char *err,
			     size_t errlen)
{
	unsigned int threads = 0, events = SWTLB_PERF_NEVENTS + o->events.n;
	long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);
	unsigned long long phys =
	    pages > 0 && psize > 0 ? (unsigned long long)pages * psize : 0;

	for (unsigned int i = 0; i < plan->nconfigs; i++)
		if (plan->configs[i].threads > threads)
			threads = plan->configs[i].threads;
	if (swtlb_fd_ensure(swtlb_fd_need(threads, events), threads, events,
			    err, errlen))
		return -1;
	for (unsigned int i = 0; i < plan->nconfigs; i++) {
		const struct swtlb_bench_config *c = &plan->configs[i];

		if (c->bounce && swtlb_buffers_check(c->threads, o->queue_depth,
						     swtlb_sizes_max(&o->sizes),
						     phys, err, errlen))
			return -1;
	}
	return 0;
}
