/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/counter_tree.h: counter-tree's hot-path hooks (see
 * counter_tree.c): a direct call of swtlb_counter_tree_add(), out of line
 * as the kernel's percpu_counter_tree_add() is (exported from
 * lib/percpu_counter_tree.c). No shard hook.
 */
#ifndef SWTLB_COUNTERS_COUNTER_TREE_H
#define SWTLB_COUNTERS_COUNTER_TREE_H

#include "counters/hooks.h"

void swtlb_counter_tree_add(struct swtlb_scheme_ctx *ctx, unsigned int cpu,
			    int inc);

SWTLB_SHARD_HOOK(counter_tree_shard_inc)
{
}
SWTLB_SHARD_HOOK(counter_tree_shard_dec)
{
}

SWTLB_TOTAL_HOOK(counter_tree_inc_used)
{
	swtlb_counter_tree_add(ctx, cpu, (int)n);
}

SWTLB_TOTAL_HOOK(counter_tree_dec_used)
{
	swtlb_counter_tree_add(ctx, cpu, -(int)n);
}

#endif /* SWTLB_COUNTERS_COUNTER_TREE_H */
