/* SPDX-License-Identifier: GPL-2.0-only */
/* bench/replay/memcg.h: swtlb-replay's memcg workload. */
#ifndef SWTLB_BENCH_REPLAY_MEMCG_H
#define SWTLB_BENCH_REPLAY_MEMCG_H

#include "workloads/memcg/replay.h"

/* Replays the trace at path to stdout; the exit status (0 or 2). */
int swtlb_replay_memcg(const char *path, const struct memcg_replay_opts *opts);

#endif /* SWTLB_BENCH_REPLAY_MEMCG_H */
