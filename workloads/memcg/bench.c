/* SPDX-License-Identifier: GPL-2.0-only */
/* workloads/memcg/bench.c: building and checking the benchmark's tree. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workloads/memcg/bench.h"

static int build_tree(struct memcg_bench *b, unsigned int depth,
		      unsigned int fanout, unsigned int *first_leaf)
{
	unsigned int level_first = 0, level_n = 1;

	if (!memcg_create(&b->sys, NULL, PAGE_COUNTER_MAX, 0))
		return -1;
	for (unsigned int d = 0; d < depth; d++) {
		unsigned int next_first = b->sys.nmemcgs;

		for (unsigned int i = 0; i < level_n; i++)
			for (unsigned int f = 0; f < fanout; f++)
				if (!memcg_create(
					&b->sys, b->sys.memcgs[level_first + i],
					PAGE_COUNTER_MAX, b->sys.nmemcgs))
					return -1;
		level_first = next_first;
		level_n *= fanout;
	}
	*first_leaf = level_first;
	b->nleaves = level_n;
	return 0;
}

int memcg_bench_create(struct memcg_bench *b,
		       const struct memcg_bench_params *p, char *err,
		       size_t errlen)
{
	unsigned int first_leaf;
	double nodes = 1, level = 1;

	memset(b, 0, sizeof(*b));
	if (p->depth < 1 || p->fanout < 1 || p->cpus_per_cgroup < 1) {
		snprintf(err, errlen,
			 "memcg: depth, fanout and cpus per cgroup "
			 "must be at least 1");
		return -1;
	}
	for (unsigned int d = 0; d < p->depth; d++)
		nodes += (level *= p->fanout);
	if (nodes > MEMCG_MAX_MEMCGS) {
		snprintf(err, errlen,
			 "memcg: depth %u x fan-out %u is %.0f "
			 "memcgs, at most %d",
			 p->depth, p->fanout, nodes, MEMCG_MAX_MEMCGS);
		return -1;
	}
	if (memcg_system_init(&b->sys, p->ncpus, p->batch, p->v1, p->scheme,
			      err, errlen))
		return -1;
	b->free_mode = p->free_mode;
	b->leaf_of_cpu = calloc(p->ncpus, sizeof(*b->leaf_of_cpu));
	if (!b->leaf_of_cpu ||
	    build_tree(b, p->depth, p->fanout, &first_leaf)) {
		snprintf(err, errlen, "memcg: out of memory");
		memcg_bench_destroy(b);
		return -1;
	}
	for (unsigned int cpu = 0; cpu < p->ncpus; cpu++)
		b->leaf_of_cpu[cpu] =
		    b->sys.memcgs[first_leaf +
				  (cpu / p->cpus_per_cgroup) % b->nleaves];
	return 0;
}

void memcg_bench_destroy(struct memcg_bench *b)
{
	free(b->leaf_of_cpu);
	memcg_system_fini(&b->sys);
	memset(b, 0, sizeof(*b));
}

int memcg_bench_check(struct memcg_bench *b, char *why, size_t len)
{
	uint64_t *held =
	    calloc(b->sys.nmemcgs ? b->sys.nmemcgs : 1, sizeof(*held));
	int rc;

	if (!held) {
		snprintf(why, len, "out of memory");
		return -1;
	}
	for (unsigned int cpu = 0; cpu < b->sys.ncpus; cpu++)
		memcg_drain_local(&b->sys, cpu);
	rc = memcg_check_invariants(&b->sys, held, false, why, len);
	free(held);
	return rc;
}
