// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/placed.c: placed pool memory and its lookup (placed.h). */
#include "bench/bench/placed.h"

#include <string.h>

#include "bench/bench/bounce_mem.h"
#include "topology/placement.h"
#include "topology/topology.h"

/* Nodes counted apart; a page on a higher node counts as absent. */
#define MAX_NODES 1024

static void *meta_alloc(size_t bytes, void *arg)
{
	struct swtlb_placed *p = arg;
	void *mem = swtlb_mem_alloc(bytes, p->meta);

	if (mem && p->nmeta < SWTLB_PLACED_MAX) {
		p->meta_regions[p->nmeta].mem = mem;
		p->meta_regions[p->nmeta].bytes = bytes;
		p->nmeta++;
	}
	return mem;
}

static void meta_free(void *mem, size_t bytes, void *arg)
{
	struct swtlb_placed *p = arg;

	swtlb_mem_free(mem, bytes, p->meta);
}

static void *bounce_alloc(size_t bytes, void *arg)
{
	struct swtlb_placed *p = arg;
	void *mem = swtlb_bounce_mem_get(bytes, p->bounce);

	p->bounce_region.mem = mem;
	p->bounce_region.bytes = mem ? bytes : 0;
	return mem;
}

static void bounce_free(void *mem, size_t bytes, void *arg)
{
	struct swtlb_placed *p = arg;

	swtlb_bounce_mem_put(mem, bytes, p->bounce);
}

void swtlb_placed_hook(struct swtlb_placed *p, struct swtlb_workload_setup *s)
{
	p->nmeta = 0;
	p->bounce_region.mem = NULL;
	p->meta_pages[0] = p->bounce_pages[0] = '\0';
	if (p->meta) {
		s->meta_alloc = meta_alloc;
		s->meta_free = meta_free;
		s->meta_arg = p;
	}
	if (p->bounce) {
		s->alloc = bounce_alloc;
		s->free = bounce_free;
		s->alloc_arg = p;
	}
}

/* Adds the pages of [mem, mem + bytes) per node to counts; false when
 * the kernel cannot say. */
static bool count_pages(void *mem, size_t bytes, unsigned int *counts,
			unsigned int *absent)
{
	static _Thread_local unsigned int one[MAX_NODES];
	unsigned int gone = 0;

	if (swtlb_mem_pages_by_node(mem, bytes, one, MAX_NODES, &gone) < 0)
		return false;
	for (unsigned int n = 0; n < MAX_NODES; n++)
		counts[n] += one[n];
	*absent += gone;
	return true;
}

void swtlb_placed_check(struct swtlb_placed *p)
{
	static _Thread_local unsigned int counts[MAX_NODES];
	unsigned int absent = 0;
	bool ok = p->meta && p->nmeta > 0;

	memset(counts, 0, sizeof(counts));
	for (unsigned int i = 0; ok && i < p->nmeta; i++)
		ok = count_pages(p->meta_regions[i].mem,
				 p->meta_regions[i].bytes, counts, &absent);
	if (ok)
		swtlb_pages_format(counts, MAX_NODES, absent, p->meta_pages,
				   sizeof(p->meta_pages));
	memset(counts, 0, sizeof(counts));
	absent = 0;
	if (p->bounce_region.mem &&
	    count_pages(p->bounce_region.mem, p->bounce_region.bytes, counts,
			&absent))
		swtlb_pages_format(counts, MAX_NODES, absent, p->bounce_pages,
				   sizeof(p->bounce_pages));
}
