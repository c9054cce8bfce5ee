/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/pcpu_reserve.c: a per-CPU reserve in front of one global atomic,
 * the way networking keeps a protocol's memory_allocated
 * (include/net/proto_memory.h: sk_memory_allocated_add/_sub,
 * proto_memory_pcpu_drain, net.core.mem_pcpu_rsv), with the high-water mark
 * taken on the global value.
 *
 * Each CPU keeps a signed reserve on its own cache line. After the unlock a
 * map adds +nslots to the reserve of the CPU it runs on
 * (this_cpu_add_return), an unmap -nslots (this_cpu_sub_return). When the
 * reserve reaches +rsv (map) or -rsv (unmap) the CPU drains it: takes it
 * whole (this_cpu_xchg(.., 0)) and adds it to total_used with one
 * `lock xadd`; only a drain with a positive result can raise the mark, with
 * the value that add returned (CAS loop on used_hiwater, both in
 * io_tlb_mem as in global-atomic). Between drains no shared line is touched.
 *
 * rsv = params.batch when given, else 512 slots: SK_MEMORY_PCPU_RESERVE is
 * 1 MiB per CPU, 512 swiotlb slots of 2 KiB. The this_cpu ops are a relaxed
 * load and store (x86's un-locked per-CPU add/xchg): one CPU id must be used
 * by one thread at a time (pinned threads, or swtlb-sim).
 *
 * Contract: bounded. After every operation each reserve r_c satisfies
 * -rsv < r_c < rsv (a drain empties it), and G = T - sum(r_c), so
 * |G - T| <= ncpus x (rsv - 1) at every instant. The mark is the maximum of
 * G over the drains, and G changes only at drains, so
 * truth - ncpus x (rsv - 1) <= mark <= truth + ncpus x (rsv - 1).
 * used: G plus every reserve (exact when quiescent).
 * Reset: 0 accepted, others -EINVAL; reads 0 until the next drain that
 * rises above it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "counters/pcpu_reserve.h"
#include "counters/schemes.h"

#define PCPU_RESERVE_DEFAULT 512 /* slots: 1 MiB per CPU */

static int pr_init(struct swtlb_scheme_ctx *ctx, char *err, size_t errlen)
{
	struct swtlb_pcpu_reserve *pr;
	unsigned int ncpus = ctx->params.ncpus;

	if (ncpus == 0) {
		snprintf(err, errlen, "pcpu-reserve: ncpus must be > 0");
		return -EINVAL;
	}
	pr = aligned_alloc(64, sizeof(*pr));
	if (pr) {
		pr->cpu = aligned_alloc(64, sizeof(*pr->cpu) * ncpus);
		atomic_init(&pr->drains, 0);
	}
	if (!pr || !pr->cpu) {
		if (pr)
			free(pr->cpu);
		free(pr);
		snprintf(err, errlen, "pcpu-reserve: out of memory");
		return -ENOMEM;
	}
	for (unsigned int i = 0; i < ncpus; i++)
		atomic_init(&pr->cpu[i].reserve, 0);
	pr->ncpus = ncpus;
	pr->rsv =
	    ctx->params.batch ? (long)ctx->params.batch : PCPU_RESERVE_DEFAULT;
	ctx->priv = pr;
	atomic_store(ctx->total_used, 0);
	atomic_store(ctx->used_hiwater, 0);
	return 0;
}

static void pr_fini(struct swtlb_scheme_ctx *ctx)
{
	struct swtlb_pcpu_reserve *pr = ctx->priv;

	free(pr->cpu);
	free(pr);
	ctx->priv = NULL;
}

static unsigned long pr_used(struct swtlb_scheme_ctx *ctx)
{
	struct swtlb_pcpu_reserve *pr = ctx->priv;
	long sum = atomic_load_explicit(ctx->total_used, memory_order_relaxed);

	for (unsigned int i = 0; i < pr->ncpus; i++)
		sum += atomic_load_explicit(&pr->cpu[i].reserve,
					    memory_order_relaxed);
	return sum > 0 ? (unsigned long)sum : 0;
}

unsigned long swtlb_pcpu_reserve_bound(const struct swtlb_scheme_ctx *ctx)
{
	const struct swtlb_pcpu_reserve *pr = ctx->priv;

	return (unsigned long)pr->ncpus * (unsigned long)(pr->rsv - 1);
}

static int pr_stats(struct swtlb_scheme_ctx *ctx, char *buf, size_t len)
{
	struct swtlb_pcpu_reserve *pr = ctx->priv;

	return snprintf(buf, len, "rsv=%ld drains=%lu bound=%lu", pr->rsv,
			atomic_load(&pr->drains),
			swtlb_pcpu_reserve_bound(ctx));
}

const struct swtlb_scheme_ops swtlb_scheme_pcpu_reserve = {
    .name = "pcpu-reserve",
    .contract = "bounded: |reported - truth| <= ncpus x (rsv - 1), rsv 512 "
		"slots by default (net.core.mem_pcpu_rsv)",
    .workloads = SWTLB_SERVES_SWIOTLB,
    .hooks = "pcpu_reserve",
    .init = pr_init,
    .fini = pr_fini,
    .shard_inc = pcpu_reserve_shard_inc,
    .shard_dec = pcpu_reserve_shard_dec,
    .inc_used = pcpu_reserve_inc_used,
    .dec_used = pcpu_reserve_dec_used,
    .used = pr_used,
    .hiwater = swtlb_scheme_mem_hiwater,
    .hiwater_set = swtlb_scheme_mem_hiwater_reset,
    .stats = pr_stats,
};
