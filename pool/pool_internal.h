/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool/pool_internal.h: struct swtlb and what the
 * compilations of the hot path (pool_impl.h) and of io_tlb_mem setup
 * (pool_dynoff.c, pool_dynon.c) share. Not for code outside pool/
 * except white-box tests.
 */
#ifndef SWTLB_POOL_INTERNAL_H
#define SWTLB_POOL_INTERNAL_H

#include <stdalign.h>

#include "pool/layout.h"
#include "pool/swiotlb.h"

/*
 * The struct device fields the swiotlb path touches, for the one device
 * every mapping of this pool comes from (a CoCo guest's disk or NIC mapped
 * from every CPU). Its own cache line, as in a real struct device the
 * fields sit together: every map reads dma_io_tlb_mem; with
 * CONFIG_SWIOTLB_DYNAMIC=y every successful map also writes
 * dma_uses_io_tlb (WRITE_ONCE(..., true), a store even when already true),
 * so that line moves between CPUs just as it does in the kernel.
 */
struct swtlb_devstate {
	void *dma_io_tlb_mem; /* struct io_tlb_mem_dyn{off,on} * */
	struct swtlb_list_head dma_io_tlb_pools; /* transient pools: none */
	swtlb_spinlock_t dma_io_tlb_lock;
	atomic_bool dma_uses_io_tlb;
	atomic_bool dma_skip_sync; /* dma_reset_need_sync() */
	/* Read on every dma-direct map (dma_map_direct(), dma_capable()). */
	const void *_Atomic dma_ops; /* NULL: dma-direct */
	uint64_t *dma_mask;	     /* points into the bus device */
	uint64_t bus_dma_limit;
};

/* One compilation of the hot path (pool_impl.h, pool/paths.c). */
struct swtlb_path {
	uint64_t (*map)(struct swtlb *s, const struct swtlb_dev *dev,
			unsigned int cpu, uint64_t orig_addr,
			size_t mapping_size, unsigned int alloc_align_mask,
			enum dma_data_direction dir, unsigned long attrs);
	void (*unmap)(struct swtlb *s, const struct swtlb_dev *dev,
		      unsigned int cpu, uint64_t tlb_addr, size_t mapping_size,
		      enum dma_data_direction dir, unsigned long attrs);
	void (*sync)(struct swtlb *s, const struct swtlb_dev *dev,
		     uint64_t tlb_addr, size_t size,
		     enum dma_data_direction dir, bool for_device);
	/* The caller paths (pool_caller.h): dma-direct, and the shortcut. */
	uint64_t (*dma_map)(struct swtlb *s, const struct swtlb_dev *dev,
			    unsigned int cpu, uint64_t phys, size_t size,
			    enum dma_data_direction dir, unsigned long attrs);
	void (*dma_unmap)(struct swtlb *s, const struct swtlb_dev *dev,
			  unsigned int cpu, uint64_t addr, size_t size,
			  enum dma_data_direction dir, unsigned long attrs);
	uint64_t (*shortcut_map)(struct swtlb *s, const struct swtlb_dev *dev,
				 unsigned int cpu, uint64_t phys, size_t size,
				 enum dma_data_direction dir,
				 unsigned long attrs);
};

/* The path with hook set `hooks` (pool/hook_sets.def), or NULL. */
const struct swtlb_path *swtlb_path_find(const char *hooks,
					 enum swtlb_kconfig kconfig,
					 enum swtlb_lock_kind lock);

struct swtlb {
	alignas(SWTLB_CACHE_LINE) struct swtlb_devstate dev;

	/* Read-mostly after create: the hot path's other inputs. */
	alignas(SWTLB_CACHE_LINE) struct swtlb_path path;
	/* swtlb_dma_map()/_unmap(): dma-direct's, or the shortcut's. */
	uint64_t (*caller_map)(struct swtlb *s, const struct swtlb_dev *dev,
			       unsigned int cpu, uint64_t phys, size_t size,
			       enum dma_data_direction dir,
			       unsigned long attrs);
	void (*caller_unmap)(struct swtlb *s, const struct swtlb_dev *dev,
			     unsigned int cpu, uint64_t addr, size_t size,
			     enum dma_data_direction dir, unsigned long attrs);
	uint64_t dma_mask_storage; /* the bus device's dma_mask: all ones */
	const struct swtlb_scheme_ops *ops;
	struct swtlb_area_desc area;
	unsigned long default_nareas; /* the kernel's file-static */
	enum swtlb_kconfig kconfig;
	bool bounce;
	struct swtlb_scheme_ctx ctx;

	/* Owned memory and a copy of the geometry for tools and tests. */
	void *mem;	 /* io_tlb_mem copy, cfg.mem_offset past a line */
	void *mem_alloc; /* what holds it */
	char *areas;
	struct io_tlb_slot *slots;
	unsigned char *vaddr; /* bounce memory, NULL unless cfg.bounce */
	size_t vaddr_bytes;
	unsigned long nslabs;
	unsigned int nareas;
	unsigned int area_nslabs;
	uint64_t start;
	bool scheme_ready; /* ops->init succeeded: call fini */
	struct swtlb_config cfg;
};

void swtlb_area_desc_init(struct swtlb_area_desc *d, unsigned int priv_bytes,
			  enum swtlb_area_layout layout);

static inline char *swtlb_pool_area(const struct swtlb *s, unsigned int i)
{
	return s->areas + (size_t)i * s->area.stride;
}

static inline atomic_ulong *swtlb_pool_area_used(char *area)
{
	return (atomic_ulong *)area; /* `used` is always the first field */
}

/* The per-configuration halves (pool_impl.h compiled twice). */
size_t swtlb_mem_size_dynoff(void);
size_t swtlb_mem_size_dynon(void);
void swtlb_mem_init_dynoff(struct swtlb *s);
void swtlb_mem_init_dynon(struct swtlb *s);
unsigned long swtlb_mem_used_dynoff(const struct swtlb *s);
unsigned long swtlb_mem_used_dynon(const struct swtlb *s);

/*
 * Kernel data and helpers the map path reads (pool/kernel_env.c): a CoCo
 * guest's cc_platform_has() (out of line on x86: a switch on the vendor
 * and a read of its read-mostly state) and the pr_warn_once() flag after
 * it, and the C-bit mask phys_to_dma_unencrypted() clears (0 here: our
 * addresses are plain userspace ones). Read-mostly, on their own line.
 */
#define SWTLB_CC_ATTR_MEM_ENCRYPT 0
extern atomic_ulong swtlb_cc_mask;
extern atomic_bool swtlb_cc_warned;
bool swtlb_cc_platform_has(int attr);

/* pr_warn_once(): the flag test stays; the message is not printed. */
static inline void swtlb_pr_warn_once_cc(void)
{
	if (!atomic_load_explicit(&swtlb_cc_warned, memory_order_relaxed))
		atomic_store_explicit(&swtlb_cc_warned, true,
				      memory_order_relaxed);
}

/* The kernel's BUG(): a broken pool or a misused API; never returns. */
_Noreturn void swtlb_bug(const char *what);
/* Formats a one-line reason into err (if any); returns -1. */
int swtlb_pool_fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* SWTLB_POOL_INTERNAL_H */
