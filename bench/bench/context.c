// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/context.c: see context.h. */
#include "bench/bench/context.h"

#include <string.h>

#include "bench/bench/body.h"
#include "bench/bench/periodic.h"

/* Thread 0, before the start: the workload's context, periodic work. */
void swtlb_bench_context_setup(struct swtlb_bench_run *run)
{
	const struct swtlb_bench_env *env = run->env;
	const struct swtlb_bench_opts *o = env->opts;
	const struct swtlb_bench_config *c = run->cfg;
	struct swtlb_workload_setup ws;
	char err[256];

	if (atomic_load(env->interrupted)) {
		swtlb_bench_fail(run, "interrupted");
		return;
	}
	memset(&ws, 0, sizeof(ws));
	ws.scheme = c->scheme;
	ws.scheme_params.ncpus = env->plan->ncpus;
	ws.scheme_params.batch = o->batch;
	if (!ws.scheme_params.batch) {
		/* percpu_counter_batch = max(32, 2 x online CPUs) */
		unsigned int b = 2 * env->plan->ncpus;
		ws.scheme_params.batch = b > 32 ? b : 32;
	}
	ws.scheme_params.period_us = o->sample_us;
	ws.params = c->wparams;
	ws.threads = c->threads;
	ws.ncpus = env->plan->ncpus;
	ws.nslabs = env->plan->nslabs;
	ws.nareas = env->plan->nareas;
	ws.kconfig = c->kconfig;
	ws.area_layout = c->area_layout;
	ws.bounce = c->bounce;
	run->placed.bounce = env->bounce_mem;
	run->placed.meta = env->meta;
	swtlb_placed_hook(&run->placed, &ws);
	run->ctx = c->wl->create(&ws, err, sizeof(err));
	if (!run->ctx) {
		swtlb_bench_fail(run, "%s: %s", c->workload, err);
		return;
	}
	swtlb_placed_check(&run->placed);
	if (swtlb_bench_periodic_start(run, err, sizeof(err)))
		swtlb_bench_fail(run, "periodic: %s", err);
}

/* Thread 0, after every worker drained: read, check, tear down. */
void swtlb_bench_context_teardown(struct swtlb_bench_run *run)
{
	const struct swtlb_workload_ops *wl = run->cfg->wl;
	char err[256];
	unsigned long hw;
	int periodic_failed;

	swtlb_bench_periodic_stop(run, err, sizeof(err), &periodic_failed);
	if (periodic_failed)
		swtlb_bench_fail(run, "%s", err);
	if (!run->ctx)
		return;
	run->hiwater_known = wl->hiwater && wl->hiwater(run->ctx, &hw);
	run->hiwater = run->hiwater_known ? hw : 0;
	if (!atomic_load(&run->failed) && wl->check(run->ctx, err, sizeof(err)))
		swtlb_bench_fail(run, "%s invariants broken after the run: %s",
				 run->cfg->workload, err);
	wl->destroy(run->ctx);
	run->ctx = NULL;
}
