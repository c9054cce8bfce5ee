// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/bounce_mem.c: see bounce_mem.h. */
#include "bench/bench/bounce_mem.h"

#include "topology/topology.h"

void *swtlb_bounce_mem_get(size_t bytes, void *arg)
{
	struct swtlb_bounce_mem *b = arg;

	/* One pool at a time; a second one gets memory of its own. */
	if (b->in_use)
		return swtlb_mem_alloc(bytes, b->policy);
	if (b->mem && b->bytes != bytes) {
		swtlb_mem_free(b->mem, b->bytes, b->policy);
		b->mem = NULL;
	}
	if (!b->mem) {
		b->mem = swtlb_mem_alloc(bytes, b->policy);
		if (!b->mem)
			return NULL;
		b->bytes = bytes;
	}
	b->in_use = true;
	return b->mem;
}

void swtlb_bounce_mem_put(void *mem, size_t bytes, void *arg)
{
	struct swtlb_bounce_mem *b = arg;

	if (mem == b->mem)
		b->in_use = false;
	else
		swtlb_mem_free(mem, bytes, b->policy);
}

void swtlb_bounce_mem_release(struct swtlb_bounce_mem *b)
{
	if (b->mem)
		swtlb_mem_free(b->mem, b->bytes, b->policy);
	b->mem = NULL;
	b->bytes = 0;
	b->in_use = false;
}
