/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool/pool_kconfig.h: what the hot path (pool_impl.h) and the io_tlb_mem
 * setup (pool_mem.h) share for one kernel configuration: the struct types
 * of CONFIG_SWIOTLB_DYNAMIC=n (SWTLB_DYNAMIC 0) or =y (1), the kernel's
 * small helpers and its barriers. Included once per translation unit.
 */
#ifndef SWTLB_DYNAMIC
#error "define SWTLB_DYNAMIC to 0 or 1 before including pool_kconfig.h"
#endif

#include <string.h>

#include "pool/pool_internal.h"

#if SWTLB_DYNAMIC
typedef struct io_tlb_pool_dynon tlb_pool_t;
typedef struct io_tlb_mem_dynon tlb_mem_t;
#else
typedef struct io_tlb_pool_dynoff tlb_pool_t;
typedef struct io_tlb_mem_dynoff tlb_mem_t;
#endif

#define relaxed memory_order_relaxed

static inline unsigned long io_tlb_offset(unsigned long val)
{
	return val & (IO_TLB_SEGSIZE - 1);
}

static inline unsigned long nr_slots(uint64_t val)
{
	return (val + IO_TLB_SIZE - 1) / IO_TLB_SIZE;
}

static inline uint64_t slot_addr(uint64_t start, uint64_t idx)
{
	return start + (idx << IO_TLB_SHIFT);
}

static inline unsigned long get_max_slots(unsigned long boundary_mask)
{
	return (boundary_mask >> IO_TLB_SHIFT) + 1;
}

static inline unsigned int wrap_area_index(const tlb_pool_t *pool,
					   unsigned int index)
{
	if (index >= pool->area_nslabs)
		return 0;
	return index;
}

/* include/linux/iommu-helper.h */
static inline int iommu_is_span_boundary(unsigned int index, unsigned int nr,
					 unsigned long shift,
					 unsigned long boundary_size)
{
	shift = (shift + index) & (boundary_size - 1);
	return shift + nr > boundary_size;
}

/* swiotlb_align_offset() */
static inline unsigned int align_offset(const struct swtlb_dev *dev,
					unsigned int align_mask, uint64_t addr)
{
	return addr & dev->min_align_mask & (align_mask | (IO_TLB_SIZE - 1));
}

static inline tlb_mem_t *dev_mem(const struct swtlb *s)
{
	return s->dev.dma_io_tlb_mem; /* dev->dma_io_tlb_mem */
}

#if SWTLB_DYNAMIC
static inline tlb_pool_t *pool_of_node(struct swtlb_list_head *node)
{
	return (tlb_pool_t *)((char *)node - offsetof(tlb_pool_t, node));
}
#endif

/*
 * smp_mb() on x86_64 is `lock; addl $0,-4(%rsp)`: a locked RMW on the
 * stack, which is what this compiles to (and ThreadSanitizer accepts it,
 * unlike atomic_thread_fence()).
 */
static inline void smp_mb(void)
{
	atomic_int stack_word = 0;

	atomic_fetch_add_explicit(&stack_word, 0, memory_order_seq_cst);
}

/* smp_rmb() on x86_64: loads are not reordered with loads; barrier(). */
static inline void smp_rmb(void)
{
#if defined(__x86_64__) || defined(__i386__)
	atomic_signal_fence(memory_order_seq_cst);
#else
	atomic_thread_fence(memory_order_acquire);
#endif
}

/* rcu_read_lock()/unlock() of a non-preemptible kernel: compiler barriers. */
static inline void rcu_read_lock(void)
{
	atomic_signal_fence(memory_order_seq_cst);
}

static inline void rcu_read_unlock(void)
{
	atomic_signal_fence(memory_order_seq_cst);
}
