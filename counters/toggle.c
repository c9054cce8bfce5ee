/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/toggle.c: global-atomic behind a runtime switch, off by default
 * (seed 003's static-key / static_call idea).
 *
 * The switch is a read-mostly flag on its own cache line. A map or unmap
 * reads it under the area lock, at the instant area->used changes, and
 * passes the decision to its after-unlock hook in a thread-local; so every
 * change is counted in total_used exactly when its area->used change
 * happened while the switch was on. Switching on locks every area in turn
 * order, holding all of them at once: total_used = sum of area->used,
 * used_hiwater = total_used, flag on. Nothing can slip between the
 * snapshot and the flag.
 *
 * Cost off: a flag load under the lock and a thread-local test after it,
 * per map and per unmap, no shared write (a real static key costs one
 * patched NOP; userspace has no jump labels). Cost on: global-atomic's,
 * plus the same flag load.
 *
 * Contract: off: no high-water mark (hiwater() returns false, like a
 * kernel without it); on: exact like global-atomic for everything since the
 * moment it was switched on (the mark starts at the used count of that
 * moment). Switching off freezes nothing: the mark is gone until on again.
 * Reset while on: 0 accepted (reads 0 until the next map), others -EINVAL;
 * while off: -EINVAL (there is no mark to reset).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "counters/schemes.h"
#include "counters/shard_view.h"
#include "counters/toggle.h"

_Thread_local bool swtlb_toggle_counted;

static void toggle_switch(struct swtlb_scheme_ctx *ctx, bool on)
{
	struct swtlb_toggle *t = ctx->priv;
	unsigned long sum = 0;

	for (unsigned int i = 0; i < ctx->shards.nshards; i++)
		swtlb_shard_lock(ctx, i);
	if (on && !atomic_load_explicit(&t->on, memory_order_relaxed)) {
		for (unsigned int i = 0; i < ctx->shards.nshards; i++)
			sum += swtlb_shard_used(ctx, i);
		atomic_store(ctx->total_used, (long)sum);
		atomic_store(ctx->used_hiwater, (long)sum);
	}
	atomic_store_explicit(&t->on, on, memory_order_relaxed);
	for (unsigned int i = ctx->shards.nshards; i-- > 0;)
		swtlb_shard_unlock(ctx, i);
}

static int toggle_init(struct swtlb_scheme_ctx *ctx, char *err, size_t errlen)
{
	struct swtlb_toggle *t = aligned_alloc(64, sizeof(*t));

	if (!t) {
		snprintf(err, errlen, "toggle: out of memory");
		return -ENOMEM;
	}
	atomic_init(&t->on, false);
	ctx->priv = t;
	atomic_store(ctx->total_used, 0);
	atomic_store(ctx->used_hiwater, 0);
	if (ctx->params.enabled)
		toggle_switch(ctx, true);
	return 0;
}

static void toggle_fini(struct swtlb_scheme_ctx *ctx)
{
	free(ctx->priv);
	ctx->priv = NULL;
}

static unsigned long toggle_used(struct swtlb_scheme_ctx *ctx)
{
	struct swtlb_toggle *t = ctx->priv;

	if (atomic_load_explicit(&t->on, memory_order_relaxed))
		return (unsigned long)atomic_load_explicit(
		    ctx->total_used, memory_order_relaxed);
	return swtlb_shards_total(ctx);
}

static bool toggle_hiwater(struct swtlb_scheme_ctx *ctx, unsigned long *out)
{
	struct swtlb_toggle *t = ctx->priv;

	if (!atomic_load_explicit(&t->on, memory_order_relaxed))
		return false;
	*out = (unsigned long)atomic_load_explicit(ctx->used_hiwater,
						   memory_order_relaxed);
	return true;
}

static int toggle_hiwater_set(struct swtlb_scheme_ctx *ctx, unsigned long val)
{
	struct swtlb_toggle *t = ctx->priv;

	if (val != 0 || !atomic_load_explicit(&t->on, memory_order_relaxed))
		return -EINVAL;
	atomic_store_explicit(ctx->used_hiwater, 0, memory_order_relaxed);
	return 0;
}

static void toggle_set_enabled(struct swtlb_scheme_ctx *ctx, bool on)
{
	toggle_switch(ctx, on);
}

const struct swtlb_scheme_ops swtlb_scheme_toggle = {
    .name = "toggle",
    .workloads = SWTLB_SERVES_SWIOTLB,
    .hooks = "toggle",
    .contract = "off (default): no high-water mark; on: exact like "
		"global-atomic from the moment it was switched on",
    .init = toggle_init,
    .fini = toggle_fini,
    .shard_inc = toggle_shard_inc,
    .shard_dec = toggle_shard_dec,
    .inc_used = toggle_inc_used,
    .dec_used = toggle_dec_used,
    .used = toggle_used,
    .hiwater = toggle_hiwater,
    .hiwater_set = toggle_hiwater_set,
    .set_enabled = toggle_set_enabled,
};
