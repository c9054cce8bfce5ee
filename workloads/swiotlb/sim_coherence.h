/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/swiotlb/sim_coherence.h: swtlb-sim --model: the coherence model
 * (model.h) run beside each scheme's simulation, its stderr table and its CSV.
 */
#ifndef SWTLB_WORKLOADS_SWIOTLB_SIM_COHERENCE_H
#define SWTLB_WORKLOADS_SWIOTLB_SIM_COHERENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "bench/sim/lat_from.h"
#include "bench/sim/model.h"
#include "workloads/swiotlb/sim_engine.h"

struct sim_model_opts {
	bool on;
	const char *topology; /* "host", "synthetic:...", "xml:FILE" */
	struct model_lat lat;
	/* Where each class's latency comes from: the --lat-* flags win over
	 * --lat-from FILE, which wins over the defaults. */
	enum model_lat_src lat_src[SWTLB_MODEL_DIST_NCLASSES];
	const char *lat_from;		/* --lat-from FILE, or NULL */
	struct model_lat_file lat_file; /* what it held */
	const char *out;		/* model CSV, appended; NULL: none */
	bool flags; /* any of the above given (they need --model) */
};

struct sim_model;

void sim_model_defaults(struct sim_model_opts *o);
/* Reads --lat-from FILE into the classes no --lat-* flag set; 0, or -1
 * with a one-line reason. */
int sim_model_resolve_lat(struct sim_model_opts *o, char *err, size_t errlen);
/* Each class's latency and where it came from (file, flag, default). */
void sim_model_print_lat(const struct sim_model_opts *o, FILE *f);
/* Loads the topology and opens the CSV; NULL with a one-line reason. */
struct sim_model *sim_model_prepare(const struct sim_model_opts *o,
				    const struct sim_config *cfg,
				    const char *size_dist, char *err,
				    size_t errlen);
/* Before one scheme's sim_run: a fresh model observing cfg. */
int sim_model_start(struct sim_model *sm, struct sim_config *cfg, char *err,
		    size_t errlen);
/* After it: the stderr line and the CSV row; 0 or -1 with a reason. */
int sim_model_finish(struct sim_model *sm, struct sim_config *cfg,
		     const char *scheme, const struct sim_result *r, char *err,
		     size_t errlen);
/* The model's table on stderr, one line per finished scheme. */
void sim_model_print_table(const struct sim_model *sm);
void sim_model_close(struct sim_model *sm);

#endif /* SWTLB_WORKLOADS_SWIOTLB_SIM_COHERENCE_H */
