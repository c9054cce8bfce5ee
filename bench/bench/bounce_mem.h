/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/bounce_mem.h: the pool's bounce buffer, kept from one run to
 * the next.
 *
 * Every run builds a fresh pool (slots, areas, io_tlb_mem, scheme), but
 * placing and faulting in its bounce memory costs ~2.4 ms a MiB on a VM:
 * 0.15 s for the 64 MiB default, 2.5 s for the 1 GiB of a confidential
 * guest's pool, more than a run's measured window. Runs are one at a time,
 * so one buffer of the largest size asked for serves them all: allocated
 * and faulted in (swtlb_mem_alloc(), under --pool-mem) the first time,
 * handed back by later runs. Its contents are never read before the pool
 * writes them, so a reused buffer measures as a fresh one would.
 */
#ifndef SWTLB_BENCH_BOUNCE_MEM_H
#define SWTLB_BENCH_BOUNCE_MEM_H

#include <stdbool.h>
#include <stddef.h>

struct swtlb_mem_policy;

struct swtlb_bounce_mem {
	struct swtlb_mem_policy *policy;
	void *mem;
	size_t bytes;
	bool in_use;
};

/* swtlb_config.alloc_bounce / free_bounce with arg a swtlb_bounce_mem. */
void *swtlb_bounce_mem_get(size_t bytes, void *arg);
void swtlb_bounce_mem_put(void *mem, size_t bytes, void *arg);
/* Frees the kept buffer (at exit). */
void swtlb_bounce_mem_release(struct swtlb_bounce_mem *b);

#endif /* SWTLB_BENCH_BOUNCE_MEM_H */
