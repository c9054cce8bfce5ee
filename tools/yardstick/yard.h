/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tools/yardstick/yard.h: one run of the yardstick harness, and the two
 * sides it can run (the port's pool through the swiotlb workload's own
 * table and loop; the kernel's swiotlb.c through kloop.c, whose loop is
 * compiled from the same workloads/loop.h).
 */
#ifndef YARD_YARD_H
#define YARD_YARD_H

#include <stdbool.h>
#include <stddef.h>

#include "workloads/workload.h"

#define YARD_MAX_THREADS     64
#define YARD_MAX_PORT_PARAMS 8

struct yard_opts {
	const char *side;   /* "port" or "kernel" */
	const char *scheme; /* the port's scheme */
	unsigned int threads;
	unsigned int cpus[YARD_MAX_THREADS];
	double seconds;
	unsigned int queue_depth;
	size_t size;
	bool bounce;
	bool padded; /* the port's area layout (the kernel's is compiled in) */
	bool dma_direct;     /* dma_map_phys() path, else the tbl shortcut */
	const char *src_set; /* --src-set: "qd" or SIZE (workloads/src_set.h) */
	size_t src_stride;   /* its layout for --size and --qd */
	unsigned int src_count;
	unsigned int mem_offset; /* the port's io_tlb_mem offset (its param) */
	unsigned long nslabs;
	unsigned int nareas;
	unsigned int round;
	bool create_on_worker0; /* swtlb-bench's order (default) */
	bool probe; /* --mem-offset: set up, print the offset, no run */
	const char *port_params[YARD_MAX_PORT_PARAMS];
	unsigned int nport_params;
	/* The port's bounce memory (NULL: the pool's own, zeroed by stores);
	 * the tracer gives fresh mmap()ed pages, zero without stores. */
	void *(*bounce_alloc)(size_t bytes, void *arg);
	void (*bounce_free)(void *mem, size_t bytes, void *arg);
	const char *out; /* CSV to append to; NULL: stdout */
	const char *label;
};

struct yard_side {
	const char *name;
	int (*setup)(const struct yard_opts *o, char *err, size_t errlen);
	/* On the worker's CPU, already pinned. */
	void *(*thread_prepare)(const struct yard_opts *o, unsigned int cpu,
				char *err, size_t errlen);
	bool (*get)(void *thr, unsigned int cpu, unsigned int slot,
		    size_t size);
	void (*put)(void *thr, unsigned int cpu, unsigned int slot);
	void (*loop)(struct swtlb_workload_loop *l);
	void (*thread_release)(void *thr);
	/* After every worker drained: 0, or -1 with what is broken. */
	int (*finish)(char *err, size_t errlen);
	unsigned int (*mem_offset)(void);
	const char *(*variant)(const struct yard_opts *o);
	void *ctx; /* what loop() gets as l->ctx */
};

extern struct yard_side yard_port_side;	  /* port.c */
extern struct yard_side yard_kernel_side; /* kloop.c */

#endif /* YARD_YARD_H */
