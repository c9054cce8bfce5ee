/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/racy_max.c: the memcg page_counter way (mm/page_counter.c):
 * a global atomic total, and the watermark raised with a plain
 * compare-then-store instead of a CAS loop:
 *   new = atomic_long_add_return(nslots, &total_used);
 *   if (new > READ_ONCE(used_hiwater)) WRITE_ONCE(used_hiwater, new);
 * Unmap: atomic_long_sub. For memcg this is the upstream watermark at the
 * kernel's call site: page_counter hands over its add_return result and
 * only the compare-then-store runs here. Saves the rarely-taken lock cmpxchg;
 * keeps the contended lock xadd and the shared line.
 *
 * Contract: never above the truth (every stored value is a total that was
 * reached) and exact single-threaded. With concurrent CPUs it can fall
 * below: CPU A reads the mark, CPU B stores a higher peak, A stores its
 * older, lower total over it. The loss is not bounded by anything but the
 * truth itself: the overwriting value is whatever total A computed before
 * it was delayed (preempted, interrupted) between its compare and its
 * store, and later maps restore the mark only if the total climbs back.
 * Reset: 0 accepted (reads 0 until the next map), others -EINVAL.
 */

#include "counters/racy_max.h"
#include "counters/schemes.h"

const struct swtlb_scheme_ops swtlb_scheme_racy_max = {
    .name = "racy-max",
    .workloads = SWTLB_SERVES_SWIOTLB | SWTLB_SERVES_MEMCG,
    .hooks = "racy_max",
    .contract = "never above the truth; exact single-threaded; a racing "
		"stale store can lower it arbitrarily (unbounded below)",
    .init = swtlb_scheme_mem_init,
    .inc_used = racy_max_inc_used,
    .dec_used = racy_max_dec_used,
    .used = swtlb_scheme_mem_used,
    .hiwater = swtlb_scheme_mem_hiwater,
    .hiwater_set = swtlb_scheme_mem_hiwater_reset,
};
