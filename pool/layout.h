/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool/layout.h: the kernel's swiotlb structures, field for field, x86_64.
 *
 * From kernel/dma/swiotlb.c (struct io_tlb_slot, struct io_tlb_area) and
 * include/linux/swiotlb.h (struct io_tlb_pool, struct io_tlb_mem) of the
 * tree named in docs/design/swiotlb-path.md. Both kernel configurations
 * are spelled out with distinct names: *_dynoff for
 * CONFIG_SWIOTLB_DYNAMIC=n, *_dynon for =y, both with CONFIG_DEBUG_FS=y
 * (total_used, used_hiwater, transient_nslabs present) and without lock
 * debugging (spinlock_t is 4 bytes, no lockdep_map in work_struct).
 *
 * Fields the hot path reads without a lock (READ_ONCE in the kernel, or a
 * plain read racing with nothing but kept observable) are C11 atomics of the
 * same size and alignment, accessed relaxed: plain moves on x86.
 */
#ifndef SWTLB_POOL_LAYOUT_H
#define SWTLB_POOL_LAYOUT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pool/spinlock.h"

/* struct list_head; `next` is what list_for_each_entry_rcu() dereferences. */
struct swtlb_list_head {
	struct swtlb_list_head *_Atomic next;
	struct swtlb_list_head *prev;
};

/* struct rcu_head (struct callback_head). */
struct swtlb_rcu_head {
	struct swtlb_rcu_head *next;
	void (*func)(struct swtlb_rcu_head *head);
};

/* struct work_struct without CONFIG_LOCKDEP. */
struct swtlb_work_struct {
	atomic_long data;
	struct swtlb_list_head entry;
	void (*func)(struct swtlb_work_struct *work);
};

struct io_tlb_slot {
	uint64_t orig_addr; /* phys_addr_t */
	size_t alloc_size;
	unsigned short list;
	unsigned short pad_slots;
};

/* The kernel's area (scheme with no per-area bytes). */
struct io_tlb_area {
	atomic_ulong used;
	unsigned int index;
	swtlb_spinlock_t lock;
};

/* Seed 003's area: used_hiwater right after used. */
struct io_tlb_area_hiwater {
	atomic_ulong used;
	unsigned long used_hiwater;
	unsigned int index;
	swtlb_spinlock_t lock;
};

/* CONFIG_SWIOTLB_DYNAMIC=n */
struct io_tlb_pool_dynoff {
	uint64_t start;
	uint64_t end;
	void *vaddr;
	unsigned long nslabs;
	bool late_alloc;
	unsigned int nareas;
	unsigned int area_nslabs;
	void *areas; /* struct io_tlb_area[nareas], element size per scheme */
	struct io_tlb_slot *slots;
};

struct io_tlb_mem_dynoff {
	struct io_tlb_pool_dynoff defpool;
	atomic_ulong nslabs;	  /* read by every map ("no pool" check) */
	void *debugfs;		  /* struct dentry * */
	atomic_bool force_bounce; /* read by dma_direct_map_phys() */
	bool for_alloc;
	atomic_long total_used; /* CONFIG_DEBUG_FS */
	atomic_long used_hiwater;
	atomic_long transient_nslabs;
};

/* CONFIG_SWIOTLB_DYNAMIC=y */
struct io_tlb_pool_dynon {
	uint64_t start;
	uint64_t end;
	void *vaddr;
	unsigned long nslabs;
	bool late_alloc;
	unsigned int nareas;
	unsigned int area_nslabs;
	void *areas;
	struct io_tlb_slot *slots;
	struct swtlb_list_head node;
	struct swtlb_rcu_head rcu;
	bool transient;
};

struct io_tlb_mem_dynon {
	struct io_tlb_pool_dynon defpool;
	atomic_ulong nslabs;
	void *debugfs;
	atomic_bool force_bounce;
	bool for_alloc;
	bool can_grow;
	uint64_t phys_limit;
	swtlb_spinlock_t lock;
	struct swtlb_list_head pools;
	struct swtlb_work_struct dyn_alloc;
	atomic_long total_used; /* CONFIG_DEBUG_FS */
	atomic_long used_hiwater;
	atomic_long transient_nslabs;
};

/*
 * The x86_64 layout the kernel's own compiler gives these structs. The
 * Appendix of swiotlb-path.md (and seed 003's `lock xadd %rax,0x58(%rcx)`,
 * read of 0x60(%rcx)) fixes the DYNAMIC=n offsets; the DYNAMIC=y ones follow
 * from the same field list: the pool grows by node (16), rcu (16) and
 * transient (1, padded to 8) to 104 bytes, the allocator adds can_grow,
 * phys_limit, lock, pools and the 32-byte dyn_alloc work item, which moves
 * the counters to 0xc0 and 0xc8: a line of their own when io_tlb_mem starts
 * on a cache line, away from nslabs (0x68) and force_bounce (0x78).
 */
#if defined(__x86_64__)
_Static_assert(sizeof(struct io_tlb_slot) == 24, "io_tlb_slot");
_Static_assert(offsetof(struct io_tlb_slot, list) == 16, "slot.list");
_Static_assert(offsetof(struct io_tlb_slot, pad_slots) == 18, "slot.pad");

_Static_assert(sizeof(struct io_tlb_area) == 16, "io_tlb_area");
_Static_assert(offsetof(struct io_tlb_area, index) == 8, "area.index");
_Static_assert(offsetof(struct io_tlb_area, lock) == 12, "area.lock");
_Static_assert(sizeof(struct io_tlb_area_hiwater) == 24, "seed 003 area");
_Static_assert(offsetof(struct io_tlb_area_hiwater, used_hiwater) == 8,
	       "seed 003 area.used_hiwater");
_Static_assert(offsetof(struct io_tlb_area_hiwater, index) == 16,
	       "seed 003 area.index");
_Static_assert(offsetof(struct io_tlb_area_hiwater, lock) == 20,
	       "seed 003 area.lock");

_Static_assert(sizeof(struct io_tlb_pool_dynoff) == 64, "pool (dyn=n)");
_Static_assert(offsetof(struct io_tlb_pool_dynoff, nareas) == 36, "nareas");
_Static_assert(offsetof(struct io_tlb_pool_dynoff, areas) == 48, "areas");
_Static_assert(offsetof(struct io_tlb_mem_dynoff, nslabs) == 64, "nslabs");
_Static_assert(offsetof(struct io_tlb_mem_dynoff, debugfs) == 72, "debugfs");
_Static_assert(offsetof(struct io_tlb_mem_dynoff, force_bounce) == 80,
	       "force_bounce");
_Static_assert(offsetof(struct io_tlb_mem_dynoff, for_alloc) == 81,
	       "for_alloc");
_Static_assert(offsetof(struct io_tlb_mem_dynoff, total_used) == 0x58,
	       "total_used at 0x58 (seed 003 annotate)");
_Static_assert(offsetof(struct io_tlb_mem_dynoff, used_hiwater) == 0x60,
	       "used_hiwater at 0x60 (seed 003 annotate)");
_Static_assert(offsetof(struct io_tlb_mem_dynoff, transient_nslabs) == 104,
	       "transient_nslabs");
_Static_assert(sizeof(struct io_tlb_mem_dynoff) == 112, "io_tlb_mem (dyn=n)");

_Static_assert(sizeof(struct swtlb_work_struct) == 32, "work_struct");
_Static_assert(offsetof(struct io_tlb_pool_dynon, node) == 64, "pool.node");
_Static_assert(offsetof(struct io_tlb_pool_dynon, rcu) == 80, "pool.rcu");
_Static_assert(offsetof(struct io_tlb_pool_dynon, transient) == 96,
	       "pool.transient");
_Static_assert(sizeof(struct io_tlb_pool_dynon) == 104, "pool (dyn=y)");
_Static_assert(offsetof(struct io_tlb_mem_dynon, nslabs) == 104, "nslabs");
_Static_assert(offsetof(struct io_tlb_mem_dynon, force_bounce) == 120,
	       "force_bounce");
_Static_assert(offsetof(struct io_tlb_mem_dynon, can_grow) == 122, "can_grow");
_Static_assert(offsetof(struct io_tlb_mem_dynon, phys_limit) == 128,
	       "phys_limit");
_Static_assert(offsetof(struct io_tlb_mem_dynon, lock) == 136, "lock");
_Static_assert(offsetof(struct io_tlb_mem_dynon, pools) == 144, "pools");
_Static_assert(offsetof(struct io_tlb_mem_dynon, dyn_alloc) == 160,
	       "dyn_alloc");
_Static_assert(offsetof(struct io_tlb_mem_dynon, total_used) == 0xc0,
	       "total_used (dyn=y)");
_Static_assert(offsetof(struct io_tlb_mem_dynon, used_hiwater) == 0xc8,
	       "used_hiwater (dyn=y)");
_Static_assert(sizeof(struct io_tlb_mem_dynon) == 216, "io_tlb_mem (dyn=y)");
#endif

/*
 * Runtime description of one area element: the kernel's 16 bytes, plus the
 * scheme's area_priv_bytes inserted after `used` (seed 003: 8), optionally
 * padded to a cache line (named variant). Computed once at create time;
 * swtlb_area_desc_init() gives exactly the offsets of io_tlb_area (priv 0)
 * and io_tlb_area_hiwater (priv 8) in the packed layout.
 */
struct swtlb_area_desc {
	unsigned int stride;	 /* bytes from one area to the next */
	unsigned int priv_off;	 /* the scheme's bytes (right after used) */
	unsigned int priv_bytes; /* how many */
	unsigned int index_off;	 /* unsigned int index */
	unsigned int lock_off;	 /* swtlb_spinlock_t lock */
};

#define SWTLB_CACHE_LINE    64U
#define SWTLB_MAX_AREA_PRIV 4096U

#endif /* SWTLB_POOL_LAYOUT_H */
