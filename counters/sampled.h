/* SPDX-License-Identifier: GPL-2.0-only */
/* counters/sampled.h: sampled's hot-path hooks: none (see sampled.c). */
#ifndef SWTLB_COUNTERS_SAMPLED_H
#define SWTLB_COUNTERS_SAMPLED_H

#include "counters/hooks.h"

SWTLB_SHARD_HOOK(sampled_shard_inc)
{
}
SWTLB_SHARD_HOOK(sampled_shard_dec)
{
}
SWTLB_TOTAL_HOOK(sampled_inc_used)
{
}
SWTLB_TOTAL_HOOK(sampled_dec_used)
{
}

#endif /* SWTLB_COUNTERS_SAMPLED_H */
