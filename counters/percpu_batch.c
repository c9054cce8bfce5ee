/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/percpu_batch.c: a percpu_counter-style total (lib/percpu_counter.c
 * percpu_counter_add_batch) with the high-water mark on the folded value.
 *
 * Each CPU keeps a signed delta on its own cache line. After the unlock, a
 * map adds +nslots and an unmap -nslots to the delta of the CPU it runs on;
 * when |delta| reaches `batch` the delta is folded into the global
 * total_used with one atomic add, and used_hiwater is raised (CAS loop) to
 * the folded total. Between folds no shared line is written.
 * batch = params.batch, or when 0 the kernel's percpu_counter_batch rule
 * max(32, 2 x ncpus).
 *
 * A CPU's delta is a relaxed load + store (this_cpu_add): one CPU id must be
 * used by one thread at a time, as it is when each thread is pinned to its
 * own CPU (swtlb-bench) or single-threaded (swtlb-sim).
 *
 * Contract: bounded. After every operation each |delta| <= batch - 1, so
 * the folded total G differs from the true total T by at most
 * ncpus x (batch - 1) at every instant, in either direction (a CPU that
 * completes I/Os mapped elsewhere holds a negative delta). The mark is
 * max G over the folds, hence |mark - truth| <= ncpus x (batch - 1).
 * used: G plus every CPU's delta (percpu_counter_sum: exact when quiescent).
 * Reset: 0 accepted, others -EINVAL; reads 0 until the next fold (up to
 * batch slots of maps later, not the next map).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counters/atomic_max.h"
#include "counters/percpu_batch.h"
#include "counters/schemes.h"

struct pcpu_delta {
	_Alignas(64) atomic_long delta;
	char pad[64 - sizeof(atomic_long)];
};

struct percpu_batch {
	struct pcpu_delta *cpu; /* ncpus entries */
	unsigned int ncpus;
	long batch;
	atomic_ulong folds;
};

static int pb_init(struct swtlb_scheme_ctx *ctx, char *err, size_t errlen)
{
	struct percpu_batch *pb;
	unsigned int ncpus = ctx->params.ncpus;

	if (ncpus == 0) {
		snprintf(err, errlen, "percpu-batch: ncpus must be > 0");
		return -EINVAL;
	}
	pb = calloc(1, sizeof(*pb));
	if (pb)
		pb->cpu = aligned_alloc(64, sizeof(*pb->cpu) * ncpus);
	if (!pb || !pb->cpu) {
		free(pb);
		snprintf(err, errlen, "percpu-batch: out of memory");
		return -ENOMEM;
	}
	for (unsigned int i = 0; i < ncpus; i++)
		atomic_init(&pb->cpu[i].delta, 0);
	pb->ncpus = ncpus;
	pb->batch = ctx->params.batch ? (long)ctx->params.batch
				      : (long)(2 * ncpus > 32 ? 2 * ncpus : 32);
	ctx->priv = pb;
	atomic_store(ctx->total_used, 0);
	atomic_store(ctx->used_hiwater, 0);
	return 0;
}

static void pb_fini(struct swtlb_scheme_ctx *ctx)
{
	struct percpu_batch *pb = ctx->priv;

	free(pb->cpu);
	free(pb);
	ctx->priv = NULL;
}

void swtlb_percpu_batch_add(struct swtlb_scheme_ctx *ctx, unsigned int cpu,
			    long n)
{
	struct percpu_batch *pb = ctx->priv;
	atomic_long *d = &pb->cpu[cpu % pb->ncpus].delta;
	long count = atomic_load_explicit(d, memory_order_relaxed) + n;

	if (count >= pb->batch || count <= -pb->batch) {
		long folded = atomic_fetch_add(ctx->total_used, count) + count;

		atomic_store_explicit(d, 0, memory_order_relaxed);
		if (folded > 0)
			swtlb_atomic_max(ctx->used_hiwater,
					 (unsigned long)folded);
		atomic_fetch_add_explicit(&pb->folds, 1, memory_order_relaxed);
		return;
	}
	atomic_store_explicit(d, count, memory_order_relaxed);
}

static unsigned long pb_used(struct swtlb_scheme_ctx *ctx)
{
	struct percpu_batch *pb = ctx->priv;
	long sum = atomic_load_explicit(ctx->total_used, memory_order_relaxed);

	for (unsigned int i = 0; i < pb->ncpus; i++)
		sum += atomic_load_explicit(&pb->cpu[i].delta,
					    memory_order_relaxed);
	return sum > 0 ? (unsigned long)sum : 0;
}

static int pb_stats(struct swtlb_scheme_ctx *ctx, char *buf, size_t len)
{
	struct percpu_batch *pb = ctx->priv;

	return snprintf(buf, len, "batch=%ld folds=%lu bound=%lu", pb->batch,
			atomic_load_explicit(&pb->folds, memory_order_relaxed),
			swtlb_percpu_batch_bound(ctx));
}

unsigned long swtlb_percpu_batch_bound(const struct swtlb_scheme_ctx *ctx)
{
	const struct percpu_batch *pb = ctx->priv;

	return (unsigned long)pb->ncpus * (unsigned long)(pb->batch - 1);
}

const struct swtlb_scheme_ops swtlb_scheme_percpu_batch = {
    .name = "percpu-batch",
    .workloads = SWTLB_SERVES_SWIOTLB,
    .hooks = "percpu_batch",
    .contract = "bounded: |reported - truth| <= ncpus x (batch - 1)",
    .init = pb_init,
    .fini = pb_fini,
    .inc_used = percpu_batch_inc_used,
    .dec_used = percpu_batch_dec_used,
    .used = pb_used,
    .hiwater = swtlb_scheme_mem_hiwater,
    .hiwater_set = swtlb_scheme_mem_hiwater_reset,
    .stats = pb_stats,
};
