/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/area_hiwater.c: the 2026 proposal (seed 003), per-area marks.
 *
 * struct io_tlb_area gains `unsigned long used_hiwater` right after `used`
 * (areas grow from 16 to 24 bytes and straddle cache lines). Under the area
 * lock, right after area->used += nslots: if used > used_hiwater, store it.
 * No global atomic on map or unmap. mem_used() is the lockless sum of
 * area->used. Read: lockless sum of READ_ONCE(area->used_hiwater). Write 0:
 * each area's mark is zeroed under that area's lock; other values -EINVAL.
 *
 * Contract: unbounded over-report, never below the truth. The sum of the
 * per-area maxima is at least the maximum of the sum (single-threaded:
 * always; each area's mark covers its own part of any instant), but the
 * areas' peaks need not coincide: Michael Kelley's counterexample (2 MiB
 * I/Os issued one at a time from different CPUs) reports nareas times the
 * big I/O on top of the background, 4.5x the truth with 8 areas, more with
 * more areas. Exact only with one area.
 * Reset: every mark 0, so the read is 0 until the next map, which sets its
 * area's mark to that area's current used (not the pool's total).
 */
#include <errno.h>

#include "counters/area_hiwater.h"
#include "counters/schemes.h"
#include "counters/shard_view.h"

static unsigned long ah_used(struct swtlb_scheme_ctx *ctx)
{
	return swtlb_shards_total(ctx);
}

static bool ah_hiwater(struct swtlb_scheme_ctx *ctx, unsigned long *out)
{
	unsigned long sum = 0;

	for (unsigned int i = 0; i < ctx->shards.nshards; i++)
		sum += atomic_load_explicit(
		    area_hiwater_mark(swtlb_shard_priv(ctx, i)),
		    memory_order_relaxed);
	*out = sum;
	return true;
}

static int ah_hiwater_set(struct swtlb_scheme_ctx *ctx, unsigned long val)
{
	if (val != 0)
		return -EINVAL;
	for (unsigned int i = 0; i < ctx->shards.nshards; i++) {
		swtlb_shard_lock(ctx, i);
		atomic_store_explicit(
		    area_hiwater_mark(swtlb_shard_priv(ctx, i)), 0,
		    memory_order_relaxed);
		swtlb_shard_unlock(ctx, i);
	}
	return 0;
}

static int ah_init(struct swtlb_scheme_ctx *ctx, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	for (unsigned int i = 0; i < ctx->shards.nshards; i++)
		atomic_init(area_hiwater_mark(swtlb_shard_priv(ctx, i)), 0);
	return 0;
}

const struct swtlb_scheme_ops swtlb_scheme_area_hiwater = {
    .name = "area-hiwater",
    .workloads = SWTLB_SERVES_SWIOTLB,
    .hooks = "area_hiwater",
    .contract = "unbounded: sum of per-area maxima, never below the truth, "
		"up to nareas x too high",
    .shard_priv_bytes = 8,
    .init = ah_init,
    .shard_inc = area_hiwater_shard_inc,
    .used = ah_used,
    .hiwater = ah_hiwater,
    .hiwater_set = ah_hiwater_set,
};
