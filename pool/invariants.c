/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool/invariants.c: what must hold between any two map/unmap calls (the
 * pool quiescent: no call running). Reads with relaxed loads; a caller
 * running it concurrently with maps gets nonsense, not a crash.
 */
#include <stdio.h>

#include "pool/pool_internal.h"

int swtlb_check_invariants(const struct swtlb *s, char *err, size_t errlen)
{
	unsigned long i, nslabs = s->nslabs;

	for (i = 0; i < nslabs; i++) {
		const struct io_tlb_slot *slot = &s->slots[i];
		unsigned long seg_end = (i | (IO_TLB_SEGSIZE - 1)) + 1;
		unsigned long want;

		if (slot->list == 0)
			continue; /* allocated */
		/* A free slot's list is its free run up to its segment end. */
		if (seg_end > nslabs)
			seg_end = nslabs;
		if (i + 1 == seg_end || s->slots[i + 1].list == 0)
			want = 1;
		else
			want = s->slots[i + 1].list + 1UL;
		if (slot->list != want)
			return swtlb_pool_fail(
			    err, errlen,
			    "slot %lu: list %u, its free run is %lu", i,
			    slot->list, want);
		if (slot->orig_addr != INVALID_PHYS_ADDR ||
		    slot->alloc_size != 0 || slot->pad_slots != 0)
			return swtlb_pool_fail(
			    err, errlen,
			    "free slot %lu keeps mapping data "
			    "(orig_addr 0x%llx alloc_size %zu pad %u)",
			    i, (unsigned long long)slot->orig_addr,
			    slot->alloc_size, slot->pad_slots);
	}

	for (unsigned int a = 0; a < s->nareas; a++) {
		char *area = swtlb_pool_area(s, a);
		unsigned long used = atomic_load_explicit(
		    swtlb_pool_area_used(area), memory_order_relaxed);
		unsigned int index =
		    *(unsigned int *)(area + s->area.index_off);
		unsigned long allocated = 0;

		for (i = (unsigned long)a * s->area_nslabs;
		     i < (unsigned long)(a + 1) * s->area_nslabs; i++)
			allocated += s->slots[i].list == 0;
		if (used != allocated)
			return swtlb_pool_fail(
			    err, errlen,
			    "area %u: used %lu, %lu slots allocated", a, used,
			    allocated);
		if (index >= s->area_nslabs)
			return swtlb_pool_fail(
			    err, errlen,
			    "area %u: index %u outside its %u slots", a, index,
			    s->area_nslabs);
	}
	return 0;
}
