/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tools/linetrace/linetrace.h: one traced run, cut into ops, as the
 * analyser (analyse.c) reads it and the projection (project.c) replays it.
 */
#ifndef LT_LINETRACE_H
#define LT_LINETRACE_H

#include <stddef.h>
#include <stdint.h>

enum lt_kind { LT_LOAD, LT_STORE, LT_MODIFY, LT_LOCKED, LT_NKINDS };
enum lt_phase { LT_PH_MAP, LT_PH_SYNC, LT_PH_UNMAP, LT_NPHASES };

/* One access to one 64-byte line inside an op. */
struct lt_acc {
	uint32_t line; /* index into lt_run.lines */
	uint32_t insn; /* instructions since the op began */
	uint8_t kind;  /* enum lt_kind */
	uint8_t phase; /* enum lt_phase */
	uint16_t off;  /* byte offset of the access in its line */
};

/* One map (get) or unmap (put: sync, then unmap) of one vcpu. */
struct lt_op {
	uint8_t vcpu;
	uint8_t is_map;
	uint32_t ninsn;
	size_t first, nacc;		 /* its accesses in lt_run.acc */
	uint32_t phase_insn[LT_NPHASES]; /* instructions in each phase */
};

struct lt_line {
	uint64_t addr; /* line address (byte address of its start) */
	uint8_t vcpus; /* bit v: vcpu v touched it */
	char name[80]; /* region+offset, symbol+offset or line@addr */
	uint64_t fields[LT_NKINDS]; /* bit b: byte b accessed with kind */
	uint8_t region_bytes;	    /* bytes of the named region in the line */
	/* Symbols in the line past the region (its neighbours). */
	struct {
		uint8_t lo, hi; /* bytes [lo, hi) of the line */
		char name[64];
	} next[4];
	unsigned int nnext;
};

struct lt_run {
	char side[16], scheme[32], areas[16], bounce[8];
	struct lt_acc *acc;
	size_t nacc, cap_acc;
	struct lt_op *ops;
	size_t nops, cap_ops;
	struct lt_line *lines;
	size_t nlines, cap_lines;
};

static inline int lt_shared(const struct lt_run *r, uint32_t line)
{
	return r->lines[line].vcpus == 3;
}

/* project.c: the timing model over the run's two access streams. */
struct lt_proj {
	double ns_pair[2];   /* per vcpu: its time over its pairs */
	double ns_pair_mean; /* harmonic: the yardstick's ns_pair */
	double imbalance;
	double transfers_pair;	/* line transfers per pair, both vcpus */
	double *line_transfers; /* per line, per pair (caller frees) */
	int starved; /* a vcpu finished no op in some replay: no figures */
};
struct lt_proj_opts {
	double latency_ns;   /* one line transfer */
	double insn_ns;	     /* one instruction */
	double jitter_ns;    /* most random pause before an op */
	unsigned int repeat; /* the traced ops replayed this many times */
	unsigned int seeds;  /* replays averaged */
};
void lt_project(const struct lt_run *r, const struct lt_proj_opts *o,
		struct lt_proj *out);

#endif /* LT_LINETRACE_H */
