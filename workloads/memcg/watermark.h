/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/watermark.h: the watermark update at the kernel's call
 * site in page_counter_charge() / page_counter_try_charge(), after the
 * usage add (and after the limit check in try_charge).
 *
 * Upstream ("racy-max"): the local watermark is compared on every charge;
 * the global one only when the local one is beaten. READ_ONCE/WRITE_ONCE,
 * no lock, no CAS: a racing CPU can overwrite a higher value.
 */
#ifndef SWTLB_WORKLOADS_MEMCG_WATERMARK_H
#define SWTLB_WORKLOADS_MEMCG_WATERMARK_H

#include "workloads/memcg/page_counter.h"

static inline void memcg_watermark_update(struct page_counter *c,
					  unsigned long new)
{
	if (new >
	    atomic_load_explicit(&c->local_watermark, memory_order_relaxed)) {
		atomic_store_explicit(&c->local_watermark, new,
				      memory_order_relaxed);
		if (new >
		    atomic_load_explicit(&c->watermark, memory_order_relaxed))
			atomic_store_explicit(&c->watermark, new,
					      memory_order_relaxed);
	}
}

#endif /* SWTLB_WORKLOADS_MEMCG_WATERMARK_H */
