/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/percpu_batch.h: percpu-batch's hot-path hooks (see
 * percpu_batch.c). Each is a direct call of swtlb_percpu_batch_add(),
 * out of line as the kernel's percpu_counter_add_batch() is (an exported
 * function of lib/percpu_counter.c, not an inline).
 */
#ifndef SWTLB_COUNTERS_PERCPU_BATCH_H
#define SWTLB_COUNTERS_PERCPU_BATCH_H

#include "counters/hooks.h"

void swtlb_percpu_batch_add(struct swtlb_scheme_ctx *ctx, unsigned int cpu,
			    long n);

SWTLB_SHARD_HOOK(percpu_batch_shard_inc)
{
}
SWTLB_SHARD_HOOK(percpu_batch_shard_dec)
{
}

SWTLB_TOTAL_HOOK(percpu_batch_inc_used)
{
	swtlb_percpu_batch_add(ctx, cpu, (long)n);
}

SWTLB_TOTAL_HOOK(percpu_batch_dec_used)
{
	swtlb_percpu_batch_add(ctx, cpu, -(long)n);
}

#endif /* SWTLB_COUNTERS_PERCPU_BATCH_H */
