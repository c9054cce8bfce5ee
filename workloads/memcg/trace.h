/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/trace.h: the memcg replay trace
 * (docs/design/trace-format-pc.md), read from untrusted input.
 *
 * The reader checks everything that does not depend on the replay's
 * answers (syntax, ranges, declared ids, header order); "uncharging more
 * than held" depends on which charges succeeded and is checked by the
 * replay. Both report "NAME:LINE: what is wrong".
 */
#ifndef SWTLB_WORKLOADS_MEMCG_TRACE_H
#define SWTLB_WORKLOADS_MEMCG_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define MEMCG_TRACE_MAX_CPUS	 64
#define MEMCG_TRACE_MAX_COUNTERS 256 /* ids 0..255 */
#define MEMCG_TRACE_MAX_OPS	 (16u << 20)
#define MEMCG_TRACE_MAX_LINE	 4096

enum memcg_trace_kind {
	MEMCG_OP_CHARGE,
	MEMCG_OP_CHARGE_ATOMIC,
	MEMCG_OP_UNCHARGE,
	MEMCG_OP_UNCHARGE_DIRECT,
	MEMCG_OP_TRY,
	MEMCG_OP_FORCE,
	MEMCG_OP_DRAIN,
	MEMCG_OP_DRAIN_ALL,
	MEMCG_OP_RESET_LOCAL,
	MEMCG_OP_RESET,
	MEMCG_OP_READ,
};

struct memcg_trace_op {
	uint8_t kind;	  /* enum memcg_trace_kind */
	uint8_t cpu;	  /* < ncpus; 0 where the record has none */
	uint16_t counter; /* index into counters[]; 0 for drain */
	uint32_t n;	  /* pages, 1 .. 2^31-1; 0 where none */
	unsigned long line;
};

struct memcg_trace_counter {
	unsigned int id;
	int parent; /* index into counters[], -1 for top-level */
	unsigned long max;
};

struct memcg_trace {
	bool v1;
	unsigned int ncpus; /* 1..64 */
	unsigned int batch; /* 1..127 */
	unsigned int ncounters;
	struct memcg_trace_counter counters[MEMCG_TRACE_MAX_COUNTERS];
	struct memcg_trace_op *ops;
	size_t nops, cap;
};

/* 0, or -1 with err = "NAME:LINE: what is wrong" (one line). */
int memcg_trace_read(FILE *f, const char *name, struct memcg_trace *t,
		     char *err, size_t errlen);
void memcg_trace_free(struct memcg_trace *t);
const char *memcg_trace_kind_name(enum memcg_trace_kind kind);

#endif /* SWTLB_WORKLOADS_MEMCG_TRACE_H */
