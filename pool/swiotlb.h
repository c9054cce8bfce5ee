/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool/swiotlb.h: public API of the userspace copy of the kernel's default
 * swiotlb pool (kernel/dma/swiotlb.c, see docs/design/swiotlb-path.md).
 *
 * One struct swtlb is one io_tlb_mem with its default pool, built for one
 * kernel configuration (CONFIG_SWIOTLB_DYNAMIC off or on), one area layout
 * (the kernel's packed array, or the padded variant) and one accounting
 * scheme. Map and unmap are the kernel's swiotlb_tbl_map_single() and
 * __swiotlb_tbl_unmap_single(), with the CPU id passed explicitly (it is what
 * raw_smp_processor_id() would return).
 */
#ifndef SWTLB_POOL_SWIOTLB_H
#define SWTLB_POOL_SWIOTLB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "counters/scheme.h"

#define IO_TLB_SHIFT	    11
#define IO_TLB_SIZE	    (1U << IO_TLB_SHIFT)
#define IO_TLB_SEGSIZE	    128U
#define IO_TLB_DEFAULT_SIZE (64UL << 20)
#define IO_TLB_MIN_SLABS    ((1UL << 20) >> IO_TLB_SHIFT)
#define SWTLB_PAGE_SIZE	    4096UL
#define INVALID_PHYS_ADDR   (~(uint64_t)0)
#define DMA_MAPPING_ERROR   (~(uint64_t)0)
/* Largest pool swtlb_create() accepts: 32 GiB of bounce memory. */
#define SWTLB_MAX_NSLABS (1UL << 24)
/* Where the replay format puts the pool: 4 GiB, aligned for every mask. */
#define SWTLB_DEFAULT_START 0x100000000ULL

enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};

#define DMA_ATTR_SKIP_CPU_SYNC (1UL << 5)
#define DMA_ATTR_NO_WARN       (1UL << 8)

enum swtlb_kconfig {
	SWTLB_DYNAMIC_OFF = 0, /* CONFIG_SWIOTLB_DYNAMIC=n (default) */
	SWTLB_DYNAMIC_ON = 1,  /* CONFIG_SWIOTLB_DYNAMIC=y layout and path */
};

enum swtlb_area_layout {
	SWTLB_AREAS_PACKED = 0, /* the kernel's kcalloc() array (default) */
	SWTLB_AREAS_PADDED = 1, /* named variant: one area per cache line */
};

/* The area lock's unlock (spin_unlock_irqrestore on x86). */
enum swtlb_lock_kind {
	SWTLB_LOCK_NATIVE = 0, /* smp_store_release() of the lock byte */
	SWTLB_LOCK_PV = 1,     /* paravirt spinlocks (KVM, CoCo guests):
				* a call and a locked cmpxchg 1 -> 0 */
};

/* What swtlb_dma_map()/swtlb_dma_unmap() run around the swiotlb calls. */
enum swtlb_caller_path {
	SWTLB_CALLER_DMA_DIRECT = 0, /* dma_map_phys()/dma_unmap_phys() */
	SWTLB_CALLER_SHORTCUT = 1,   /* named variant: tbl map, one lookup */
};

/* Largest --mem-offset: io_tlb_mem is 8-byte aligned, so 0, 8, ..., 56. */
#define SWTLB_MEM_OFFSET_MAX 56U

/* What the pool needs to know of the device (struct device's DMA params). */
struct swtlb_dev {
	unsigned int min_align_mask;	 /* dma_get_min_align_mask() */
	unsigned long seg_boundary_mask; /* dma_get_seg_boundary() */
};

struct swtlb_config {
	/* As swiotlb_init_io_tlb_pool() receives them: already rounded. */
	unsigned long nslabs;
	unsigned int nareas;
	enum swtlb_kconfig kconfig;
	enum swtlb_area_layout area_layout;
	const struct swtlb_scheme_ops *scheme; /* NULL means "none" */
	struct swtlb_scheme_params scheme_params;
	uint64_t start; /* device/physical address of slot 0 */
	/*
	 * false: never memcpy to/from the bounce buffer (replay and simulator
	 * traces carry made-up orig addresses). A named variant, documented.
	 */
	bool bounce;
	enum swtlb_lock_kind lock;
	enum swtlb_caller_path caller_path;
	/*
	 * Where io_tlb_mem starts, mod 64 (a multiple of 8 up to 56): the
	 * kernel's io_tlb_default_mem is a static with 8-byte alignment, so
	 * its place in the image decides which fields share the line of
	 * total_used. 0 (the default) gives that line to the counters,
	 * nslabs and force_bounce alone (docs/pool.md).
	 */
	unsigned int mem_offset;
	/*
	 * true: the scheme's hooks are called through its ops table
	 * (the `indirect` hook set), a named variant for measuring what
	 * inlining changes. Schemes without ops->hooks always are.
	 */
	bool hooks_indirect;
	/* Optional allocator for the bounce memory (NUMA placement). */
	void *(*alloc_bounce)(size_t bytes, void *arg);
	void (*free_bounce)(void *mem, size_t bytes, void *arg);
	void *alloc_arg;
	/*
	 * Optional allocator for the hot metadata: io_tlb_mem, the area array
	 * and the slot array (the kernel puts them on the boot node). Returns
	 * zeroed, page-aligned memory. Without it they come from the heap.
	 */
	void *(*alloc_meta)(size_t bytes, void *arg);
	void (*free_meta)(void *mem, size_t bytes, void *arg);
	void *meta_arg;
};

struct swtlb;

/* The kernel's default geometry for `possible_cpus` CPUs and a 64 MiB pool:
 * swiotlb_adjust_nareas() and limit_nareas() applied. */
void swtlb_default_geometry(unsigned int possible_cpus, unsigned long *nslabs,
			    unsigned int *nareas);

/* The rules of a pool given as-is (trace-format.md `pool`): nareas a power
 * of two, nslabs a positive multiple of 128 x nareas, at most
 * SWTLB_MAX_NSLABS. 0, or -1 with a one-line reason in err. */
int swtlb_geometry_check(unsigned long nslabs, unsigned long nareas, char *err,
			 size_t errlen);

/* NULL with a one-line reason in err when the pool cannot be built. */
struct swtlb *swtlb_create(const struct swtlb_config *cfg, char *err,
			   size_t errlen);
void swtlb_destroy(struct swtlb *pool);

/* swiotlb_tbl_map_single(): the tlb (device) address or DMA_MAPPING_ERROR.
 * orig_addr doubles as a userspace pointer when cfg->bounce is true. */
uint64_t swtlb_map(struct swtlb *pool, const struct swtlb_dev *dev,
		   unsigned int cpu, uint64_t orig_addr, size_t mapping_size,
		   unsigned int alloc_align_mask, enum dma_data_direction dir,
		   unsigned long attrs);
/* __swiotlb_tbl_unmap_single() with the pool the address belongs to. */
void swtlb_unmap(struct swtlb *pool, const struct swtlb_dev *dev,
		 unsigned int cpu, uint64_t tlb_addr, size_t mapping_size,
		 enum dma_data_direction dir, unsigned long attrs);

/*
 * The caller's path (cfg->caller_path): dma-direct's dma_map_phys() of a
 * CoCo guest (force bounce, cc_platform_has(), swiotlb_map() and its
 * dma_capable() check) and dma_unmap_phys() (sync for the CPU with its own
 * pool lookup and copy back, then the unmap with DMA_ATTR_SKIP_CPU_SYNC
 * and a second lookup), or the shortcut (swtlb_map()/swtlb_unmap()).
 * No alignment mask: streaming maps pass 0.
 */
uint64_t swtlb_dma_map(struct swtlb *pool, const struct swtlb_dev *dev,
		       unsigned int cpu, uint64_t phys, size_t size,
		       enum dma_data_direction dir, unsigned long attrs);
void swtlb_dma_unmap(struct swtlb *pool, const struct swtlb_dev *dev,
		     unsigned int cpu, uint64_t addr, size_t size,
		     enum dma_data_direction dir, unsigned long attrs);

/* swiotlb_sync_single_for_device()/_for_cpu(): bounce copies only. */
void swtlb_sync_single_for_device(struct swtlb *pool,
				  const struct swtlb_dev *dev,
				  uint64_t tlb_addr, size_t size,
				  enum dma_data_direction dir);
void swtlb_sync_single_for_cpu(struct swtlb *pool, const struct swtlb_dev *dev,
			       uint64_t tlb_addr, size_t size,
			       enum dma_data_direction dir);
/* swiotlb_max_mapping_size(): larger maps fail. */
size_t swtlb_max_mapping_size(const struct swtlb_dev *dev);

/* Accounting, as debugfs shows it. */
struct swtlb_scheme_ctx *swtlb_scheme_ctx(struct swtlb *pool);
unsigned long swtlb_used(struct swtlb *pool); /* io_tlb_used */
/* io_tlb_used_hiwater; false if the scheme keeps none. */
bool swtlb_hiwater(struct swtlb *pool, unsigned long *out);
/* 0, -EINVAL (only 0 is accepted), -EOPNOTSUPP (no high-water). */
int swtlb_hiwater_set(struct swtlb *pool, unsigned long val);

/* Geometry and state, for tools and tests. */
unsigned long swtlb_nslabs(const struct swtlb *pool);
unsigned int swtlb_nareas(const struct swtlb *pool);
uint64_t swtlb_start(const struct swtlb *pool);
unsigned long swtlb_area_used(const struct swtlb *pool, unsigned int area);
/* Checks every list value, used counts, free runs; 0 or -1 with reason. */
int swtlb_check_invariants(const struct swtlb *pool, char *err, size_t errlen);

#endif /* SWTLB_POOL_SWIOTLB_H */
