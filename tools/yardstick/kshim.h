/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tools/yardstick/kshim.h: the kernel environment kernel/dma/swiotlb.c
 * needs, in userspace, for x86_64 (our own definitions; no kernel code).
 *
 * Force-included (-include) before the user's kernel/dma/swiotlb.c and
 * include/linux/swiotlb.h; every other <linux/...>, <asm/...> or
 * <trace/...> header those files name is an empty stub generated at
 * configure time, so this file is the whole environment. What it models,
 * as the port (pool/) models it: an out-of-line spin_lock_irqsave() with
 * pushf/pop and the preemption count, the qspinlock fast path (locked
 * cmpxchg 0 -> 1 on the 4-byte lock) and a byte-store unlock, or with
 * YARD_PV_UNLOCK the paravirt locked cmpxchg; atomic_long_* as x86
 * locked operations; raw_smp_processor_id() a thread-local read of the
 * pinned CPU (the kernel's %gs-relative per-CPU read); cc_platform_has()
 * out of line and true (an SEV guest); tracepoints a 5-byte nop; memblock
 * and the page allocator over aligned_alloc(); debugfs off (no files).
 * Bounce copies go through yard_bounce_memcpy() so that "bounce off"
 * skips only the copy, as the port's named variant does.
 */
#ifndef YARD_KSHIM_H
#define YARD_KSHIM_H

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- types ---- */
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;
typedef u64 phys_addr_t;
typedef u64 dma_addr_t;
typedef unsigned int gfp_t;
typedef struct {
	long counter;
} atomic_long_t;

/* ---- compiler ---- */
#define __init
#define __initdata
#define __user
#define __iomem
#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#define noinline	 __attribute__((noinline))
#define likely(x)	 __builtin_expect(!!(x), 1)
#define unlikely(x)	 __builtin_expect(!!(x), 0)
#define barrier()	 __asm__ __volatile__("" ::: "memory")
#define READ_ONCE(x)	 (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define smp_rmb()	 barrier()
#define smp_mb()	 __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define EXPORT_SYMBOL(s)
#define EXPORT_SYMBOL_GPL(s)
#define early_param(name, fn) int (*const yard_early_##fn)(char *) = fn
#define late_initcall(fn)     int (*const yard_late_initcall)(void) = fn
#define container_of(p, type, member)                                          \
	((type *)((char *)(p)-offsetof(type, member)))

/* ---- arithmetic ---- */
#define ALIGN(x, a)	   (((x) + ((__typeof__(x))(a)-1)) & ~((__typeof__(x))(a)-1))
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))
#define roundup(x, y)	   ((((x) + ((y)-1)) / (y)) * (y))
#define min(a, b)	   ((a) < (b) ? (a) : (b))
#define max(a, b)	   ((a) > (b) ? (a) : (b))
#define min_t(t, a, b)	   ((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b)	   ((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define min_not_zero(a, b) ((a) == 0 ? (b) : ((b) == 0 ? (a) : min(a, b)))
#define array_size(a, b)   ((size_t)(a) * (size_t)(b))
#define is_power_of_2(n)   ((n) != 0 && (((n) & ((n)-1)) == 0))
#define SZ_1M		   0x00100000
#define ULONG_MAX_MASK	   (~0UL)
static inline unsigned long roundup_pow_of_two(unsigned long n)
{
	return n <= 1 ? 1 : 1UL << (64 - __builtin_clzl(n - 1));
}
#define simple_strtoul strtoul

/* ---- pages ---- */
#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x)	ALIGN(x, PAGE_SIZE)
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PHYS_PFN(x)	((unsigned long)((x) >> PAGE_SHIFT))
#define SMP_CACHE_BYTES 64
#define MAX_PAGE_ORDER	10
struct page;
/* x86_64 has no highmem: PageHighMem() is constant false. */
#define PageHighMem(p)	 ((void)(p), 0)
#define pfn_to_page(pfn) ((struct page *)(uintptr_t)(pfn))
#define phys_to_virt(x)	 ((void *)(uintptr_t)(x))
#define virt_to_phys(x)	 ((phys_addr_t)(uintptr_t)(x))
#define __pa(x)		 ((phys_addr_t)(uintptr_t)(x))
#define memcpy_from_page(d, p, o, n)                                           \
	((void)(d), (void)(p), (void)(o), (void)(n))
#define memcpy_to_page(p, o, s, n)  ((void)(p), (void)(o), (void)(s), (void)(n))
#define kmsan_unpoison_memory(p, n) ((void)(p), (void)(n))
extern void *high_memory;

#define GFP_KERNEL   0x1u
#define GFP_NOWAIT   0x2u
#define __GFP_ZERO   0x100u
#define __GFP_NOWARN 0x200u
#define __GFP_DMA    0x400u
#define __GFP_DMA32  0x800u
void *yard_alloc_aligned(size_t align, size_t bytes); /* zeroed */
/* The blocks allocated so far (the first YARD_MAX_ALLOCS), for the
 * tracer (tools/linetrace) to name what the kernel's code touches. */
#define YARD_MAX_ALLOCS 32
struct yard_alloc {
	char *p;
	size_t bytes;
};
extern struct yard_alloc yard_allocs[YARD_MAX_ALLOCS];
extern unsigned int yard_nallocs;
/* Set by the tracer only: blocks of 1 MiB or more (the bounce buffer) are
 * not zeroed, so that valgrind does not record 64 MiB of stores that
 * nothing reads. */
extern bool yard_alloc_large_unzeroed;
/* The same for swiotlb.c's memset() of the bounce buffer at boot. */
static inline void *yard_memset(void *p, int c, size_t n)
{
	if (yard_alloc_large_unzeroed && n >= (1U << 20))
		return p;
	return memset(p, c, n);
}
#define memset(p, c, n) yard_memset(p, c, n)
void yard_free(void *p);
static inline unsigned int get_order(unsigned long size)
{
	unsigned int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}
#define __get_free_pages(gfp, order)                                           \
	((unsigned long)yard_alloc_aligned(PAGE_SIZE, PAGE_SIZE << (order)))
#define free_pages(addr, order)	   ((void)(order), yard_free((void *)(addr)))
#define kzalloc(n, gfp)		   yard_alloc_aligned(SMP_CACHE_BYTES, n)
#define kcalloc(n, s, gfp)	   yard_alloc_aligned(SMP_CACHE_BYTES, (n) * (s))
#define kfree(p)		   yard_free(p)
#define memblock_alloc(n, a)	   yard_alloc_aligned(a, n)
#define memblock_alloc_low(n, a)   yard_alloc_aligned(a, n)
#define memblock_free(p, n)	   ((void)(n), yard_free(p))
#define memblock_phys_free(p, n)   ((void)(p), (void)(n))
#define set_memory_decrypted(a, n) ((void)(a), (void)(n), 0)
#define set_memory_encrypted(a, n) ((void)(a), (void)(n), 0)
#define MAX_ERRNO		   4095
#define ERR_PTR(e)		   ((void *)(long)(e))
#define IS_ERR(p)		   ((unsigned long)(p) >= (unsigned long)-MAX_ERRNO)
#define num_possible_cpus()	   yard_possible_cpus
extern unsigned int yard_possible_cpus;

/* ---- printk, WARN, BUG ---- */
#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif
extern int yard_verbose;
#define yard_printk(...)                                                       \
	do {                                                                   \
		if (yard_verbose)                                              \
			fprintf(stderr, __VA_ARGS__);                          \
	} while (0)
#define pr_info(fmt, ...)   yard_printk(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)   yard_printk(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)    yard_printk(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn_ratelimited pr_warn
/* The kernel's pr_warn_once(): a read-mostly flag, tested on every call. */
#define pr_warn_once(fmt, ...)                                                 \
	({                                                                     \
		static bool __warned;                                          \
		if (unlikely(!__warned)) {                                     \
			__warned = true;                                       \
			pr_warn(fmt, ##__VA_ARGS__);                           \
		}                                                              \
	})
#define dev_warn_ratelimited(dev, fmt, ...) yard_printk(fmt, ##__VA_ARGS__)
#define dev_WARN_ONCE(dev, cond, fmt, ...)                                     \
	({                                                                     \
		static bool __warned;                                          \
		bool __c = !!(cond);                                           \
		if (unlikely(__c) && !__warned) {                              \
			__warned = true;                                       \
			yard_printk(fmt, ##__VA_ARGS__);                       \
		}                                                              \
		unlikely(__c);                                                 \
	})
_Noreturn void yard_bug(const char *file, int line);
#define BUG() yard_bug(__FILE__, __LINE__)
#define BUG_ON(c)                                                              \
	do {                                                                   \
		if (unlikely(c))                                               \
			BUG();                                                 \
	} while (0)
#define WARN_ON(c) unlikely(!!(c))

/* ---- CPU id, interrupts, preemption ---- */
extern __thread unsigned int yard_cpu_number;
#define raw_smp_processor_id() (yard_cpu_number)
#define smp_processor_id()     (yard_cpu_number)
unsigned long yard_local_irq_save(void);
void yard_local_irq_restore(unsigned long flags);
#define local_irq_save(f)    ((f) = yard_local_irq_save())
#define local_irq_restore(f) yard_local_irq_restore(f)

/* ---- spinlock_t: 4 bytes (qspinlock, no lock debugging) ---- */
typedef struct {
	union {
		u32 val;
		struct {
			u8 locked;
			u8 pending;
		};
	};
#ifdef YARD_PADDED_AREAS
	/* Named variant: the lock is the area's last field, so padding it by
	 * YARD_PADDED_AREAS bytes grows io_tlb_area to 64 (16 + 48; seed
	 * 003's 24 + 40): one area per cache line, every offset kept. */
	char yard_pad[YARD_PADDED_AREAS];
#endif
} spinlock_t;
#define __SPIN_LOCK_UNLOCKED(x)                                                \
	{                                                                      \
		{                                                              \
			0                                                      \
		}                                                              \
	}
#define spin_lock_init(l) ((l)->val = 0)
unsigned long _raw_spin_lock_irqsave(spinlock_t *lock);
void _raw_spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
void _raw_spin_lock(spinlock_t *lock);
void _raw_spin_unlock(spinlock_t *lock);
#define spin_lock_irqsave(l, f)	     ((f) = _raw_spin_lock_irqsave(l))
#define spin_unlock_irqrestore(l, f) _raw_spin_unlock_irqrestore(l, f)
#define spin_lock(l)		     _raw_spin_lock(l)
#define spin_unlock(l)		     _raw_spin_unlock(l)

/* ---- atomics (x86: lock xadd, lock cmpxchg, lock sub) ---- */
static inline long atomic_long_read(const atomic_long_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}
static inline void atomic_long_set(atomic_long_t *v, long i)
{
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);
}
static inline long atomic_long_add_return(long i, atomic_long_t *v)
{
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}
static inline void atomic_long_add(long i, atomic_long_t *v)
{
	__atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST);
}
static inline void atomic_long_sub(long i, atomic_long_t *v)
{
	__atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST);
}
static inline bool atomic_long_try_cmpxchg(atomic_long_t *v, long *old,
					   long new_val)
{
	return __atomic_compare_exchange_n(&v->counter, old, new_val, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
}

/* ---- lists, RCU, work (only the dynamic build uses them) ---- */
struct list_head {
	struct list_head *next, *prev;
};
struct rcu_head {
	struct rcu_head *next;
	void (*func)(struct rcu_head *head);
};
struct work_struct {
	atomic_long_t data;
	struct list_head entry;
	void (*func)(struct work_struct *work);
};
#define rcu_read_lock()	  barrier()
#define rcu_read_unlock() barrier()

/* ---- DMA ---- */
enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};
#define DMA_ATTR_SKIP_CPU_SYNC (1UL << 5)
#define DMA_ATTR_NO_WARN       (1UL << 8)
#define DMA_ATTR_MMIO	       (1UL << 10)
#define DMA_MAPPING_ERROR      (~(dma_addr_t)0)
#define INVALID_PHYS_ADDR      (~(phys_addr_t)0)
#define DMA_BIT_MASK(n)	       (((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))

struct io_tlb_mem;
struct io_tlb_pool;
struct device_dma_parameters {
	unsigned int max_segment_size;
	unsigned int min_align_mask;
	unsigned long segment_boundary_mask;
};
struct bus_dma_region;
/*
 * The fields of struct device the DMA paths read, in the kernel's order
 * (dma_ops, dma_mask, coherent_dma_mask, bus_dma_limit, dma_range_map,
 * dma_parms, ..., dma_io_tlb_mem, the dynamic fields, the flag bits).
 */
struct device {
	const void *dma_ops;
	u64 *dma_mask;
	u64 coherent_dma_mask;
	u64 bus_dma_limit;
	const struct bus_dma_region *dma_range_map;
	struct device_dma_parameters *dma_parms;
	struct io_tlb_mem *dma_io_tlb_mem;
#ifdef CONFIG_SWIOTLB_DYNAMIC
	struct list_head dma_io_tlb_pools;
	spinlock_t dma_io_tlb_lock;
	bool dma_uses_io_tlb;
#endif
	bool dma_coherent : 1;
	bool dma_skip_sync : 1;
};
struct dentry;
static inline unsigned int dma_get_min_align_mask(struct device *dev)
{
	if (dev->dma_parms)
		return dev->dma_parms->min_align_mask;
	return 0;
}
static inline unsigned long dma_get_seg_boundary(struct device *dev)
{
	if (dev->dma_parms && dev->dma_parms->segment_boundary_mask)
		return dev->dma_parms->segment_boundary_mask;
	return ~0UL;
}
/* x86 is DMA-coherent: no arch cache maintenance. */
#define dev_is_dma_coherent(dev) ((void)(dev), true)
#define arch_sync_dma_flush()                                                  \
	do {                                                                   \
	} while (0)
#define arch_sync_dma_for_device(a, s, d) ((void)(a), (void)(s), (void)(d))
static inline void dma_reset_need_sync(struct device *dev)
{
	if (unlikely(dev->dma_skip_sync))
		dev->dma_skip_sync = false;
}
/* No DMA offset ranges: the C-bit is clear in the unencrypted address. */
static inline dma_addr_t phys_to_dma_unencrypted(struct device *dev,
						 phys_addr_t paddr)
{
	if (dev->dma_range_map)
		BUG();
	return paddr;
}
#define phys_to_dma(dev, p) phys_to_dma_unencrypted(dev, p)
#define dma_to_phys(dev, a) ((void)(dev), (phys_addr_t)(a))
static inline bool dma_capable(struct device *dev, dma_addr_t addr, size_t size,
			       bool is_ram)
{
	dma_addr_t end = addr + size - 1;

	(void)is_ram;
	if (addr == DMA_MAPPING_ERROR)
		return false;
	return end <= min_not_zero(*dev->dma_mask, dev->bus_dma_limit);
}

/* ---- cc_platform_has(): out of line, true in an SEV guest ---- */
enum cc_attr { CC_ATTR_MEM_ENCRYPT = 0 };
bool cc_platform_has(enum cc_attr attr);

/* ---- tracepoints: a static key that is off, a 5-byte nop ---- */
static inline void yard_trace_nop(void)
{
	__asm__ __volatile__(".byte 0x0f, 0x1f, 0x44, 0x00, 0x00");
}
#define trace_swiotlb_bounced(dev, addr, size)                                 \
	((void)(dev), (void)(addr), (void)(size), yard_trace_nop())

/* ---- debugfs (files are not created: nothing reads them here) ---- */
#define DEFINE_DEBUGFS_ATTRIBUTE(name, get, set, fmt)                          \
	static const struct {                                                  \
		int (*g)(void *, u64 *);                                       \
		int (*s)(void *, u64);                                         \
	} name __attribute__((unused)) = {get, set}
#define debugfs_create_dir(n, p)	 ((void)(n), (void)(p), (struct dentry *)NULL)
#define debugfs_create_ulong(n, m, d, v) ((void)(n), (void)(d), (void)(v))
#define debugfs_create_file(n, m, d, x, f)                                     \
	((void)(n), (void)(d), (void)(x), (void)(f))

/* ---- the bounce copy: skipped when bouncing is off (named variant) ---- */
extern bool yard_bounce_enabled;
static inline void *yard_bounce_memcpy(void *d, const void *s, size_t n)
{
	if (__atomic_load_n(&yard_bounce_enabled, __ATOMIC_RELAXED))
		return memcpy(d, s, n);
	return d;
}
#define memcpy(d, s, n) yard_bounce_memcpy(d, s, n)

#endif /* YARD_KSHIM_H */
