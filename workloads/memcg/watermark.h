/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/watermark.h: the watermark update at the kernel's call
 * site in page_counter_charge() / page_counter_try_charge(), after the
 * usage add (and after the limit check in try_charge), and the uncharge
 * hook in page_counter_cancel().
 *
 * The kernel's code at that site:
 *     if (new > READ_ONCE(c->local_watermark)) {
 *             WRITE_ONCE(c->local_watermark, new);
 *             if (new > READ_ONCE(c->watermark))
 *                     WRITE_ONCE(c->watermark, new);
 *     }
 * The outer test and the local store stay the kernel's (the local mark is
 * a reset scope, not a scheme); the inner compare-then-store is the
 * scheme's inc_used hook, handed the add_return result. With racy-max that
 * is exactly the code above; with global-atomic a CAS max; lazy-peak does
 * its work in dec_used; `none` has no hook and skips the whole block (no
 * memory.peak at all). The hooks are called through the ops table (an
 * indirect call the kernel does not make, the same for every scheme).
 *
 * Only memory counters are charged on this path, so the counter's
 * mem_cgroup (and its scheme context) is container_of(c, memory).
 * page_counter has no CPU argument: memcg schemes are handed CPU 0.
 */
#ifndef SWTLB_WORKLOADS_MEMCG_WATERMARK_H
#define SWTLB_WORKLOADS_MEMCG_WATERMARK_H

#include "workloads/memcg/memcg.h"

static inline struct swtlb_scheme_ctx *memcg_wm_ctx(struct page_counter *c)
{
	return &((struct mem_cgroup *)((char *)c -
				       offsetof(struct mem_cgroup, memory)))
		    ->wm;
}

static inline void memcg_watermark_charge(struct page_counter *c,
					  unsigned long nr_pages,
					  unsigned long new)
{
	struct swtlb_scheme_ctx *ctx = memcg_wm_ctx(c);

	if (!ctx->ops->inc_used)
		return;
	if (new >
	    atomic_load_explicit(&c->local_watermark, memory_order_relaxed)) {
		atomic_store_explicit(&c->local_watermark, new,
				      memory_order_relaxed);
		ctx->ops->inc_used(ctx, 0, (unsigned int)nr_pages, (long)new);
	}
}

static inline void memcg_watermark_uncharge(struct page_counter *c,
					    unsigned long nr_pages, long new)
{
	struct swtlb_scheme_ctx *ctx = memcg_wm_ctx(c);

	if (ctx->ops->dec_used)
		ctx->ops->dec_used(ctx, 0, (unsigned int)nr_pages, new);
}

#endif /* SWTLB_WORKLOADS_MEMCG_WATERMARK_H */
