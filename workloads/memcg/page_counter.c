/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/page_counter.c: mm/page_counter.c's charge, cancel and
 * watermark functions (page-counter-path.md section 3), written from the
 * specification. Out of line, as in the kernel (exported functions called
 * from memcontrol.c).
 *
 * atomic_long_add_return / sub_return are fully ordered: seq_cst
 * fetch_add / fetch_sub, then +/- n (x86 `lock xadd`). atomic_long_sub and
 * atomic_long_add (no return) are unordered: relaxed RMWs (`lock sub`).
 */
#include <errno.h>
#include <stdio.h>

#include "workloads/memcg/page_counter.h"
#include "workloads/memcg/watermark.h"

static atomic_ulong underflow_warnings;

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

/* One of min/low: only writes when the protected amount changed. */
static inline void propagate_one(atomic_long *usage_field,
				 atomic_long *parent_children,
				 unsigned long setting, unsigned long usage)
{
	unsigned long protected = usage < setting ? usage : setting;
	unsigned long old_protected = (unsigned long)atomic_load_explicit(
	    usage_field, memory_order_relaxed);
	long delta;

	if (protected == old_protected)
		return;
	old_protected =
	    (unsigned long)atomic_exchange(usage_field, (long)protected);
	delta = (long)(protected - old_protected);
	if (delta)
		atomic_fetch_add_explicit(parent_children, delta,
					  memory_order_relaxed);
}

static inline void propagate_protected_usage(struct page_counter *c,
					     unsigned long usage)
{
	if (!c->parent)
		return;
	propagate_one(&c->min_usage, &c->parent->children_min_usage,
		      atomic_load_explicit(&c->min, memory_order_relaxed),
		      usage);
	propagate_one(&c->low_usage, &c->parent->children_low_usage,
		      atomic_load_explicit(&c->low, memory_order_relaxed),
		      usage);
}

void page_counter_cancel(struct page_counter *counter, unsigned long nr_pages)
{
	long new =
	    atomic_fetch_sub(&counter->usage, (long)nr_pages) - (long)nr_pages;

	/* WARN_ONCE("page_counter underflow"): counted, printed once. */
	if (new < 0) {
		if (atomic_fetch_add_explicit(&underflow_warnings, 1,
					      memory_order_relaxed) == 0)
			fprintf(stderr,
				"page_counter underflow: %ld "
				"nr_pages=%lu\n",
				new, nr_pages);
		new = 0;
		atomic_store_explicit(&counter->usage, new,
				      memory_order_relaxed);
	}
	if (counter->protection_support)
		propagate_protected_usage(counter, (unsigned long)new);
	memcg_watermark_uncharge(counter, nr_pages, new);
}

void page_counter_charge(struct page_counter *counter, unsigned long nr_pages)
{
	bool protection = counter->protection_support;

	for (struct page_counter *c = counter; c; c = c->parent) {
		long new = atomic_fetch_add(&c->usage, (long)nr_pages) +
			   (long)nr_pages;

		if (protection)
			propagate_protected_usage(c, (unsigned long)new);
		memcg_watermark_charge(c, nr_pages, (unsigned long)new);
	}
}

bool page_counter_try_charge(struct page_counter *counter,
			     unsigned long nr_pages, struct page_counter **fail)
{
	bool protection = counter->protection_support;
	bool track_failcnt = counter->track_failcnt;
	struct page_counter *c;

	for (c = counter; c; c = c->parent) {
		/* Speculative: add first, compare after (no CAS). */
		long new = atomic_fetch_add(&c->usage, (long)nr_pages) +
			   (long)nr_pages;

		if ((unsigned long)new >
		    atomic_load_explicit(&c->max, memory_order_relaxed)) {
			atomic_fetch_sub_explicit(&c->usage, (long)nr_pages,
						  memory_order_relaxed);
			if (track_failcnt)
				atomic_store_explicit(
				    &c->failcnt,
				    atomic_load_explicit(&c->failcnt,
							 memory_order_relaxed) +
					1,
				    memory_order_relaxed);
			*fail = c;
			goto failed;
		}
		if (protection)
			propagate_protected_usage(c, (unsigned long)new);
		memcg_watermark_charge(c, nr_pages, (unsigned long)new);
	}
	return true;

failed:
	for (c = counter; c != *fail; c = c->parent)
		page_counter_cancel(c, nr_pages);
	return false;
}

void page_counter_uncharge(struct page_counter *counter, unsigned long nr_pages)
{
	for (struct page_counter *c = counter; c; c = c->parent)
		page_counter_cancel(c, nr_pages);
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
