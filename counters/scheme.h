/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/scheme.h: the accounting-scheme ops table, workload-neutral.
 *
 * Every way of tracking a hot-path counter's total and its high-water mark
 * lives in one file of counters/ and exports one `const struct
 * swtlb_scheme_ops`. A workload (swiotlb today, memcg's page_counter next)
 * calls the hooks exactly where its kernel code touches the accounting:
 *
 *   get   : inside the shard lock, right after the shard's used grows:
 *           shard_inc; right after the unlock (swiotlb's
 *           inc_used_and_hiwater(), page_counter's add_return): inc_used
 *   put   : inside the shard lock, right after used falls: shard_dec;
 *           right after the unlock (dec_used()): dec_used
 *
 * A shard is what the workload splits its state into and locks on its own:
 * a swiotlb area, a memcg per-CPU stock or cgroup. A scheme sees shards only
 * through the view below (lock/unlock/used callbacks and its private bytes
 * inside each shard), never through one workload's struct.
 *
 * The global total: a workload that already computes it (page_counter's
 * atomic_long_add_return() result) hands it to inc_used/dec_used; one that
 * does not (swiotlb: the total is the scheme's business) hands
 * SWTLB_TOTAL_KEPT_BY_SCHEME. ops->workloads says which workloads a scheme
 * serves; swtlb_scheme_ctx_init() refuses any other.
 *
 * A NULL hook is not called. A scheme must never change which resources
 * the workload hands out (for swiotlb: which slots).
 */
#ifndef SWTLB_COUNTERS_SCHEME_H
#define SWTLB_COUNTERS_SCHEME_H

#include <limits.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct swtlb_scheme_ctx;

/* Workloads a scheme serves (bits of ops->workloads; ctx->workload holds
 * one). */
#define SWTLB_SERVES_SWIOTLB (1U << 0)
#define SWTLB_SERVES_MEMCG   (1U << 1)

/* Handed as `total` when the workload keeps no global total of its own. */
#define SWTLB_TOTAL_KEPT_BY_SCHEME LONG_MIN

/*
 * Where the CPUs that use one shard sit (swiotlb: area i serves the CPUs
 * whose id % nareas == i). Equal ids mean the same place: cache is shared
 * by shards whose CPUs, taken in id order, sit on the same L3 caches (else
 * dies, else packages), package likewise for packages; -1: no CPU uses
 * the shard. Built by swtlb_shard_places() (topology/shard_places.h).
 */
struct swtlb_shard_place {
	int cache, package;
};

/* Knobs a scheme may read at init; unused ones are ignored. */
struct swtlb_scheme_params {
	unsigned int ncpus; /* CPU ids seen by hooks are < ncpus */
	unsigned int batch; /* percpu-batch: slots folded per batch */
	unsigned int
	    period_us; /* sampled / hybrid-resync: periodic() interval */
	bool enabled;  /* toggle: initial state of the switch */
	/* escrow-grant, escrow-tier: slots added to the headroom at each new
	 * peak (the mark's bound above the truth); unset: the scheme's own
	 * (escrow-grant 32, escrow-tier 0: exact). */
	bool grant_set;
	unsigned int grant;
	/* escrow-tier: nshards entries, read at init only; NULL (no
	 * topology: tests, swtlb-replay): groups of consecutive shards. */
	const struct swtlb_shard_place *shard_places;
};

/*
 * What a scheme may see of the workload's shards. Shard i's private bytes
 * (ops->shard_priv_bytes, reserved by the workload) sit at
 * base + i * stride + priv_off. The callbacks receive `arg`; lock/unlock
 * take the lock the workload's own hot path takes for that shard, used is a
 * lockless read of the shard's count (READ_ONCE), total a lockless read of
 * the workload's global figure (swiotlb: mem_used(), the sum of area used).
 */
struct swtlb_shard_view {
	char *base;
	unsigned int stride;
	unsigned int nshards;
	unsigned int priv_off;
	unsigned long capacity; /* of one shard (swiotlb: area_nslabs) */
	void *arg;
	void (*lock)(void *arg, unsigned int shard);
	void (*unlock)(void *arg, unsigned int shard);
	unsigned long (*used)(void *arg, unsigned int shard);
	unsigned long (*total)(void *arg);
};

struct swtlb_scheme_ctx {
	const struct swtlb_scheme_ops *ops;
	unsigned int workload; /* one SWTLB_WORKLOAD_* bit */
	/*
	 * Where the workload's kernel code keeps its global total and mark:
	 * swiotlb: &mem->total_used and &mem->used_hiwater inside the pool's
	 * copy of struct io_tlb_mem, at the kernel's offsets, so a scheme
	 * that uses them contends on the line the kernel contends on;
	 * memcg: a page_counter's usage and watermark.
	 */
	atomic_long *total_used;
	atomic_long *used_hiwater;
	struct swtlb_shard_view shards;
	struct swtlb_scheme_params params;
	void *priv; /* the scheme's own global state, owned by init/fini */
};

struct swtlb_scheme_ops {
	const char *name;     /* registry name, e.g. "global-atomic" */
	const char *contract; /* one line: exact / bounded by ... / unbounded */
	unsigned int workloads; /* SWTLB_WORKLOAD_* bits it serves */
	/*
	 * Stem of counters/<hooks>.h, the scheme's inline hooks, which the
	 * swiotlb pool compiles its hot path with (pool/hook_sets.def);
	 * NULL: the pool calls the hooks below through this table.
	 */
	const char *hooks;
	/* Bytes this scheme adds to each shard (x8; swiotlb: after used). */
	unsigned int shard_priv_bytes;

	/* 0 or -errno; err gets a one-line reason. May be NULL. */
	int (*init)(struct swtlb_scheme_ctx *ctx, char *err, size_t errlen);
	void (*fini)(struct swtlb_scheme_ctx *ctx);

	/* Under the shard lock; shard_used is its used after the change. */
	void (*shard_inc)(struct swtlb_scheme_ctx *ctx, unsigned int shard,
			  void *shard_priv, unsigned long shard_used,
			  unsigned int n);
	void (*shard_dec)(struct swtlb_scheme_ctx *ctx, unsigned int shard,
			  void *shard_priv, unsigned long shard_used,
			  unsigned int n);

	/*
	 * After the unlock, on CPU `cpu` (the raw_smp_processor_id()).
	 * total: the workload's global total after the change, or
	 * SWTLB_TOTAL_KEPT_BY_SCHEME.
	 */
	void (*inc_used)(struct swtlb_scheme_ctx *ctx, unsigned int cpu,
			 unsigned int n, long total);
	void (*dec_used)(struct swtlb_scheme_ctx *ctx, unsigned int cpu,
			 unsigned int n, long total);

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

	/*
	 * Optional: one line of the scheme's own statistics (folds,
	 * coordinations, samples...) for swtlb-sim's table; returns what
	 * snprintf returns.
	 */
	int (*stats)(struct swtlb_scheme_ctx *ctx, char *buf, size_t len);
};

/* Registry (counters/registry.c): NULL-terminated, in "all" order. */
extern const struct swtlb_scheme_ops *const swtlb_schemes[];
const struct swtlb_scheme_ops *swtlb_scheme_find(const char *name);

/* "swiotlb", "memcg"; NULL for anything but one known bit. */
const char *swtlb_workload_name(unsigned int workload);
static inline bool swtlb_scheme_serves(const struct swtlb_scheme_ops *ops,
				       unsigned int workload)
{
	return (ops->workloads & workload) != 0;
}

/*
 * Fills ctx for one workload and runs ops->init: the scheme must serve
 * `workload`, the view must have its callbacks (total may be NULL: the sum
 * of used over the shards), total_used and used_hiwater must be set.
 * 0, or -errno with a one-line reason in err (ctx then needs no fini).
 */
int swtlb_scheme_ctx_init(struct swtlb_scheme_ctx *ctx,
			  const struct swtlb_scheme_ops *ops,
			  unsigned int workload,
			  const struct swtlb_shard_view *view,
			  atomic_long *total_used, atomic_long *used_hiwater,
			  const struct swtlb_scheme_params *params, char *err,
			  size_t errlen);
void swtlb_scheme_ctx_fini(struct swtlb_scheme_ctx *ctx);

/*
 * For the schemes whose mark is io_tlb_mem's used_hiwater itself
 * (ctx->used_hiwater): the debugfs read, and the write, which takes only 0
 * (-EINVAL otherwise), as the kernel's debugfs file does.
 */
bool swtlb_scheme_mem_hiwater(struct swtlb_scheme_ctx *ctx, unsigned long *out);
int swtlb_scheme_mem_hiwater_reset(struct swtlb_scheme_ctx *ctx,
				   unsigned long val);
/* init for the schemes that keep nothing of their own: total_used (swiotlb's
 * own field) and used_hiwater start at 0; used reads total_used. */
int swtlb_scheme_mem_init(struct swtlb_scheme_ctx *ctx, char *err,
			  size_t errlen);
unsigned long swtlb_scheme_mem_used(struct swtlb_scheme_ctx *ctx);

#endif /* SWTLB_COUNTERS_SCHEME_H */
