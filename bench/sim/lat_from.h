/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/sim/lat_from.h: the coherence model's latency per distance class
 * from a swtlb-bench results CSV (swtlb-sim --model --lat-from FILE).
 *
 * Each row's handoff_pairs (`class:A-B=ns;...`, docs/csv.md) holds the
 * hand-off pre-flight's one-way figure of one CPU pair per distance class
 * of its thread set. The pre-flight's classes map onto the model's five
 * (topology.h): smt -> smt, cache -> cache, die and node (one package and
 * NUMA node, no shared cache) -> package, package (one package, two NUMA
 * nodes: SNC, NPS) -> node, cross-package -> remote. Per
 * model class the figure is the median over every measured pair of every
 * row, and the model's latency is half of it (model_lat_from_handoff).
 */
#ifndef SWTLB_BENCH_SIM_LAT_FROM_H
#define SWTLB_BENCH_SIM_LAT_FROM_H

#include <stddef.h>

#include "topology/topology.h"

/* Where one class's latency came from, strongest last. */
enum model_lat_src { MODEL_LAT_DEFAULT, MODEL_LAT_FILE, MODEL_LAT_FLAG };

/* "default", "file", "flag". */
const char *model_lat_src_name(enum model_lat_src s);

/*
 * The model's latency of one transfer from a measured one-way hand-off.
 * The pre-flight's responder spins with loads and answers with a plain
 * store, so each one-way hand-off is two coherence transactions (the
 * store invalidates the spinner's copy, then the spinner's load misses),
 * where the model's transfer is one: half.
 */
double model_lat_from_handoff(double one_way_ns);

struct model_lat_file {
	/* Per model class: how many measured pairs, their median one-way
	 * hand-off and the latency taken from it (valid when npairs > 0). */
	unsigned int npairs[SWTLB_MODEL_DIST_NCLASSES];
	double median_handoff_ns[SWTLB_MODEL_DIST_NCLASSES];
	double ns[SWTLB_MODEL_DIST_NCLASSES];
};

/*
 * Reads path, a results CSV of any schema with a handoff_pairs column
 * (a regular file within the CSV reader's size cap). Entries `=?` (not
 * measured) and without `=` (--handoff-ms 0) are skipped; rows must come
 * from one host. 0, or -1 with a one-line reason, file text in it made
 * printable: not a regular file, not CSV, no handoff_pairs column, an
 * entry of an unknown form or class, a figure that is not a number in
 * (0, 1e6] ns, rows of two hosts, no measured pair at all.
 */
int model_lat_read(const char *path, struct model_lat_file *out, char *err,
		   size_t errlen);

#endif /* SWTLB_BENCH_SIM_LAT_FROM_H */
