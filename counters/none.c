/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/none.c: CONFIG_DEBUG_FS=n, the kernel without any accounting.
 *
 * Hooks: none (inc_used_and_hiwater()/dec_used() compile to nothing).
 * used:  mem_pool_used(), the lockless sum of area->used. Exact when no map
 *        or unmap runs concurrently; otherwise each area is read at a
 *        different instant, so the sum may be off by what changed meanwhile.
 * Contract: no high-water mark. There is no io_tlb_used_hiwater file in this
 *        configuration: hiwater() returns false and every write, 0
 *        included, is refused with -EINVAL (the closest errno to "the file
 *        does not exist" that a caller of the 0-or-EINVAL contract expects).
 * This is the cost baseline every other scheme is compared with.
 */
#include <errno.h>

#include "counters/none.h"
#include "counters/schemes.h"
#include "counters/shard_view.h"

static unsigned long none_used(struct swtlb_scheme_ctx *ctx)
{
	return swtlb_shards_total(ctx);
}

static bool none_hiwater(struct swtlb_scheme_ctx *ctx, unsigned long *out)
{
	(void)ctx;
	(void)out;
	return false;
}

static int none_hiwater_set(struct swtlb_scheme_ctx *ctx, unsigned long val)
{
	(void)ctx;
	(void)val;
	return -EINVAL;
}

const struct swtlb_scheme_ops swtlb_scheme_none = {
    .name = "none",
    .workloads = SWTLB_SERVES_SWIOTLB | SWTLB_SERVES_MEMCG,
    .hooks = "none",
    .contract = "no high-water mark (CONFIG_DEBUG_FS=n); used is the "
		"lockless sum of area used",
    .used = none_used,
    .hiwater = none_hiwater,
    .hiwater_set = none_hiwater_set,
};
