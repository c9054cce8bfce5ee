// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/context.c: see context.h. */
#include "bench/bench/context.h"

#include <stdlib.h>
#include <string.h>

#include "bench/bench/body.h"
#include "bench/bench/periodic.h"
#include "topology/shard_places.h"

/*
 * Where each area's CPUs are on this host (every allowed PU, area id %
 * nareas), for escrow-tier's groups; NULL, and the scheme's fallback of
 * consecutive areas, when hwloc cannot say or memory is short.
 */
static struct swtlb_shard_place *area_places(const struct swtlb_topo *topo,
					     unsigned int nareas)
{
	struct swtlb_shard_place *out = malloc(nareas * sizeof(*out));
	struct swtlb_pu_place *pus = NULL;
	unsigned int npus = 0;
	char err[256];

	if (!out ||
	    swtlb_topo_pu_places(topo, &pus, &npus, err, sizeof(err)) != 0 ||
	    swtlb_shard_places(pus, npus, nareas, out) != 0) {
		free(out);
		out = NULL;
	}
	free(pus);
	return out;
}

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
	run->area_places = area_places(env->topo, env->plan->nareas);
	ws.scheme_params.shard_places = run->area_places;
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
	if (!run->ctx) {
		free(run->area_places);
		run->area_places = NULL;
		return;
	}
	run->hiwater_known = wl->hiwater && wl->hiwater(run->ctx, &hw);
	run->hiwater = run->hiwater_known ? hw : 0;
	if (!atomic_load(&run->failed) && wl->check(run->ctx, err, sizeof(err)))
		swtlb_bench_fail(run, "%s invariants broken after the run: %s",
				 run->cfg->workload, err);
	wl->destroy(run->ctx);
	run->ctx = NULL;
	free(run->area_places); /* read by the scheme's init only */
	run->area_places = NULL;
}
