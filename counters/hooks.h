/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/hooks.h: the shape of a scheme's inline hooks.
 *
 * Each scheme's hot-path hooks live in counters/<stem>.h beside its
 * counters/<stem>.c, as four static inline functions <stem>_shard_inc,
 * <stem>_shard_dec, <stem>_inc_used and <stem>_dec_used (empty where the
 * scheme does nothing: they compile to nothing, as the kernel's empty
 * inline functions do). The swiotlb pool compiles its hot path once per hook set
 * (pool/hook_sets.def), so the hooks inline at the kernel's call sites;
 * the .c's ops table points at the same functions for every other caller
 * (tests, other workloads, the `indirect` variant). Parameters as in
 * struct swtlb_scheme_ops (counters/scheme.h).
 */
#ifndef SWTLB_COUNTERS_HOOKS_H
#define SWTLB_COUNTERS_HOOKS_H

#include "counters/scheme.h"

#define SWTLB_UNUSED __attribute__((unused))

#define SWTLB_SHARD_HOOK(fn)                                                   \
	static inline void fn(struct swtlb_scheme_ctx *ctx SWTLB_UNUSED,       \
			      unsigned int shard SWTLB_UNUSED,                 \
			      void *shard_priv SWTLB_UNUSED,                   \
			      unsigned long shard_used SWTLB_UNUSED,           \
			      unsigned int n SWTLB_UNUSED)

#define SWTLB_TOTAL_HOOK(fn)                                                   \
	static inline void fn(struct swtlb_scheme_ctx *ctx SWTLB_UNUSED,       \
			      unsigned int cpu SWTLB_UNUSED,                   \
			      unsigned int n SWTLB_UNUSED,                     \
			      long total SWTLB_UNUSED)

#endif /* SWTLB_COUNTERS_HOOKS_H */
