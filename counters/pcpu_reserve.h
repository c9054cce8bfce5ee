/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/pcpu_reserve.h: pcpu-reserve's hot-path hooks (see
 * pcpu_reserve.c), inline as sk_memory_allocated_add/_sub and
 * proto_memory_pcpu_drain are (include/net/proto_memory.h): a load and a
 * store of the CPU's reserve, and past +-rsv one `lock xadd` on total_used
 * and a CAS-max on used_hiwater. No shard hook.
 */
#ifndef SWTLB_COUNTERS_PCPU_RESERVE_H
#define SWTLB_COUNTERS_PCPU_RESERVE_H

#include "counters/atomic_max.h"
#include "counters/hooks.h"

struct swtlb_pcpu_rsv_slot {
	_Alignas(64) atomic_long reserve;
	char pad[64 - sizeof(atomic_long)];
};

struct swtlb_pcpu_reserve {
	struct swtlb_pcpu_rsv_slot *cpu; /* ncpus entries */
	unsigned int ncpus;
	long rsv;
	/* Statistics, on their own line: not beside the read-mostly fields. */
	_Alignas(64) atomic_ulong drains;
};

/* proto_memory_pcpu_drain(): the whole reserve goes to the global. */
static inline void pcpu_reserve_drain(struct swtlb_scheme_ctx *ctx,
				      struct swtlb_pcpu_reserve *pr,
				      atomic_long *r)
{
	long val = atomic_load_explicit(r, memory_order_relaxed);
	long total;

	atomic_store_explicit(r, 0, memory_order_relaxed);
	if (!val)
		return;
	total = atomic_fetch_add_explicit(ctx->total_used, val,
					  memory_order_relaxed) +
		val;
	atomic_fetch_add_explicit(&pr->drains, 1, memory_order_relaxed);
	if (val > 0 && total > 0)
		swtlb_atomic_max(ctx->used_hiwater, (unsigned long)total);
}

SWTLB_SHARD_HOOK(pcpu_reserve_shard_inc)
{
}
SWTLB_SHARD_HOOK(pcpu_reserve_shard_dec)
{
}

/* sk_memory_allocated_add(): this_cpu_add_return, drain past +rsv. */
SWTLB_TOTAL_HOOK(pcpu_reserve_inc_used)
{
	struct swtlb_pcpu_reserve *pr = ctx->priv;
	atomic_long *r = &pr->cpu[cpu % pr->ncpus].reserve;
	long v = atomic_load_explicit(r, memory_order_relaxed) + (long)n;

	atomic_store_explicit(r, v, memory_order_relaxed);
	if (__builtin_expect(v >= pr->rsv, 0))
		pcpu_reserve_drain(ctx, pr, r);
}

/* sk_memory_allocated_sub(): this_cpu_sub_return, drain past -rsv. */
SWTLB_TOTAL_HOOK(pcpu_reserve_dec_used)
{
	struct swtlb_pcpu_reserve *pr = ctx->priv;
	atomic_long *r = &pr->cpu[cpu % pr->ncpus].reserve;
	long v = atomic_load_explicit(r, memory_order_relaxed) - (long)n;

	atomic_store_explicit(r, v, memory_order_relaxed);
	if (__builtin_expect(v <= -pr->rsv, 0))
		pcpu_reserve_drain(ctx, pr, r);
}

#endif /* SWTLB_COUNTERS_PCPU_RESERVE_H */
