/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/swiotlb/sim_opts.h: the swiotlb model's configuration in
 * swtlb-sim, its option table (sim_opts.c) and defaults; sim.c resolves
 * and runs it.
 */
#ifndef SWTLB_WORKLOADS_SWIOTLB_SIM_OPTS_H
#define SWTLB_WORKLOADS_SWIOTLB_SIM_OPTS_H

#include <stdbool.h>
#include <stdio.h>

#include "bench/common/cli.h"
#include "workloads/swiotlb/sim_coherence.h"
#include "workloads/swiotlb/sim_engine.h"

struct swiotlb_sim {
	struct sim_config cfg;
	const char *nareas, *nslabs, *sizes, *small, *trace;
	bool big_set, big_count_set, big_svc_set;
	char dist[160], cpus[64];
	FILE *trace_f;
	struct sim_model_opts model; /* --model and its flags */
	struct sim_model *coherence; /* NULL without --model */
};

extern const struct swtlb_cli_opt swiotlb_sim_opts[];
void swiotlb_sim_defaults(void *t);
/* A number of option opt in [lo, hi]; 0, or -1 with err. */
int swiotlb_sim_number(const char *opt, const char *s, unsigned long long lo,
		       unsigned long long hi, unsigned long long *v, char *err,
		       size_t errlen);

#endif /* SWTLB_WORKLOADS_SWIOTLB_SIM_OPTS_H */
