/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/sim/model_int.h: what model.c (the directory) and model_timed.c
 * (the loop in virtual time) share.
 */
#ifndef SWTLB_BENCH_SIM_MODEL_INT_H
#define SWTLB_BENCH_SIM_MODEL_INT_H

#include "bench/sim/model.h"

#define LINE_SHIFT 6
/* Slot-array lines live in their own key space (the array is plain C). */
#define SLOT_KEY_BASE (1ULL << 60)
#define SLOT_BYTES    24
#define MAX_REGIONS   8
#define NO_CPU	      (-1)

struct line {
	uint64_t key; /* 0: empty bucket (no real line has key 0) */
	int owner;    /* CPU holding it modified, or NO_CPU */
	unsigned int nholders;
	double busy_ns;
	double free_at;		    /* virtual time: its last transfer lands */
	int chain_head, chain_tail; /* CPUs whose transfers of it are in
				       flight or queued, in order; NO_CPU */
	uint64_t visit_op;	    /* the operation that last visited it */
	unsigned int visit_kinds;   /* swtlb_model_kind bits of that visit */
};

struct region {
	uintptr_t base;
	size_t bytes, stride;
	const char *name;
};

struct model {
	unsigned int ncpus, words;
	unsigned char *dist; /* ncpus x ncpus classes */
	struct model_lat lat;
	struct line *lines;
	uint64_t *holders; /* words per line, parallel to lines */
	size_t cap, used;
	struct region regions[MAX_REGIONS];
	unsigned int nregions;
	int cpu;
	enum model_op op;
	uint64_t op_serial; /* of the current operation, from 1 */
	uint64_t *visits;   /* keys of the lines it visits, in first-touch
			       order */
	size_t nvisits, visits_cap;
	struct model_timed *timed;   /* NULL: operations applied at their end */
	double now;		     /* virtual time of the last event */
	double warm_at, timed_until; /* the measured span of virtual time */
	bool failed;
	struct model_result res;
};

/* model.c */
/* The line's index, created empty on first sight; SIZE_MAX when out of
 * memory. */
size_t model_lookup(struct model *m, uint64_t key);
/* One access (or visit: kinds ORed) of m->cpu for m->op; the latency of
 * the transfer it needed (0: none). */
double model_apply(struct model *m, uint64_t key, unsigned int kinds);
/* The class of the transfer model_apply() would count now, or -1. */
int model_peek(struct model *m, uint64_t key, unsigned int kinds);

/* model_timed.c */
/* The current operation runs in virtual time (a timed map or unmap). */
bool model_timed_op(const struct model *m);
void model_timed_begin(struct model *m);
void model_timed_record(struct model *m, uint64_t key, unsigned int kinds);
/* Where the pool's slot walk starts (SWTLB_MODEL_SLOT_WALK). */
void model_timed_mark_walk(struct model *m);
/* Around model_slots()' accesses: they move to the marked place. */
void model_timed_slots_begin(struct model *m);
void model_timed_slots_end(struct model *m);
void model_timed_end(struct model *m);
void model_timed_free(struct model *m);

#endif /* SWTLB_BENCH_SIM_MODEL_INT_H */
