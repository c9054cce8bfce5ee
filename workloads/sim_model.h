/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/sim_model.h: a workload's model in swtlb-sim (bench/sim/).
 *
 * swtlb-sim owns the command line's common part (--workload, --schemes,
 * --out, --resume), the results file, the CSV rows and the table on
 * stderr; a model owns its own options (a cli.h table over its config),
 * and runs the whole simulation once per scheme, deterministically,
 * knowing the exact peak of its counter (the truth). A workload without a
 * model (ops->sim NULL) is refused by swtlb-sim.
 */
#ifndef SWTLB_WORKLOADS_SIM_MODEL_H
#define SWTLB_WORKLOADS_SIM_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bench/common/cli.h"
#include "bench/common/csv.h"
#include "counters/scheme.h"

/* What one simulated run gives the row and the table. */
struct swtlb_sim_outcome {
	uint64_t units;	   /* gets done: the iterations cell */
	uint64_t failures; /* gets that failed: map_failures */
	bool has_hiwater;  /* the scheme reports a mark */
	unsigned long reported;
	unsigned long truth; /* the exact peak, in the counter's unit */
	char stats[160];     /* the scheme's stats() line, or "" */
};

struct swtlb_sim_model {
	const struct swtlb_cli_opt *opts; /* its options, NULL-terminated */
	const char *usage;		  /* their --help lines */
	const char *examples;		  /* --help example lines */
	size_t cfg_size;		  /* its config, zeroed then defaults */
	void (*defaults)(void *cfg);
	/* After parsing, before any row: combinations, derived values, files
	 * it will write (out: the results path or NULL; cmdline: the whole
	 * command, for what it writes). 0, or -1 with err. */
	int (*resolve)(void *cfg, const char *out, const char *cmdline,
		       char *err, size_t errlen);
	/* One line on stderr saying what is simulated. */
	void (*describe)(const void *cfg, FILE *f);
	/* One whole run; `first` is the first scheme of the invocation.
	 * 0, or -1 with a one-line reason. */
	int (*run)(void *cfg, const struct swtlb_scheme_ops *scheme, bool first,
		   struct swtlb_sim_outcome *out, char *err, size_t errlen);
	/* The cells that describe the configuration (threads, cpus, size_dist,
	 * queue_depth, pool cells, workload_params; strings owned by cfg). */
	void (*row)(const void *cfg, struct swtlb_csv_row *row);
	void (*cleanup)(void *cfg); /* may be NULL */
};

#endif /* SWTLB_WORKLOADS_SIM_MODEL_H */
