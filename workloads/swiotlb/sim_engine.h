/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/swiotlb/sim_engine.h: swtlb-sim's swiotlb model, a deterministic
 * single-threaded discrete-event simulator driving the real pool
 * (pool/swiotlb.h) and any scheme with virtual CPUs, so the true high-water
 * mark is known exactly.
 *
 * Model. Every virtual CPU runs `inflight` I/O streams. A stream issues an
 * I/O (size from the distribution), which is split like the block layer
 * splits it into segments of at most swiotlb_max_mapping_size() (256 KiB),
 * each mapped on the issuing CPU; after its service time (uniform in
 * [svc_lo, svc_hi]) the I/O completes on the same CPU or, with probability
 * remote_pct, on another one, which unmaps every segment; the stream then
 * issues its next I/O at once. An I/O that cannot map all its segments
 * fails: what it mapped is unmapped at once, each failed map is counted,
 * and the stream waits one service time before its next I/O.
 * Schemes with periodic() get it every period_us of virtual time.
 *
 * The mkelley scenario (seed 003's counterexample) adds, once the
 * background is in steady state, `big_count` I/Os of `big` bytes issued one
 * at a time, the k-th on CPU k mod ncpus, each completing (after
 * big_svc_us) before the next is issued; the run stops after the last.
 *
 * The loop scenario is swtlb-bench's measured loop instead: every CPU
 * always running, a FIFO of `inflight` mappings each, unmap-oldest and
 * map-new alternating, operations of different CPUs interleaved one by one
 * in a random order (sim_loop.c, run_loop()).
 *
 * Truth = the exact maximum over virtual time of the slots in use, tracked
 * here from each successful map and unmap (not from any scheme). Every
 * scheme sees the same operations: schemes never change slot choices and
 * the random draws do not depend on the scheme.
 */
#ifndef SWTLB_BENCH_SIM_H
#define SWTLB_BENCH_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bench/common/sizes.h"
#include "counters/scheme.h"

/*
 * Optional observer of every pool operation (swtlb-sim --model): begin
 * before the pool call with the virtual CPU and kind (0 map, 1 unmap,
 * 2 periodic), slots with the slot range the call wrote, end after it.
 */
struct sim_observer {
	void *arg;
	void (*begin)(void *arg, unsigned int cpu, int kind);
	void (*slots)(void *arg, uint64_t first, unsigned int n);
	void (*end)(void *arg);
	/* Once, after the pool is created and before any operation. */
	void (*pool)(void *arg, const struct swtlb_scheme_ctx *ctx);
	/* Once, when the warm-up ends: loop, every FIFO full; otherwise the
	 * first event after one longest service time (every stream has
	 * completed its first I/O). */
	void (*warm)(void *arg);
	/* The loop in virtual time (NULL: not offered): start with CPU c's
	 * clock at start_ns[c] (0, or -1: out of memory); the CPU whose
	 * operation ends next (-1: failed); apply what is in flight. */
	int (*timed_start)(void *arg, const double *start_ns);
	int (*next_cpu)(void *arg);
	void (*drain)(void *arg);
};

struct sim_config {
	unsigned int ncpus;
	unsigned long nslabs;
	unsigned int nareas;
	unsigned int inflight; /* I/O streams per CPU */
	const char *size_spec; /* as given, for the CSV */
	struct swtlb_size_dist sizes;
	uint64_t svc_lo_ns, svc_hi_ns;
	unsigned int remote_pct; /* completions on another CPU, % */
	uint64_t ios;		 /* I/Os to issue (without a scenario) */
	uint64_t seed;
	unsigned int min_align_mask; /* of the simulated device */
	struct swtlb_scheme_params params;
	/* mkelley scenario */
	bool mkelley;
	size_t big;
	unsigned int big_count;
	uint64_t big_svc_ns, big_gap_ns;
	const struct sim_observer *observer; /* NULL: none */
	bool padded_areas;		     /* --area-layout padded */
	bool loop; /* --scenario loop: swtlb-bench's loop, saturated */
};

/* What one run produced. */
struct sim_result {
	uint64_t maps, unmaps, map_failures, ios_done;
	unsigned long truth;		/* exact max of slots in use */
	unsigned long area_hiwater_sum; /* sum over areas of each max */
	bool has_hiwater;
	unsigned long reported;
	uint64_t virtual_ns; /* simulated time */
	char stats[160];     /* the scheme's stats() line, or "" */
	/* stats() when the warm-up ended (the model's counts restart), or
	 * "" without stats or warm-up: the difference is the steady part. */
	char warm_stats[160];
};

/* The operation log of a run, for --emit-trace. */
struct sim_op {
	bool map;
	uint32_t id, cpu, size;
	uint64_t orig_addr;
};
struct sim_oplog {
	struct sim_op *ops;
	size_t len, cap;
	bool oom;
};

/*
 * Runs the whole simulation once with `scheme`. oplog may be NULL. 0, or -1
 * with a one-line reason (pool refused, out of memory, a broken invariant).
 */
int sim_run(const struct sim_config *cfg, const struct swtlb_scheme_ops *scheme,
	    struct sim_result *res, struct sim_oplog *oplog, char *err,
	    size_t errlen);

/* Writes the log as a replay trace with its # oracle header; 0 or -1. */
int sim_write_trace(FILE *f, const struct sim_config *cfg,
		    const struct sim_result *res, const struct sim_oplog *log,
		    const char *cmdline);

#endif /* SWTLB_BENCH_SIM_H */
