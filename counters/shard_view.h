/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/shard_view.h: how a scheme reaches the workload's shards
 * (struct swtlb_shard_view in counters/scheme.h): its private bytes in
 * each shard, the shard's lock, its used count and the workload's total.
 */
#ifndef SWTLB_COUNTERS_SHARD_VIEW_H
#define SWTLB_COUNTERS_SHARD_VIEW_H

#include "counters/scheme.h"

static inline void *swtlb_shard_priv(const struct swtlb_scheme_ctx *ctx,
				     unsigned int i)
{
	return ctx->shards.base + (size_t)i * ctx->shards.stride +
	       ctx->shards.priv_off;
}

/* READ_ONCE(shard->used). */
static inline unsigned long swtlb_shard_used(const struct swtlb_scheme_ctx *ctx,
					     unsigned int i)
{
	return ctx->shards.used(ctx->shards.arg, i);
}

static inline void swtlb_shard_lock(const struct swtlb_scheme_ctx *ctx,
				    unsigned int i)
{
	ctx->shards.lock(ctx->shards.arg, i);
}

static inline void swtlb_shard_unlock(const struct swtlb_scheme_ctx *ctx,
				      unsigned int i)
{
	ctx->shards.unlock(ctx->shards.arg, i);
}

/* Every shard's lock, in index order (the order every all-lock path uses,
 * so two of them cannot deadlock), and their release in reverse. */
static inline void swtlb_shard_lock_all(const struct swtlb_scheme_ctx *ctx)
{
	for (unsigned int i = 0; i < ctx->shards.nshards; i++)
		swtlb_shard_lock(ctx, i);
}

static inline void swtlb_shard_unlock_all(const struct swtlb_scheme_ctx *ctx)
{
	for (unsigned int i = ctx->shards.nshards; i-- > 0;)
		swtlb_shard_unlock(ctx, i);
}

/*
 * The workload's lockless total (swiotlb without CONFIG_DEBUG_FS:
 * mem_pool_used(), the sum of READ_ONCE(area->used)). Approximate while
 * gets and puts run: each shard is read at a different instant.
 */
static inline unsigned long
swtlb_shards_total(const struct swtlb_scheme_ctx *ctx)
{
	unsigned long sum = 0;

	if (ctx->shards.total)
		return ctx->shards.total(ctx->shards.arg);
	for (unsigned int i = 0; i < ctx->shards.nshards; i++)
		sum += swtlb_shard_used(ctx, i);
	return sum;
}

#endif /* SWTLB_COUNTERS_SHARD_VIEW_H */
