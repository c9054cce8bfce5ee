/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/page_counter_impl.h: mm/page_counter.c's charge path
 * (page-counter-path.md section 3), compiled once per watermark hook set
 * (workloads/memcg/hook_sets.def; generated pc_<stem>.c files define
 * SWTLB_HOOKS_HEADER, SWTLB_HOOK(h), PC_FN(name), PC_FNS and
 * PC_NO_WATERMARK), so each scheme's hooks inline at the kernel's call
 * site as the kernel's watermark code is inline there. The functions are
 * static here and reached through one `struct page_counter_fns`: the
 * memcg code calls them through the system's pointer where the kernel
 * calls the exported functions directly.
 *
 * atomic_long_add_return / sub_return are fully ordered: seq_cst
 * fetch_add / fetch_sub, then +/- n (x86 `lock xadd`). atomic_long_sub and
 * atomic_long_add (no return) are unordered: relaxed RMWs (`lock sub`).
 *
 * The watermark call site keeps the kernel's local-watermark test and
 * store; the scheme's inc_used is the inner compare-then-store, handed the
 * add_return result (racy-max: exactly the kernel's code). dec_used runs in
 * cancel (lazy-peak's work; empty for the others). `none`
 * (PC_NO_WATERMARK) has no watermark code at all. Only memory counters are
 * charged on this path, so the scheme context is the counter's
 * mem_cgroup's (container_of); page_counter has no CPU argument, memcg
 * schemes are handed CPU 0.
 */
#include "workloads/memcg/memcg.h"
#include SWTLB_HOOKS_HEADER

static inline struct swtlb_scheme_ctx *pc_wm_ctx(struct page_counter *c)
{
	return &((struct mem_cgroup *)((char *)c -
				       offsetof(struct mem_cgroup, memory)))
		    ->wm;
}

static inline void pc_watermark_charge(struct page_counter *c,
				       unsigned long nr_pages,
				       unsigned long new)
{
#if !PC_NO_WATERMARK
	if (new >
	    atomic_load_explicit(&c->local_watermark, memory_order_relaxed)) {
		atomic_store_explicit(&c->local_watermark, new,
				      memory_order_relaxed);
		SWTLB_HOOK(inc_used)
		(pc_wm_ctx(c), 0, (unsigned int)nr_pages, (long)new);
	}
#else
	(void)c;
	(void)nr_pages;
	(void)new;
#endif
}

static inline void pc_watermark_uncharge(struct page_counter *c,
					 unsigned long nr_pages, long new)
{
	SWTLB_HOOK(dec_used)(pc_wm_ctx(c), 0, (unsigned int)nr_pages, new);
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

static void PC_FN(page_counter_cancel)(struct page_counter *counter,
				       unsigned long nr_pages)
{
	long new =
	    atomic_fetch_sub(&counter->usage, (long)nr_pages) - (long)nr_pages;

	/* WARN_ONCE("page_counter underflow"), out of line */
	if (new < 0) {
		page_counter_underflow_warn(new, nr_pages);
		new = 0;
		atomic_store_explicit(&counter->usage, new,
				      memory_order_relaxed);
	}
	if (counter->protection_support)
		propagate_protected_usage(counter, (unsigned long)new);
	pc_watermark_uncharge(counter, nr_pages, new);
}

static void PC_FN(page_counter_charge)(struct page_counter *counter,
				       unsigned long nr_pages)
{
	bool protection = counter->protection_support;

	for (struct page_counter *c = counter; c; c = c->parent) {
		long new = atomic_fetch_add(&c->usage, (long)nr_pages) +
			   (long)nr_pages;

		if (protection)
			propagate_protected_usage(c, (unsigned long)new);
		pc_watermark_charge(c, nr_pages, (unsigned long)new);
	}
}

static bool PC_FN(page_counter_try_charge)(struct page_counter *counter,
					   unsigned long nr_pages,
					   struct page_counter **fail)
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
		pc_watermark_charge(c, nr_pages, (unsigned long)new);
	}
	return true;

failed:
	for (c = counter; c != *fail; c = c->parent)
		PC_FN(page_counter_cancel)(c, nr_pages);
	return false;
}

static void PC_FN(page_counter_uncharge)(struct page_counter *counter,
					 unsigned long nr_pages)
{
	for (struct page_counter *c = counter; c; c = c->parent)
		PC_FN(page_counter_cancel)(c, nr_pages);
}

const struct page_counter_fns PC_FNS = {
    .try_charge = PC_FN(page_counter_try_charge),
    .charge = PC_FN(page_counter_charge),
    .uncharge = PC_FN(page_counter_uncharge),
    .cancel = PC_FN(page_counter_cancel),
};
