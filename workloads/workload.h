/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/workload.h: what the tools run, behind one table.
 *
 * A workload is a hot path with a counter on it (swiotlb's map/unmap and
 * io_tlb_used_hiwater; memcg's charge/uncharge and memory.peak; the empty
 * harness). The runner (swtlb-bench) owns threads, pinning, the clock, the
 * measured window, perf counters, the truth log and the CSV; a workload
 * owns its state and one unit of work, split in two halves:
 *
 *   get(slot, size) on a CPU   take something: map a buffer, charge pages
 *   put(slot) on a CPU         give it back:   unmap it, uncharge them
 *
 * Every worker keeps queue_depth units in flight in slots 0..qd-1; each
 * round it puts the oldest slot and gets a new unit into it. The measured
 * loop is compiled inside the workload's own file from loop.h, so get and
 * put are inlined into it exactly as a direct call would be: the table is
 * read once per run, never per operation.
 *
 * Counts: used/hiwater read the workload's counter (swiotlb: slots;
 * memcg: pages), in the same unit as truth_units(), which --truth logs
 * around each get (+units) and put (-units) to find the true peak.
 *
 * Adding a workload: a folder workloads/NAME/ with NAME.c (a `const struct
 * swtlb_workload_ops swtlb_workload_NAME`) and a CMakeLists.txt adding it
 * to swtlb_workloads, plus one X(NAME) line in workloads/registry.c.
 */
#ifndef SWTLB_WORKLOADS_WORKLOAD_H
#define SWTLB_WORKLOADS_WORKLOAD_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "counters/scheme.h"
#include "pool/swiotlb.h"

/* The runner's dimensions a workload takes part in. A configuration is
 * expanded over a dimension only when the workload declares it. Without
 * SIZES the size_dist cell is empty; without POOL the nareas, nslabs,
 * kconfig and area_layout cells are; without BOUNCE bounce is 0 (nothing
 * is copied); without SCHEMES the scheme is "none" (docs/csv.md). */
enum swtlb_workload_dim {
	SWTLB_DIM_SCHEMES = 1 << 0, /* one configuration per --schemes entry */
	SWTLB_DIM_SIZES = 1 << 1,   /* get() sizes drawn from --sizes */
	SWTLB_DIM_BOUNCE = 1 << 2,  /* --bounce off|on|both */
	SWTLB_DIM_KCONFIG = 1 << 3, /* --kconfig dynamic-off|dynamic-on */
	SWTLB_DIM_AREA_LAYOUT = 1 << 4, /* --area-layout packed|padded */
	SWTLB_DIM_POOL = 1 << 5,	/* the swiotlb pool geometry (nslabs,
					 * nareas, kconfig, area layout cells) */
};

/* One parameter of a workload: `--param KEY=VALUE` (repeat a key to
 * sweep it). Values reach parse() as text, defaults filled in. */
struct swtlb_workload_param {
	const char *key;
	const char *def;  /* default value, as text */
	const char *help; /* one line for --help */
};

/* At most this many parameters per workload. */
#define SWTLB_WORKLOAD_MAX_PARAMS 16

/* What create() gets: the configuration of one run. */
struct swtlb_workload_setup {
	const struct swtlb_scheme_ops *scheme; /* NULL without SCHEMES */
	struct swtlb_scheme_params scheme_params;
	const void *params; /* what parse() returned */
	unsigned int threads;
	unsigned int ncpus; /* largest OS CPU id + 1: size per-CPU state */
	/* SWTLB_DIM_POOL and friends */
	unsigned long nslabs;
	unsigned int nareas;
	enum swtlb_kconfig kconfig;
	enum swtlb_area_layout area_layout;
	bool bounce;
	/* Where big shared memory goes (--pool-mem); NULL alloc: mmap. */
	void *(*alloc)(size_t bytes, void *arg);
	void (*free)(void *mem, size_t bytes, void *arg);
	void *alloc_arg;
	/* Where the hot shared structures go (--meta-mem, issue 12; swiotlb:
	 * io_tlb_mem, the area and slot arrays). Zeroed, page-aligned
	 * memory; NULL meta_alloc: the heap. */
	void *(*meta_alloc)(size_t bytes, void *arg);
	void (*meta_free)(void *mem, size_t bytes, void *arg);
	void *meta_arg;
};

/* What thread_prepare() gets: one worker, already pinned to cpu. */
struct swtlb_workload_thread_setup {
	unsigned int idx; /* worker index, 0..threads-1 */
	unsigned int cpu; /* OS CPU id = raw_smp_processor_id() */
	unsigned int queue_depth;
	size_t max_size; /* largest size get() will be handed */
	bool bounce;
	/* Bounce sources the runner planned (--src-set, workloads/src_set.h):
	 * src_count buffers of src_stride bytes, cycled one per get. */
	size_t src_stride;
	unsigned int src_count;
};

struct swtlb_truth_log;
struct swtlb_sim_model;

/* One worker's measured loop: set by the runner, run by the workload. */
struct swtlb_workload_loop {
	void *ctx, *thr;
	unsigned int cpu, queue_depth;
	const size_t *sizes; /* SWTLB_WORKLOAD_NSIZES entries, cycled */
	const atomic_int *stop;
	struct swtlb_truth_log *truth_log; /* loop_truth only */
	long *held; /* loop_truth: truth units of each slot, 0 = empty */
	/* Called every SWTLB_WORKLOAD_TICK_ROUNDS rounds, out of line: the
	 * runner's clock (end of the window, periodic work due on this CPU).
	 * true: leave the loop. */
	bool (*tick)(struct swtlb_workload_loop *l);
	uint64_t ops, failures; /* out: units got, gets that failed */
};

/* Rounds between tick() calls: ~5 us at 150 ns a round; the clock read
 * it makes (vDSO, ~25 ns) adds well under 1% to a round. */
#define SWTLB_WORKLOAD_TICK_ROUNDS 32U

/* Sizes per worker, drawn before the window (a power of two). */
#define SWTLB_WORKLOAD_NSIZES 4096U

struct swtlb_workload_ops {
	const char *name;
	const char *summary;	/* one line for --help / --list-workloads */
	const char *unit;	/* one get+put, e.g. "map+unmap pair" */
	const char *count_unit; /* what used/hiwater count, e.g. "slots" */
	unsigned int dims;	/* enum swtlb_workload_dim */
	size_t max_size;	/* largest size get() takes; 0: any */
	unsigned int serves;	/* SWTLB_SERVES_* bit: the schemes that serve it
				 * (with SWTLB_DIM_SCHEMES) */
	const struct swtlb_workload_param *params; /* {NULL}-terminated */

	/* values[i] is the text of params[i]. Returns the parsed params
	 * (freed with params_free), or NULL with a one-line reason naming
	 * the key. NULL parse: the workload has no parameters. */
	void *(*parse)(const char *const *values, char *err, size_t errlen);
	void (*params_free)(void *params);
	/* Optional: the workload_params cell the rows record, from the parsed
	 * params, where a value given is not the value used (swiotlb's
	 * mem_offset=systemmap:FILE records the offset it resolved to). NULL:
	 * the settings as given. */
	void (*params_cell)(const void *params, char *cell, size_t len);

	/* One run's state; NULL with a reason. Called by worker 0 after
	 * every worker is pinned. */
	void *(*create)(const struct swtlb_workload_setup *s, char *err,
			size_t errlen);
	void (*destroy)(void *ctx);
	/* The scheme's context (for its periodic thread), or NULL. */
	struct swtlb_scheme_ctx *(*scheme_ctx)(void *ctx);

	/* Per worker, on its own CPU, after create(): its private state. */
	void *(*thread_prepare)(void *ctx,
				const struct swtlb_workload_thread_setup *t,
				char *err, size_t errlen);
	void (*thread_release)(void *ctx, void *thr);

	/* One unit: get into an empty slot (false: it failed, the slot
	 * stays empty), put a slot (nothing if it is empty). size is the
	 * next draw of --sizes (bytes; a workload whose unit has another
	 * measure, say N pages, may take it from its parameters instead).
	 * Used outside the window (fill, drain) and by tools that drive
	 * units one by one; the window runs loop() below, which inlines the
	 * same two. */
	bool (*get)(void *ctx, void *thr, unsigned int cpu, unsigned int slot,
		    size_t size);
	void (*put)(void *ctx, void *thr, unsigned int cpu, unsigned int slot);
	/* What a full slot holds, in count_unit (the truth-log hook: the
	 * global count moves by +this at get and -this at put). NULL: the
	 * workload has no count, --truth does not apply. */
	long (*truth_units)(void *ctx, void *thr, unsigned int slot);

	/* The measured loop (loop.h), and the same with every get and put
	 * logged for --truth (NULL without truth_units). */
	void (*loop)(struct swtlb_workload_loop *l);
	void (*loop_truth)(struct swtlb_workload_loop *l);

	/* After the run, every unit put: 0, or -1 with what is broken. */
	int (*check)(void *ctx, char *err, size_t errlen);
	/* The counter as the scheme reports it; false: none kept. NULL: the
	 * workload has no counter. */
	bool (*used)(void *ctx, unsigned long *out);
	bool (*hiwater)(void *ctx, unsigned long *out);

	/* Its model in swtlb-sim (workloads/sim_model.h), or NULL. */
	const struct swtlb_sim_model *sim;
};

/* Every workload, NULL-terminated (workloads/registry.c). */
extern const struct swtlb_workload_ops *const swtlb_workloads[];
const struct swtlb_workload_ops *swtlb_workload_find(const char *name);

/*
 * Parameters of one configuration: n "KEY=VALUE" settings (later ones win)
 * over the workload's defaults. Fills values[] (pointers into the settings
 * or the defaults) and the canonical CSV cell "key=value;..." in every
 * declared order. 0, or -1 with a reason (unknown key, no '=', a ';' in a
 * value).
 */
int swtlb_workload_params_resolve(const struct swtlb_workload_ops *w,
				  const char *const *settings, unsigned int n,
				  const char **values, char *cell,
				  size_t cell_len, char *err, size_t errlen);

#endif /* SWTLB_WORKLOADS_WORKLOAD_H */
