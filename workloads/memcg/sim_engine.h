/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/sim_engine.h: the memcg model of swtlb-sim (sim.c). Virtual
 * CPUs, one operation at a time (round-robin, so nothing races), charge and
 * uncharge through the real workloads/memcg path on a cgroup tree of given
 * depth and fan-out. It knows the pages users hold at every moment, hence the
 * true peak of each counter, and compares it with the memory.peak each scheme
 * reports; the per-CPU stock's share is bounded by
 * ncpus x min(7, memcgs in the subtree) x batch (page-counter-path.md 8).
 */
#ifndef SWTLB_WORKLOADS_MEMCG_SIM_ENGINE_H
#define SWTLB_WORKLOADS_MEMCG_SIM_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "bench/common/sizes.h"
#include "counters/scheme.h"

struct memcg_sim_params {
	unsigned int ncpus;	     /* virtual CPUs */
	unsigned int depth;	     /* levels below the root */
	unsigned int fanout;	     /* children per inner memcg */
	unsigned int leaves_per_cpu; /* leaves a CPU's tasks charge */
	unsigned int batch;	     /* MEMCG_CHARGE_BATCH */
	bool v1;
	unsigned int inflight;	  /* charges a CPU keeps outstanding */
	unsigned int remote_pct;  /* frees through another CPU's stock */
	unsigned int direct_pct;  /* frees straight to the counters */
	unsigned long ops;	  /* operations in all */
	unsigned long sample_ops; /* periodic() every this many ops */
	uint64_t seed;
	struct swtlb_size_dist sizes; /* charge sizes, bytes (pages = /4k) */
};

struct memcg_sim_result {
	unsigned int nmemcgs, nleaves;
	bool has_peak;		       /* the scheme reports a memory.peak */
	uint64_t root_true, root_peak; /* pages */
	uint64_t root_bound;
	uint64_t root_usage_max; /* the largest root usage seen */
	/* over = peak - true over the non-root counters, the worst one */
	int64_t worst_over;
	unsigned int worst_id;
	uint64_t worst_bound;
	unsigned long charges, stock_hits, refused;
};

/* 0, or -1 with a one-line reason in err. */
int memcg_sim_run(const struct memcg_sim_params *p,
		  const struct swtlb_scheme_ops *scheme,
		  struct memcg_sim_result *res, char *err, size_t errlen);

#endif /* SWTLB_WORKLOADS_MEMCG_SIM_ENGINE_H */
