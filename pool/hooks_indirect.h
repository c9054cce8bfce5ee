/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool/hooks_indirect.h: the `indirect` hook set, a named variant: every
 * hook is a call through the scheme's ops table (NULL: not called), as the
 * pool did before the hot path was compiled per scheme. Used for schemes
 * that are not in pool/hook_sets.def (tests' own ops tables) and to
 * measure what inlining changes (swtlb-pool-cost --hooks indirect).
 */
#ifndef SWTLB_POOL_HOOKS_INDIRECT_H
#define SWTLB_POOL_HOOKS_INDIRECT_H

#include "counters/hooks.h"

SWTLB_SHARD_HOOK(indirect_shard_inc)
{
	if (ctx->ops->shard_inc)
		ctx->ops->shard_inc(ctx, shard, shard_priv, shard_used, n);
}

SWTLB_SHARD_HOOK(indirect_shard_dec)
{
	if (ctx->ops->shard_dec)
		ctx->ops->shard_dec(ctx, shard, shard_priv, shard_used, n);
}

SWTLB_TOTAL_HOOK(indirect_inc_used)
{
	if (ctx->ops->inc_used)
		ctx->ops->inc_used(ctx, cpu, n, total);
}

SWTLB_TOTAL_HOOK(indirect_dec_used)
{
	if (ctx->ops->dec_used)
		ctx->ops->dec_used(ctx, cpu, n, total);
}

#endif /* SWTLB_POOL_HOOKS_INDIRECT_H */
