/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/page_counter.h: struct page_counter as x86_64 SMP lays it
 * out (include/linux/page_counter.h, mainline v6.17-rc; see
 * docs/design/page-counter-path.md section 2.1), and the functions of
 * mm/page_counter.c that the charge path calls.
 *
 * The struct is 64-byte aligned and three lines long: line 0 holds the
 * contended `usage` (and failcnt), line 1 the protection bookkeeping and
 * both watermarks, line 2 the read-mostly limits. Kernel atomics are C11
 * atomics; READ_ONCE/WRITE_ONCE and the data_race() failcnt++ are relaxed
 * loads and stores.
 */
#ifndef SWTLB_WORKLOADS_MEMCG_PAGE_COUNTER_H
#define SWTLB_WORKLOADS_MEMCG_PAGE_COUNTER_H

#include <limits.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#define MEMCG_PAGE_SIZE	 4096UL
#define PAGE_COUNTER_MAX (LONG_MAX / (long)MEMCG_PAGE_SIZE)
#define MEMCG_CACHELINE	 64 /* INTERNODE_CACHE_SHIFT = 6 on x86_64 */

struct page_counter {
	/* line 0: written by every charge and uncharge anywhere below */
	atomic_long usage;
	_Atomic unsigned long failcnt; /* data_race(c->failcnt++) */

	/* line 1 (CACHELINE_PADDING): protection and watermarks */
	alignas(MEMCG_CACHELINE) _Atomic unsigned long emin;
	atomic_long min_usage;
	atomic_long children_min_usage;
	_Atomic unsigned long elow;
	atomic_long low_usage;
	atomic_long children_low_usage;
	_Atomic unsigned long watermark;
	_Atomic unsigned long local_watermark;

	/* line 2 (CACHELINE_PADDING): read-mostly */
	alignas(MEMCG_CACHELINE) bool protection_support;
	bool track_failcnt;
	_Atomic unsigned long min;
	_Atomic unsigned long low;
	_Atomic unsigned long high;
	_Atomic unsigned long max;
	struct page_counter *parent;
};

/* The offsets page-counter-path.md section 2.1 states, one by one. */
_Static_assert(offsetof(struct page_counter, usage) == 0, "usage");
_Static_assert(offsetof(struct page_counter, failcnt) == 8, "failcnt");
_Static_assert(offsetof(struct page_counter, emin) == 64, "emin");
_Static_assert(offsetof(struct page_counter, min_usage) == 72, "min_usage");
_Static_assert(offsetof(struct page_counter, children_min_usage) == 80,
	       "children_min_usage");
_Static_assert(offsetof(struct page_counter, elow) == 88, "elow");
_Static_assert(offsetof(struct page_counter, low_usage) == 96, "low_usage");
_Static_assert(offsetof(struct page_counter, children_low_usage) == 104,
	       "children_low_usage");
_Static_assert(offsetof(struct page_counter, watermark) == 112, "watermark");
_Static_assert(offsetof(struct page_counter, local_watermark) == 120,
	       "local_watermark");
_Static_assert(offsetof(struct page_counter, protection_support) == 128,
	       "protection_support");
_Static_assert(offsetof(struct page_counter, track_failcnt) == 129,
	       "track_failcnt");
_Static_assert(offsetof(struct page_counter, min) == 136, "min");
_Static_assert(offsetof(struct page_counter, low) == 144, "low");
_Static_assert(offsetof(struct page_counter, high) == 152, "high");
_Static_assert(offsetof(struct page_counter, max) == 160, "max");
_Static_assert(offsetof(struct page_counter, parent) == 168, "parent");
_Static_assert(sizeof(struct page_counter) == 192, "three cache lines");
_Static_assert(alignof(struct page_counter) == 64, "cache-line aligned");

/*
 * page_counter_init(): usage 0, max and high PAGE_COUNTER_MAX, marks and
 * failcnt 0, min/low 0.
 */
void page_counter_init(struct page_counter *counter,
		       struct page_counter *parent, bool protection_support);

/* page_counter_read(): atomic_long_read(&counter->usage). */
static inline unsigned long page_counter_read(const struct page_counter *c)
{
	return (unsigned long)atomic_load_explicit((atomic_long *)&c->usage,
						   memory_order_relaxed);
}

/*
 * The charge path (page_counter_impl.h), compiled once per watermark hook
 * set (hook_sets.def); a memcg system calls the set of its scheme.
 */
struct page_counter_fns {
	bool (*try_charge)(struct page_counter *counter, unsigned long nr_pages,
			   struct page_counter **fail);
	void (*charge)(struct page_counter *counter, unsigned long nr_pages);
	void (*uncharge)(struct page_counter *counter, unsigned long nr_pages);
	void (*cancel)(struct page_counter *counter, unsigned long nr_pages);
};

/* The set compiled with counters/<stem>.h ("indirect": through the ops). */
const struct page_counter_fns *page_counter_fns_find(const char *stem);
/* WARN_ONCE("page_counter underflow"): counts, prints the first. */
void page_counter_underflow_warn(long new, unsigned long nr_pages);

int page_counter_set_max(struct page_counter *counter, unsigned long nr_pages);
/* v1 max_usage_in_bytes write: local_watermark, then watermark = usage. */
void page_counter_reset_watermark(struct page_counter *counter);
/* v2 memory.peak write (the per-fd bookkeeping is not modelled). */
unsigned long page_counter_reset_local_watermark(struct page_counter *counter);

/* How many "page_counter underflow" warnings fired (WARN_ONCE's count). */
unsigned long page_counter_underflows(void);

#endif /* SWTLB_WORKLOADS_MEMCG_PAGE_COUNTER_H */
