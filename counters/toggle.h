/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/toggle.h: toggle's hot-path hooks (see toggle.c): the switch is
 * read under the area lock, where area->used changes, and the decision is
 * carried to the after-unlock hook in a thread-local.
 */
#ifndef SWTLB_COUNTERS_TOGGLE_H
#define SWTLB_COUNTERS_TOGGLE_H

#include "counters/atomic_max.h"
#include "counters/hooks.h"

struct swtlb_toggle {
	_Alignas(64) atomic_bool on; /* read-mostly, on its own line */
	char pad[63];
};

/* Decision taken under the area lock, consumed right after the unlock. */
extern _Thread_local bool swtlb_toggle_counted;

static inline void toggle_note(struct swtlb_scheme_ctx *ctx)
{
	struct swtlb_toggle *t = ctx->priv;

	swtlb_toggle_counted =
	    atomic_load_explicit(&t->on, memory_order_relaxed);
}

SWTLB_SHARD_HOOK(toggle_shard_inc)
{
	toggle_note(ctx);
}
SWTLB_SHARD_HOOK(toggle_shard_dec)
{
	toggle_note(ctx);
}

SWTLB_TOTAL_HOOK(toggle_inc_used)
{
	unsigned long new_used;

	if (!swtlb_toggle_counted)
		return;
	new_used = (unsigned long)atomic_fetch_add(ctx->total_used, n) + n;
	swtlb_atomic_max(ctx->used_hiwater, new_used);
}

SWTLB_TOTAL_HOOK(toggle_dec_used)
{
	if (swtlb_toggle_counted)
		atomic_fetch_sub(ctx->total_used, n);
}

#endif /* SWTLB_COUNTERS_TOGGLE_H */
