/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/schemes.h: every scheme's ops table, for counters/registry.c,
 * plus helpers tests and tools may use. Callers that pick a scheme by name
 * use swtlb_schemes[] / swtlb_scheme_find() from counters/scheme.h.
 */
#ifndef SWTLB_COUNTERS_SCHEMES_H
#define SWTLB_COUNTERS_SCHEMES_H

#include "counters/scheme.h"

extern const struct swtlb_scheme_ops swtlb_scheme_none;
extern const struct swtlb_scheme_ops swtlb_scheme_global_atomic;
extern const struct swtlb_scheme_ops swtlb_scheme_area_hiwater;
extern const struct swtlb_scheme_ops swtlb_scheme_sampled;
extern const struct swtlb_scheme_ops swtlb_scheme_toggle;
extern const struct swtlb_scheme_ops swtlb_scheme_percpu_batch;
extern const struct swtlb_scheme_ops swtlb_scheme_racy_max;
extern const struct swtlb_scheme_ops swtlb_scheme_lazy_peak;
extern const struct swtlb_scheme_ops swtlb_scheme_hybrid_resync;
extern const struct swtlb_scheme_ops swtlb_scheme_escrow;
extern const struct swtlb_scheme_ops swtlb_scheme_escrow_grant;
extern const struct swtlb_scheme_ops swtlb_scheme_escrow_tier;
extern const struct swtlb_scheme_ops swtlb_scheme_counter_tree;
extern const struct swtlb_scheme_ops swtlb_scheme_pcpu_reserve;

/* percpu-batch's stated error bound, ncpus x (batch - 1), once inited. */
unsigned long swtlb_percpu_batch_bound(const struct swtlb_scheme_ctx *ctx);
/* counter-tree's E: truth - E <= mark <= truth, once inited. */
unsigned long swtlb_counter_tree_bound(const struct swtlb_scheme_ctx *ctx);
/* pcpu-reserve's ncpus x (rsv - 1), once inited. */
unsigned long swtlb_pcpu_reserve_bound(const struct swtlb_scheme_ctx *ctx);

#endif /* SWTLB_COUNTERS_SCHEMES_H */
