/* SPDX-License-Identifier: GPL-2.0-only */
/* counters/none.h: none's hot-path hooks: none (see none.c). */
#ifndef SWTLB_COUNTERS_NONE_H
#define SWTLB_COUNTERS_NONE_H

#include "counters/hooks.h"

SWTLB_SHARD_HOOK(none_shard_inc)
{
}
SWTLB_SHARD_HOOK(none_shard_dec)
{
}
SWTLB_TOTAL_HOOK(none_inc_used)
{
}
SWTLB_TOTAL_HOOK(none_dec_used)
{
}

#endif /* SWTLB_COUNTERS_NONE_H */
