/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/global_atomic.c: upstream since v6.4 (commit 8b0977ecc8b3, seed
 * 000), CONFIG_DEBUG_FS=y.
 *
 * After the area unlock, a map does new = atomic_long_add_return(nslots,
 * &mem->total_used), then raises mem->used_hiwater to new with a
 * try_cmpxchg loop; an unmap does atomic_long_sub(nslots, &mem->total_used).
 * Both counters live in io_tlb_mem at the kernel's offsets (0x58, 0x60),
 * sharing a line with nslabs and force_bounce.
 *
 * Contract: exact with respect to its own order of updates. The high-water
 * mark is the maximum of total_used over the sequence of atomic updates,
 * which single-threaded is exactly the maximum of the slots in use. With
 * concurrent CPUs, total_used is updated after the area unlock, so its
 * order of +/- may differ from the order in which area->used changed: the
 * mark can differ from the physical peak by the slots of maps and unmaps in
 * flight at that moment (never more).
 * A workload that keeps the total itself (page_counter's add_return)
 * hands it over: then only the mark's try_cmpxchg loop runs here.
 * Reset: writing 0 stores 0 (atomic_long_set); the mark reads 0 until the
 * next map raises it to total_used. Any other value: -EINVAL.
 */

#include "counters/global_atomic.h"
#include "counters/schemes.h"

static unsigned long ga_used(struct swtlb_scheme_ctx *ctx)
{
	return (unsigned long)atomic_load_explicit(ctx->total_used,
						   memory_order_relaxed);
}

static int ga_init(struct swtlb_scheme_ctx *ctx, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	/* The 2023 patch zeroed both when creating the debugfs files; a
	 * workload's own total (page_counter usage) is not ours to zero. */
	if (ctx->workload == SWTLB_SERVES_SWIOTLB)
		atomic_store_explicit(ctx->total_used, 0, memory_order_relaxed);
	atomic_store_explicit(ctx->used_hiwater, 0, memory_order_relaxed);
	return 0;
}

const struct swtlb_scheme_ops swtlb_scheme_global_atomic = {
    .name = "global-atomic",
    .workloads = SWTLB_SERVES_SWIOTLB | SWTLB_SERVES_MEMCG,
    .hooks = "global_atomic",
    .contract = "exact (max of the global atomic total; concurrent maps "
		"and unmaps in flight may reorder around the area lock)",
    .init = ga_init,
    .inc_used = global_atomic_inc_used,
    .dec_used = global_atomic_dec_used,
    .used = ga_used,
    .hiwater = swtlb_scheme_mem_hiwater,
    .hiwater_set = swtlb_scheme_mem_hiwater_reset,
};
