/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/sim/model.h: swtlb-sim's coherence cost model (--model).
 *
 * Every atomic access of the pool and the scheme (bench/sim/model_trace.h) and
 * every slot-array line a map or unmap walks is applied, on the virtual
 * CPU doing it, to a MESI-like directory of 64-byte lines: per line the
 * CPU holding it modified, or the set of CPUs sharing it. One operation's
 * accesses to one line are one visit: the line is fetched once, exclusive
 * if the operation writes it anywhere (the core asks for ownership as soon
 * as it sees the store or locked op coming), shared otherwise. A visit that
 * must fetch the line from another CPU's cache is a transfer, classed by
 * the distance between the two PUs on the given topology:
 *   write, line held by others      -> transfer from the farthest holder
 *                                       (its invalidation is the last ack)
 *   read, line modified elsewhere   -> transfer from the owner
 *   read, line shared, not here     -> transfer from the nearest sharer
 *   first touch by anyone           -> cold (memory), not a transfer
 * Transfers are counted per operation kind (map, unmap, periodic work) and
 * class; the CPU waits for each transfer (stall_ns). Each line also sums
 * the latency of its transfers, which serialise on that line and give the
 * contended ceiling. (A plain store that misses could wait in the store
 * buffer instead; modelled so, the loop came out with too little false
 * sharing: docs/sim.md.)
 */
#ifndef SWTLB_BENCH_SIM_MODEL_H
#define SWTLB_BENCH_SIM_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "topology/topology.h"

enum model_op { MODEL_MAP, MODEL_UNMAP, MODEL_PERIODIC, MODEL_NOPS };

/* Latency of one transfer per distance class, and the cost of an
 * uncontended map+unmap pair, in ns. */
struct model_lat {
	double ns[SWTLB_MODEL_DIST_NCLASSES];
	double base_pair_ns;
};

/* Defaults (docs/sim.md says where they come from). */
#define MODEL_LAT_SMT_NS     8.0
#define MODEL_LAT_CACHE_NS   40.0
#define MODEL_LAT_PACKAGE_NS 100.0
#define MODEL_LAT_NODE_NS    130.0
#define MODEL_LAT_REMOTE_NS  200.0
#define MODEL_BASE_PAIR_NS   150.0

struct model_result {
	uint64_t ops[MODEL_NOPS];
	uint64_t xfer[MODEL_NOPS][SWTLB_MODEL_DIST_NCLASSES];
	double stall_ns; /* the time CPUs waited for lines, summed */
	uint64_t cold;
	uint64_t lines;	    /* distinct lines touched */
	double hot_busy_ns; /* transfer time serialised on the busiest line */
	char hot_line[48];  /* what that line holds */
	unsigned int ncpus;
	double virtual_ns; /* virtual time measured (model_timed_start), or 0 */
};

struct model;

/*
 * places[i] is virtual CPU i (ncpus <= nplaces). NULL with a reason.
 * Installs itself as the trace hook until model_free().
 */
struct model *model_new(const struct swtlb_pu_place *places, unsigned int ncpus,
			const struct model_lat *lat, char *err, size_t errlen);
void model_free(struct model *m);

/* A named address range, for naming the busiest line. */
void model_region(struct model *m, const void *base, size_t bytes,
		  const char *name, size_t stride);

/* Accesses between begin and end are made by `cpu` for `op`. */
void model_begin(struct model *m, unsigned int cpu, enum model_op op);
/* Plain loads and stores of slot-array entries [first, first + n) (24
 * bytes each). */
void model_slots(struct model *m, uint64_t first, unsigned int n);
/* Applies the operation's visits; returns its modelled duration in ns:
 * half the uncontended pair for a map or unmap (0 for periodic work) plus
 * the latency of the transfers it stalled on. In virtual time it only
 * queues the operation's accesses (and returns 0). */
double model_end(struct model *m);
/*
 * Virtual time (model_timed.c), for a loop where every CPU always runs:
 * from now on each map or unmap (not periodic work) is applied access by
 * access in time order, CPU c starting at start_ns[c]. model_next_cpu()
 * applies accesses until an operation ends and returns its CPU, which the
 * caller gives its next operation (model_begin ... model_end); -1 on
 * failure. model_drain() applies what is in flight and leaves virtual
 * time. 0 or -1 (out of memory).
 */
int model_timed_start(struct model *m, const double *start_ns);
int model_next_cpu(struct model *m);
void model_drain(struct model *m);
/* Zeroes the counts, keeps where every line is: the warm-up is over. */
void model_reset_counts(struct model *m);
/* Out of memory while recording: the result is incomplete. */
bool model_failed(const struct model *m);

void model_result(const struct model *m, struct model_result *r);

/* Derived figures, per map+unmap pair. */
double model_xfer_per_pair(const struct model_result *r,
			   enum swtlb_model_dist c);
/* base + the time waited for lines, per pair. */
double model_ns_per_pair(const struct model_result *r,
			 const struct model_lat *lat);
/* Pairs per second: the busiest line's ceiling, and min(ncpus / ns, it);
 * in virtual time, where every CPU is busy and each line's transfers
 * queue, ns per pair is ncpus x the time / pairs and the projection is
 * that rate alone. */
double model_ceiling(const struct model_result *r);
double model_projected(const struct model_result *r,
		       const struct model_lat *lat, unsigned int ncpus);

#endif /* SWTLB_BENCH_SIM_MODEL_H */
