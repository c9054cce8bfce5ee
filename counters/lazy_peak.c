/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/lazy_peak.c: the peak checked only where the total is about to
 * drop and at read time, the way mm keeps VmHWM (update_hiwater_rss()
 * before RSS goes down; task_mem() reports max(hiwater_rss, current rss)).
 *
 * Map: atomic_long_add(nslots, &total_used), no high-water work.
 * Unmap: cur = READ_ONCE(total_used); if (cur > used_hiwater)
 *        WRITE_ONCE(used_hiwater, cur); then atomic_long_sub(nslots, ...).
 * Read: max(used_hiwater, total_used).
 *
 * Why it is exact single-threaded: let P be the largest total. Right after
 * the map that reached P, the next accounting operation cannot be a map
 * (it would exceed P), so it is a release, whose check reads exactly P; if
 * there is none, P is still the current total when read.
 *
 * Why it is NOT exact with concurrent CPUs (disproof): the check and the
 * decrement are two steps. Total 90: CPU C (releasing 10) reads 90, CPU B
 * maps 10 (total 100 = the peak), C subtracts (90). No release ever reads
 * 100 and it is not current at read time: the peak is lost. The store is
 * also the racy compare-then-store of racy-max. Returning the old value
 * from the decrement itself (atomic_long_fetch_sub) and a CAS loop would
 * make it exact in the order of the atomic operations, like global-atomic.
 *
 * Contract: never above the truth; exact single-threaded; with concurrent
 * CPUs it misses peaks that another CPU's release straddled (unbounded
 * below in theory: the window is two instructions unless the releasing CPU
 * is delayed between them). Cost: the map keeps global-atomic's contended
 * lock xadd and the unmap adds a read of the shared line: it saves only the
 * map's rarely-taken lock cmpxchg, not the contended line.
 * Reset: 0 accepted, others -EINVAL; the read then shows the current total
 * at once (max(0, total_used)), not 0 until the next map.
 */

#include "counters/lazy_peak.h"
#include "counters/schemes.h"

static bool lp_hiwater(struct swtlb_scheme_ctx *ctx, unsigned long *out)
{
	unsigned long hw = (unsigned long)atomic_load_explicit(
	    ctx->used_hiwater, memory_order_relaxed);
	unsigned long cur = swtlb_scheme_mem_used(ctx);

	*out = cur > hw ? cur : hw;
	return true;
}

const struct swtlb_scheme_ops swtlb_scheme_lazy_peak = {
    .name = "lazy-peak",
    .workloads = SWTLB_SERVES_SWIOTLB | SWTLB_SERVES_MEMCG,
    .hooks = "lazy_peak",
    .contract = "exact single-threaded; concurrent releases can straddle "
		"a peak and lose it (never above, unbounded below)",
    .init = swtlb_scheme_mem_init,
    .inc_used = lazy_peak_inc_used,
    .dec_used = lazy_peak_dec_used,
    .used = swtlb_scheme_mem_used,
    .hiwater = lp_hiwater,
    .hiwater_set = swtlb_scheme_mem_hiwater_reset,
};
