// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench/bench/periodic.c: when a run gets the periodic thread. The
 * thread itself is counters/periodic.c, shared with the tests.
 */
#include "bench/bench/periodic.h"

#include "bench/bench/body.h"
#include "counters/periodic.h"

int swtlb_bench_periodic_start(struct swtlb_bench_run *run, char *err,
			       size_t errlen)
{
	/* No scheme (the harness): the ticker alone. */
	struct swtlb_scheme_ctx *ctx =
	    run->ctx ? run->cfg->wl->scheme_ctx(run->ctx) : NULL;
	bool has_periodic = ctx && ctx->ops && ctx->ops->periodic;

	run->periodic = NULL;
	if (!has_periodic && !run->env->opts->ticker)
		return 0;
	run->periodic =
	    swtlb_periodic_start(ctx, run->env->opts->sample_us, err, errlen);
	return run->periodic ? 0 : -1;
}

void swtlb_bench_periodic_stop(struct swtlb_bench_run *run)
{
	swtlb_periodic_stop(run->periodic);
	run->periodic = NULL;
}
