/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/periodic.h: run a scheme's periodic() on a real thread.
 *
 * swtlb-bench starts one for a scheme whose ops->periodic is set (sampled,
 * hybrid-resync) after creating the pool and stops it after the measured
 * region; swtlb-sim calls periodic() at virtual times instead. The thread is
 * not pinned: on a small machine it competes with the workers, as a
 * kernel timer or kthread would.
 */
#ifndef SWTLB_COUNTERS_PERIODIC_H
#define SWTLB_COUNTERS_PERIODIC_H

#include <stddef.h>

#include "counters/scheme.h"

/* params.period_us when the caller leaves it 0. */
#define SWTLB_DEFAULT_PERIOD_US 1000U

struct swtlb_periodic;

/*
 * Starts a thread calling ctx->ops->periodic(ctx) every period_us
 * (SWTLB_DEFAULT_PERIOD_US when 0), on absolute deadlines so the period
 * does not drift. With ctx NULL, or a scheme without periodic(), the thread
 * only wakes at that period (swtlb-bench's ticker, which gives every scheme
 * the same environment). Returns NULL with a reason in err when the thread
 * cannot start.
 */
struct swtlb_periodic *swtlb_periodic_start(struct swtlb_scheme_ctx *ctx,
					    unsigned int period_us, char *err,
					    size_t errlen);
/* Stops and joins the thread; returns how many calls it made. */
unsigned long swtlb_periodic_stop(struct swtlb_periodic *p);

#endif /* SWTLB_COUNTERS_PERIODIC_H */
