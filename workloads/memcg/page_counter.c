/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/page_counter.c: mm/page_counter.c off the charge path:
 * init, set_max, the watermark resets, the underflow warning, and the
 * table of the charge path compiled per hook set (page_counter_impl.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "workloads/memcg/page_counter.h"

static atomic_ulong underflow_warnings;

void page_counter_underflow_warn(long new, unsigned long nr_pages)
{
	if (atomic_fetch_add_explicit(&underflow_warnings, 1,
				      memory_order_relaxed) == 0)
		fprintf(stderr, "page_counter underflow: %ld nr_pages=%lu\n",
			new, nr_pages);
}

unsigned long page_counter_underflows(void)
{
	return atomic_load_explicit(&underflow_warnings, memory_order_relaxed);
}

void page_counter_init(struct page_counter *counter,
		       struct page_counter *parent, bool protection_support)
{
	atomic_init(&counter->usage, 0);
	atomic_init(&counter->failcnt, 0);
	atomic_init(&counter->emin, 0);
	atomic_init(&counter->min_usage, 0);
	atomic_init(&counter->children_min_usage, 0);
	atomic_init(&counter->elow, 0);
	atomic_init(&counter->low_usage, 0);
	atomic_init(&counter->children_low_usage, 0);
	atomic_init(&counter->watermark, 0);
	atomic_init(&counter->local_watermark, 0);
	counter->protection_support = protection_support;
	counter->track_failcnt = false;
	atomic_init(&counter->min, 0);
	atomic_init(&counter->low, 0);
	atomic_init(&counter->high, (unsigned long)PAGE_COUNTER_MAX);
	atomic_init(&counter->max, (unsigned long)PAGE_COUNTER_MAX);
	counter->parent = parent;
}

int page_counter_set_max(struct page_counter *counter, unsigned long nr_pages)
{
	for (;;) {
		unsigned long usage = page_counter_read(counter);
		unsigned long old;

		if (usage > nr_pages)
			return -EBUSY;
		old = atomic_exchange(&counter->max, nr_pages);
		if (page_counter_read(counter) <= usage || nr_pages >= old)
			return 0;
		atomic_store_explicit(&counter->max, old, memory_order_relaxed);
	}
}

void page_counter_reset_watermark(struct page_counter *counter)
{
	unsigned long usage = page_counter_read(counter);

	/* local first, so that watermark >= local modulo reordering */
	atomic_store_explicit(&counter->local_watermark, usage,
			      memory_order_relaxed);
	atomic_store_explicit(&counter->watermark, usage, memory_order_relaxed);
}

unsigned long page_counter_reset_local_watermark(struct page_counter *counter)
{
	unsigned long usage = page_counter_read(counter);

	atomic_store_explicit(&counter->local_watermark, usage,
			      memory_order_relaxed);
	return usage;
}

#define SWTLB_HOOK_SET(stem)                                                   \
	extern const struct page_counter_fns page_counter_fns_##stem;
#include "workloads/memcg/hook_sets.def"
#undef SWTLB_HOOK_SET

const struct page_counter_fns *page_counter_fns_find(const char *stem)
{
#define SWTLB_HOOK_SET(stem)                                                   \
	if (!strcmp(stem_name, #stem))                                         \
		return &page_counter_fns_##stem;
	const char *stem_name = stem;
#include "workloads/memcg/hook_sets.def"
#undef SWTLB_HOOK_SET
	return NULL;
}
