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
 * Cost off: two calls and a flag load per map and per unmap, no shared
 * write (a real static key costs one patched NOP; userspace has no jump
 * labels). Cost on: global-atomic's, plus the same flag load.
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

#include "counters/atomic_max.h"
#include "counters/schemes.h"
#include "counters/shard_view.h"

struct toggle {
	_Alignas(64) atomic_bool on;
	char pad[63];
};

/* Decision taken under the area lock, consumed right after the unlock. */
static _Thread_local bool toggle_counted;

static void toggle_switch(struct swtlb_scheme_ctx *ctx, bool on)
{
	struct toggle *t = ctx->priv;
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
	struct toggle *t = aligned_alloc(64, sizeof(*t));

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

static void toggle_area_change(struct swtlb_scheme_ctx *ctx,
			       unsigned int area_index, void *area_priv,
			       unsigned long area_used, unsigned int nslots)
{
	struct toggle *t = ctx->priv;

	(void)area_index;
	(void)area_priv;
	(void)area_used;
	(void)nslots;
	toggle_counted = atomic_load_explicit(&t->on, memory_order_relaxed);
}

static void toggle_inc_used(struct swtlb_scheme_ctx *ctx, unsigned int cpu,
			    unsigned int nslots, long total)
{
	unsigned long new_used;

	(void)cpu;
	(void)total; /* swiotlb only: the total is this scheme's */
	if (!toggle_counted)
		return;
	new_used =
	    (unsigned long)atomic_fetch_add(ctx->total_used, nslots) + nslots;
	swtlb_atomic_max(ctx->used_hiwater, new_used);
}

static void toggle_dec_used(struct swtlb_scheme_ctx *ctx, unsigned int cpu,
			    unsigned int nslots, long total)
{
	(void)cpu;
	(void)total;
	if (toggle_counted)
		atomic_fetch_sub(ctx->total_used, nslots);
}

static unsigned long toggle_used(struct swtlb_scheme_ctx *ctx)
{
	struct toggle *t = ctx->priv;

	if (atomic_load_explicit(&t->on, memory_order_relaxed))
		return (unsigned long)atomic_load_explicit(
		    ctx->total_used, memory_order_relaxed);
	return swtlb_shards_total(ctx);
}

static bool toggle_hiwater(struct swtlb_scheme_ctx *ctx, unsigned long *out)
{
	struct toggle *t = ctx->priv;

	if (!atomic_load_explicit(&t->on, memory_order_relaxed))
		return false;
	*out = (unsigned long)atomic_load_explicit(ctx->used_hiwater,
						   memory_order_relaxed);
	return true;
}

static int toggle_hiwater_set(struct swtlb_scheme_ctx *ctx, unsigned long val)
{
	struct toggle *t = ctx->priv;

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
    .contract = "off (default): no high-water mark; on: exact like "
		"global-atomic from the moment it was switched on",
    .init = toggle_init,
    .fini = toggle_fini,
    .shard_inc = toggle_area_change,
    .shard_dec = toggle_area_change,
    .inc_used = toggle_inc_used,
    .dec_used = toggle_dec_used,
    .used = toggle_used,
    .hiwater = toggle_hiwater,
    .hiwater_set = toggle_hiwater_set,
    .set_enabled = toggle_set_enabled,
};
