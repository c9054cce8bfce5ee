/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reports/results.h: results CSV rows (csv-schema.md) validated and grouped
 * by configuration, then by scheme within a configuration.
 *
 * Columns are found by header name. Empty cells are "not measured" and stay
 * unknown (never zero); a cell that is present but not a number is an error.
 */
#ifndef SWTLB_REPORTS_RESULTS_H
#define SWTLB_REPORTS_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include "reports/csv_read.h"

/* The configuration a group shares: every column but scheme and rep. */
enum cfg_key {
	K_WORKLOAD,
	K_WORKLOAD_PARAMS, /* schema 2; "" in version-1 files */
	K_LAYOUT,
	K_THREADS,
	K_SIZE_DIST,
	K_QUEUE_DEPTH,
	K_BOUNCE,
	K_KCONFIG,
	K_AREA_LAYOUT,
	K_NAREAS,
	K_NSLABS,
	K_SRC_SET, /* schema 2 (issue 11); "" in a version-1 file */
	NKEYS
};
extern const char *const cfg_key_column[NKEYS];

/* Per-row measurements that may be absent (empty cell or no column). */
enum metric {
	M_OPS,	     /* ops_per_sec */
	M_CYCLES,    /* cycles_per_op */
	M_INSNS,     /* instructions_per_op */
	M_MISSES,    /* cache_misses_per_op */
	M_HW_REP,    /* hiwater_reported */
	M_HW_TRUTH,  /* hiwater_truth */
	M_HW_ERR,    /* hiwater_err_pct */
	M_MAP_FAILS, /* map_failures */
	M_JAIN,	     /* jain_index (schema 2) */
	M_HANDOFF,   /* handoff_ns (schema 2) */
	NMETRICS
};
extern const char *const metric_column[NMETRICS];

struct samples {
	size_t n, cap;
	double *v;
};

/* One --events event of a scheme (schema 2's pmu_* lists). */
struct event_stats {
	char *name;
	struct samples per_op; /* reps where it was counted */
	size_t scaled;	       /* of those, reps scaled for multiplexing */
};

struct scheme_stats {
	const char *name;
	size_t rows; /* repetitions seen, measured or not */
	struct samples m[NMETRICS];
	size_t nevent;
	struct event_stats *event;
};

struct cfg_group {
	const char *key[NKEYS];
	long threads;
	size_t nscheme;
	struct scheme_stats *scheme; /* in order of first appearance */
};

/* Distinct values of a metadata column (host, kernel, ...). */
enum meta_field {
	META_HOST,
	META_CPU,
	META_KERNEL,
	META_REV,
	META_RUN,
	META_POOL,     /* nslabs_spec (schema 2) */
	META_SRC,      /* src_set (schema 2) */
	META_PERIODIC, /* periodic_on (schema 2) */
	/* Host facts (schema 2; issue 12), from META_FACTS on. */
	META_DRIVER,
	META_GOVERNOR,
	META_BOOST,
	META_SMT,
	META_MICROCODE,
	META_MITIGATIONS,
	META_THP,
	META_NUMA_BAL,
	META_VIRT,
	NMETA
};
#define META_FACTS META_DRIVER
struct meta_values {
	size_t n;
	const char **v;
};

/* A row filter: the configuration column key (or the scheme, key ==
 * NKEYS) must equal value. Filters on one column are alternatives; filters
 * on different columns must all hold. */
struct row_filter {
	int key;
	const char *value;
};

/* Rows already read, by run_id, configuration, scheme and rep: a second
 * copy (the same file given twice, two runs appending at once) would pool
 * into a false significance, so it is refused. */
struct row_seen {
	char *key;
	const char *path;
	long line;
};

struct results {
	size_t nfilter;
	const struct row_filter *filter; /* set before loading; not owned */
	size_t nfile;
	struct csv_file *file;
	size_t ngroup;
	struct cfg_group *group; /* in order of first appearance */
	struct meta_values meta[NMETA];
	size_t nrows;	 /* rows kept */
	size_t nskipped; /* valid rows the filters left out */
	size_t nseen_cap, nseen;
	struct row_seen *seen; /* open-addressing table of row keys */
	size_t nzero_iter;     /* rows with 0 iterations: ops/s unknown */
};

/* Parses "COLUMN=VALUE" (a configuration column or scheme) into f.
 * Returns 0, or -1 with a message in err. */
int row_filter_parse(const char *spec, struct row_filter *f, char *err,
		     size_t errlen);

/*
 * Reads and validates each file and adds its rows. Returns 0, or -1 with
 * "FILE:LINE: what is wrong" in err.
 */
int results_load(struct results *r, const char *path, char *err, size_t errlen);
/* Same from an already-parsed CSV (takes ownership of f). */
int results_add_csv(struct results *r, struct csv_file *f, char *err,
		    size_t errlen);
void results_free(struct results *r);

/* The group with the same configuration, or NULL. */
const struct cfg_group *results_find_group(const struct results *r,
					   const struct cfg_group *like);
/* The scheme of that name in g, or NULL. */
const struct scheme_stats *group_find_scheme(const struct cfg_group *g,
					     const char *name);

void samples_push(struct samples *s, double v);

#endif /* SWTLB_REPORTS_RESULTS_H */
