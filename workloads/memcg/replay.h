/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/replay.h: replay a memcg trace on the faithful copy and
 * print what the kernel's functions answer (trace-format-pc.md, Output).
 */
#ifndef SWTLB_WORKLOADS_MEMCG_REPLAY_H
#define SWTLB_WORKLOADS_MEMCG_REPLAY_H

#include <stdio.h>

#include "counters/scheme.h"
#include "workloads/memcg/trace.h"

struct memcg_replay_opts {
	/* memory.peak's scheme (NULL: racy-max, the upstream code) */
	const struct swtlb_scheme_ops *wm_ops;
	/* page_counter's hooks through the ops table (named variant) */
	bool hooks_indirect;
	/*
	 * After the final state, one line per counter:
	 * "peak <id> true <T> watermark <W> over <W-T> bound <B>
	 *  true_local <t> local <L>[ speculative]", the figures of the
	 * vectors' "# oracle:" lines.
	 */
	bool report_peaks;
	/* Check the invariants of the vectors' README after every op. */
	bool check_invariants;
};

/*
 * Replays t, writing the output to out. 0, or -1 with err set to
 * "NAME:LINE: what is wrong" (uncharging more than held, a broken
 * invariant); out then holds a partial result the caller must discard.
 */
int memcg_replay(const struct memcg_trace *t, const char *name,
		 const struct memcg_replay_opts *opts, FILE *out, char *err,
		 size_t errlen);

#endif /* SWTLB_WORKLOADS_MEMCG_REPLAY_H */
