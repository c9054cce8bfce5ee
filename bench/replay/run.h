/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/replay/run.h: replay a parsed trace on the faithful pool into an
 * in-memory buffer (the body of swtlb-replay, shared with the fuzz target
 * so the fuzzer exercises exactly what the tool runs).
 */
#ifndef SWTLB_BENCH_REPLAY_RUN_H
#define SWTLB_BENCH_REPLAY_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "bench/common/trace.h"
#include "pool/swiotlb.h"

/* The output, built whole before anything is printed. */
struct swtlb_replay_out {
	char *data;
	size_t len, cap;
	bool oom; /* set when the buffer could not grow: output incomplete */
};

/*
 * Runs t on a pool configured as base (nslabs/nareas come from the trace)
 * and appends the format's output to o. Returns 0, or 2 with one line on
 * stderr ("NAME:LINE: pool: why" or out of memory). Free o->data after.
 */
int swtlb_replay_run(const char *name, const struct swtlb_trace *t,
		     const struct swtlb_config *base, bool report_hiwater,
		     struct swtlb_replay_out *o);

#endif /* SWTLB_BENCH_REPLAY_RUN_H */
