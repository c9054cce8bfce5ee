/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/memcg.h: the memcg charge path of mm/memcontrol.c
 * (page-counter-path.md sections 2.2, 4, 5, 6): struct mem_cgroup reduced
 * to what the path touches, the multi-memcg per-CPU charge stock, and a
 * "system" holding the memcg tree and one stock per CPU.
 *
 * Single entry points, each on one CPU (the caller's virtual CPU id plays
 * smp_processor_id()); nothing here migrates.
 */
#ifndef SWTLB_WORKLOADS_MEMCG_MEMCG_H
#define SWTLB_WORKLOADS_MEMCG_MEMCG_H

#include <stdint.h>

#include "counters/scheme.h"
#include "workloads/memcg/page_counter.h"

#define NR_MEMCG_STOCK		   7
#define MEMCG_CHARGE_BATCH_DEFAULT 64  /* x86_64, since 2022 */
#define MEMCG_CHARGE_BATCH_LIMIT   127 /* slots are uint8_t */
#define FLUSHING_CACHED_CHARGE	   0
#define MEMCG_MAX_CPUS		   1024
#define MEMCG_MAX_MEMCGS	   4096

struct mem_cgroup {
	struct page_counter memory;
	struct page_counter swap; /* v2 swap (memsw on v1): high walk only */
	/* css: read-mostly, its own line */
	alignas(MEMCG_CACHELINE) struct mem_cgroup *parent;
	unsigned int level; /* root 0 */
	unsigned int index; /* position in the system's array */
	unsigned int id;    /* the caller's name for it (trace id) */
	/*
	 * The watermark scheme attached to `memory` (counters/scheme.h):
	 * total_used = &memory.usage, used_hiwater = &memory.watermark.
	 * Read-mostly, on the css lines like the kernel's read-mostly memcg
	 * fields.
	 */
	struct swtlb_scheme_ctx wm;
};

_Static_assert(offsetof(struct mem_cgroup, swap) == 192, "swap after memory");
_Static_assert(offsetof(struct mem_cgroup, parent) == 384, "css line");

/* local_trylock_t on !PREEMPT_RT without lockdep: one byte. */
typedef struct {
	_Atomic uint8_t acquired;
} memcg_local_trylock_t;

/* struct work_struct: data, entry (list_head), func = 32 bytes. */
struct memcg_work {
	atomic_long data;
	void *entry_next, *entry_prev;
	void (*func)(struct memcg_work *work);
};

struct memcg_stock_pcp {
	memcg_local_trylock_t lock;
	_Atomic uint8_t nr_pages[NR_MEMCG_STOCK];
	struct mem_cgroup *_Atomic cached[NR_MEMCG_STOCK];
	struct memcg_work work;
	atomic_ulong flags;
	uint8_t drain_idx;
};

_Static_assert(offsetof(struct memcg_stock_pcp, lock) == 0, "lock");
_Static_assert(offsetof(struct memcg_stock_pcp, nr_pages) == 1, "nr_pages");
_Static_assert(offsetof(struct memcg_stock_pcp, cached) == 8, "cached");
_Static_assert(offsetof(struct memcg_stock_pcp, work) == 64, "work");
_Static_assert(offsetof(struct memcg_stock_pcp, flags) == 96, "flags");
_Static_assert(offsetof(struct memcg_stock_pcp, drain_idx) == 104, "drain_idx");
_Static_assert(sizeof(struct memcg_stock_pcp) == 112, "112 bytes");

/*
 * One CPU's per-CPU area as far as the path uses it:
 * DEFINE_PER_CPU_ALIGNED(memcg_stock), 128 bytes. Aligned to 128 so that
 * the adjacent-line prefetcher never pairs two CPUs' stocks (their per-CPU
 * areas are far apart in the kernel).
 */
struct memcg_percpu {
	alignas(128) struct memcg_stock_pcp stock;
};

_Static_assert(sizeof(struct memcg_percpu) == 128, "per-CPU area");

/* The gfp bits the path looks at. */
enum {
	MEMCG_GFP_HIGH = 1u << 0,	    /* __GFP_HIGH */
	MEMCG_GFP_KSWAPD_RECLAIM = 1u << 1, /* __GFP_KSWAPD_RECLAIM */
	MEMCG_GFP_NOWAIT = MEMCG_GFP_KSWAPD_RECLAIM,
	MEMCG_GFP_ATOMIC = MEMCG_GFP_HIGH | MEMCG_GFP_KSWAPD_RECLAIM,
};

struct memcg_system {
	const struct page_counter_fns *pc;     /* the charge path, per scheme */
	const struct swtlb_scheme_ops *wm_ops; /* memory.peak's scheme */
	struct swtlb_scheme_params wm_params;
	unsigned int ncpus;
	unsigned int batch; /* MEMCG_CHARGE_BATCH (a constant in the kernel) */
	bool v1;
	unsigned int nmemcgs, cap;
	struct mem_cgroup **memcgs; /* each its own aligned allocation */
	struct memcg_percpu *pcpu;  /* ncpus of them */
	/* percpu_ref counts of the css references the stock holds */
	long *css_refs; /* ncpus rows of css_stride longs */
	size_t css_stride;
	atomic_bool percpu_charge_mutex;
};

/* What happened inside one call, for the replay; NULL on the hot path. */
enum memcg_charge_how {
	MEMCG_CHARGED_STOCK,
	MEMCG_CHARGED_BATCH,
	MEMCG_CHARGED_EXACT,
	MEMCG_CHARGE_FAILED,
	MEMCG_CHARGE_FORCED,
};
enum memcg_refill_how {
	MEMCG_REFILL_NONE,
	MEMCG_REFILL_DIRECT,
	MEMCG_REFILL_KEPT,
	MEMCG_REFILL_DRAINED,
	MEMCG_REFILL_NEW,
	MEMCG_REFILL_EVICT,
};
struct memcg_charge_out {
	enum memcg_charge_how how;
	unsigned int batch; /* pages charged at the first try */
	enum memcg_refill_how refill;
	struct mem_cgroup *victim; /* REFILL_EVICT: whose slot was taken */
	struct mem_cgroup *fail;   /* owner of the counter that refused */
	/* the batch try's refusing counter when that try failed, else NULL */
	struct mem_cgroup *fail_batch;
};

/*
 * system.c. wm_ops: the watermark scheme of every memory counter, one that
 * serves memcg (NULL: racy-max, the upstream code); page_counter's charge
 * path is the one compiled with its hooks inline, or with hooks_indirect
 * the one calling them through the ops table (a named variant).
 */
int memcg_system_init(struct memcg_system *sys, unsigned int ncpus,
		      unsigned int batch, bool v1,
		      const struct swtlb_scheme_ops *wm_ops, char *err,
		      size_t errlen);
/* Before any memcg_create(): the hooks through the ops table instead. */
void memcg_system_hooks_indirect(struct memcg_system *sys);
/* memory.peak (the watermark the scheme reports); false: it keeps none. */
bool memcg_peak(struct mem_cgroup *memcg, unsigned long *out);
void memcg_system_fini(struct memcg_system *sys);
/* mem_cgroup_css_alloc(): parent NULL makes a top-level (root) memcg. */
struct mem_cgroup *memcg_create(struct memcg_system *sys,
				struct mem_cgroup *parent, unsigned long max,
				unsigned int id);
bool mem_cgroup_is_descendant(const struct mem_cgroup *memcg,
			      const struct mem_cgroup *root);
/* css references the stocks hold on memcg, summed over CPUs. */
long memcg_css_refs(const struct memcg_system *sys,
		    const struct mem_cgroup *memcg);

/*
 * invariants.c: 0, or -1 with why. held[k]: pages the users of
 * sys->memcgs[k] itself hold. Call it while nothing runs. marks: also
 * memory.peak >= local watermark and >= usage, which only a single-
 * threaded history guarantees (racing stores may lower either mark).
 */
int memcg_check_invariants(const struct memcg_system *sys, const uint64_t *held,
			   bool marks, char *why, size_t len);

/* charge.c: try_charge_memcg() on `cpu`; 0 or -ENOMEM. */
int memcg_try_charge(struct memcg_system *sys, unsigned int cpu,
		     struct mem_cgroup *memcg, unsigned int gfp,
		     unsigned int nr_pages);
int memcg_try_charge_traced(struct memcg_system *sys, unsigned int cpu,
			    struct mem_cgroup *memcg, unsigned int gfp,
			    unsigned int nr_pages,
			    struct memcg_charge_out *out);
/* refill_stock() on `cpu`: kmem/socket uncharge through the stock. */
void memcg_uncharge_stock(struct memcg_system *sys, unsigned int cpu,
			  struct mem_cgroup *memcg, unsigned int nr_pages);
enum memcg_refill_how memcg_uncharge_stock_traced(struct memcg_system *sys,
						  unsigned int cpu,
						  struct mem_cgroup *memcg,
						  unsigned int nr_pages,
						  struct mem_cgroup **victim);
/* memcg_uncharge(): folio uncharge, straight to the counters. */
void memcg_uncharge(struct memcg_system *sys, struct mem_cgroup *memcg,
		    unsigned int nr_pages);

/* stock.c: drain_local_memcg_stock() on cpu; pages given back. */
unsigned long memcg_drain_local(struct memcg_system *sys, unsigned int cpu);
/*
 * drain_all_stock(root) called on `curcpu`; queued work runs at once, in
 * CPU order. drained[cpu] (may be NULL) says whose whole stock went.
 * Returns the pages given back.
 */
unsigned long memcg_drain_all(struct memcg_system *sys, unsigned int curcpu,
			      struct mem_cgroup *root, bool *drained);
/* Pages stocked on cpu for memcg (0 when not cached). */
unsigned int memcg_stocked(const struct memcg_system *sys, unsigned int cpu,
			   const struct mem_cgroup *memcg);

#endif /* SWTLB_WORKLOADS_MEMCG_MEMCG_H */
