/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/scheme.h: the accounting-scheme ops table.
 *
 * Every way of tracking swiotlb `used` and the high-water mark lives in one
 * file of counters/ and exports one `const struct swtlb_scheme_ops`. The
 * pool calls the hooks exactly where the kernel touches the accounting:
 *
 *   map   : inside area->lock, right after `area->used += nslots`: area_inc
 *           right after the unlock (inc_used_and_hiwater):         inc_used
 *   unmap : inside area->lock, right after `area->used -= nslots`: area_dec
 *           right after the unlock (dec_used):                     dec_used
 *
 * A NULL hook is not called (the kernel's empty stub compiles to nothing; a
 * predictable branch on a read-mostly line is the closest userspace gets).
 * A scheme must never change which slots the pool hands out.
 */
#ifndef SWTLB_COUNTERS_SCHEME_H
#define SWTLB_COUNTERS_SCHEME_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct swtlb_scheme_ctx;

/* Knobs a scheme may read at init; unused ones are ignored. */
struct swtlb_scheme_params {
	unsigned int ncpus; /* CPU ids seen by hooks are < ncpus */
	unsigned int batch; /* percpu-batch: slots folded per batch */
	unsigned int
	    period_us; /* sampled / hybrid-resync: periodic() interval */
	bool enabled;  /* toggle: initial state of the switch */
};

/*
 * What a scheme may see of the pool's area array: the kernel's packed
 * kcalloc() array, or the padded variant. A scheme's per-area bytes
 * (area_priv_bytes) sit right after `used`, as seed 003 puts used_hiwater.
 */
struct swtlb_area_view {
	char *base;	     /* &areas[0] */
	unsigned int stride; /* bytes from one area to the next */
	unsigned int nareas;
	unsigned int area_nslabs;
	unsigned int priv_off; /* offset of the scheme's bytes in an area */
	unsigned int lock_off; /* offset of the area spinlock */
};

struct swtlb_scheme_ctx {
	const struct swtlb_scheme_ops *ops;
	/*
	 * &mem->total_used and &mem->used_hiwater inside the pool's copy of
	 * struct io_tlb_mem, at the kernel's offsets, so a scheme that uses
	 * them contends on the line the kernel contends on.
	 */
	atomic_long *total_used;
	atomic_long *used_hiwater;
	struct swtlb_area_view areas;
	struct swtlb_scheme_params params;
	void *priv; /* the scheme's own global state, owned by init/fini */
};

struct swtlb_scheme_ops {
	const char *name;     /* registry name, e.g. "global-atomic" */
	const char *contract; /* one line: exact / bounded by ... / unbounded */
	/* Bytes this scheme adds to struct io_tlb_area after `used` (x8). */
	unsigned int area_priv_bytes;

	/* 0 or -errno; err gets a one-line reason. May be NULL. */
	int (*init)(struct swtlb_scheme_ctx *ctx, char *err, size_t errlen);
	void (*fini)(struct swtlb_scheme_ctx *ctx);

	/* Under area->lock; area_used is the area's used after the change. */
	void (*area_inc)(struct swtlb_scheme_ctx *ctx, unsigned int area_index,
			 void *area_priv, unsigned long area_used,
			 unsigned int nslots);
	void (*area_dec)(struct swtlb_scheme_ctx *ctx, unsigned int area_index,
			 void *area_priv, unsigned long area_used,
			 unsigned int nslots);

	/* After the unlock, on CPU `cpu` (the raw_smp_processor_id()). */
	void (*inc_used)(struct swtlb_scheme_ctx *ctx, unsigned int cpu,
			 unsigned int nslots);
	void (*dec_used)(struct swtlb_scheme_ctx *ctx, unsigned int cpu,
			 unsigned int nslots);

	/* debugfs io_tlb_used (mem_used()). */
	unsigned long (*used)(struct swtlb_scheme_ctx *ctx);
	/* debugfs io_tlb_used_hiwater read; false when the scheme has none. */
	bool (*hiwater)(struct swtlb_scheme_ctx *ctx, unsigned long *out);
	/* debugfs io_tlb_used_hiwater write: 0 or -EINVAL (only 0 accepted). */
	int (*hiwater_set)(struct swtlb_scheme_ctx *ctx, unsigned long val);

	/*
	 * Optional periodic work (sampler snapshot, resync). The harness calls
	 * it every params.period_us: a real thread in swtlb-bench, virtual time
	 * in swtlb-sim.
	 */
	void (*periodic)(struct swtlb_scheme_ctx *ctx);
	/* Optional runtime switch (toggle's static key). */
	void (*set_enabled)(struct swtlb_scheme_ctx *ctx, bool on);

	/* Members added after the first contract; all optional (may be NULL).
	 */

	/*
	 * One line of the scheme's own statistics (folds, coordinations,
	 * samples...) for swtlb-sim's table; returns what snprintf returns.
	 */
	int (*stats)(struct swtlb_scheme_ctx *ctx, char *buf, size_t len);
};

/* Registry (counters/registry.c): NULL-terminated, in "all" order. */
extern const struct swtlb_scheme_ops *const swtlb_schemes[];
const struct swtlb_scheme_ops *swtlb_scheme_find(const char *name);

#endif /* SWTLB_COUNTERS_SCHEME_H */
