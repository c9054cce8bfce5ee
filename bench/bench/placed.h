/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/placed.h: the pool's memory through the placement policies,
 * and where every hot page really is once the pool is built (issue 12,
 * item 5). io_tlb_mem, the area array and the slot array go through the
 * --meta-mem policy (the workload's meta_alloc, the pool's alloc_meta
 * hook), the bounce memory through --pool-mem (bounce_mem.h: the buffer
 * kept between runs); each region is recorded so that it can be looked up
 * with move_pages after swtlb_create().
 */
#ifndef SWTLB_BENCH_PLACED_H
#define SWTLB_BENCH_PLACED_H

#include <stdbool.h>
#include <stddef.h>

#include "workloads/workload.h"

#define SWTLB_PLACED_MAX 4

struct swtlb_mem_policy;
struct swtlb_bounce_mem;

/* The regions of one pool, and what the lookup found. */
struct swtlb_placed {
	struct swtlb_mem_policy *meta;	 /* NULL: the heap */
	struct swtlb_bounce_mem *bounce; /* kept between runs; NULL: heap */
	struct {
		void *mem;
		size_t bytes;
	} meta_regions[SWTLB_PLACED_MAX], bounce_region;
	unsigned int nmeta;
	char meta_pages[128];	/* "0:131", "" when unknown */
	char bounce_pages[128]; /* idem; "" without bounce memory */
};

/* Points the setup's allocators at the policies, recording into p. */
void swtlb_placed_hook(struct swtlb_placed *p, struct swtlb_workload_setup *s);
/* Looks every recorded region up (move_pages) into the texts. */
void swtlb_placed_check(struct swtlb_placed *p);

#endif /* SWTLB_BENCH_PLACED_H */
