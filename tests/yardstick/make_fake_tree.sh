#!/bin/sh
# tests/yardstick/make_fake_tree.sh DIR [hiwater]: writes a tiny fake
# "Linux tree" (our own few lines, no kernel code) with the shape
# scripts/yardstick and tools/yardstick need: kernel/dma/swiotlb.c and
# include/linux/swiotlb.h with the entry points, structs and kernel
# services the real ones use (area locks, atomics, the CPU id, memblock,
# printk, early_param, cc_platform_has, the tracepoint, the bounce copy).
# Its allocator hands out one 128-slot segment per map from a per-area
# free stack. "hiwater" adds used_hiwater to struct io_tlb_area, as seed
# 003 does.
set -eu
d=$1
mkdir -p "$d/kernel/dma" "$d/include/linux"
hw=""
[ "${2:-}" = hiwater ] && hw="	unsigned long used_hiwater;"
cat >"$d/include/linux/swiotlb.h" <<'H'
#ifndef FAKE_SWIOTLB_H
#define FAKE_SWIOTLB_H
#include <linux/types.h>
#define SWIOTLB_VERBOSE (1 << 0)
#define SWIOTLB_FORCE (1 << 1)
#define IO_TLB_SHIFT 11
#define IO_TLB_SEGSIZE 128
struct io_tlb_pool {
	phys_addr_t start, end;
	void *vaddr;
	unsigned long nslabs;
	unsigned int nareas;
	struct io_tlb_area *areas;
	phys_addr_t *orig;
};
struct io_tlb_mem {
	struct io_tlb_pool defpool;
	unsigned long nslabs;
	bool force_bounce;
#ifdef CONFIG_DEBUG_FS
	atomic_long_t total_used;
#endif
};
static inline struct io_tlb_pool *swiotlb_find_pool(struct device *dev,
						    phys_addr_t paddr)
{
	struct io_tlb_mem *mem = dev->dma_io_tlb_mem;

	if (mem && paddr >= mem->defpool.start && paddr < mem->defpool.end)
		return &mem->defpool;
	return NULL;
}
static inline bool is_swiotlb_force_bounce(struct device *dev)
{
	return dev->dma_io_tlb_mem && dev->dma_io_tlb_mem->force_bounce;
}
void swiotlb_init(bool addressing_limit, unsigned int flags);
void swiotlb_dev_init(struct device *dev);
bool is_swiotlb_active(struct device *dev);
phys_addr_t swiotlb_tbl_map_single(struct device *dev, phys_addr_t phys,
		size_t size, unsigned int align, enum dma_data_direction dir,
		unsigned long attrs);
dma_addr_t swiotlb_map(struct device *dev, phys_addr_t phys, size_t size,
		enum dma_data_direction dir, unsigned long attrs);
void __swiotlb_tbl_unmap_single(struct device *dev, phys_addr_t tlb_addr,
		size_t size, enum dma_data_direction dir, unsigned long attrs,
		struct io_tlb_pool *pool);
static inline void swiotlb_tbl_unmap_single(struct device *dev,
		phys_addr_t addr, size_t size, enum dma_data_direction dir,
		unsigned long attrs)
{
	struct io_tlb_pool *pool = swiotlb_find_pool(dev, addr);

	if (pool)
		__swiotlb_tbl_unmap_single(dev, addr, size, dir, attrs, pool);
}
void __swiotlb_sync_single_for_cpu(struct device *dev, phys_addr_t tlb_addr,
		size_t size, enum dma_data_direction dir,
		struct io_tlb_pool *pool);
static inline void swiotlb_sync_single_for_cpu(struct device *dev,
		phys_addr_t addr, size_t size, enum dma_data_direction dir)
{
	struct io_tlb_pool *pool = swiotlb_find_pool(dev, addr);

	if (pool)
		__swiotlb_sync_single_for_cpu(dev, addr, size, dir, pool);
}
#endif
H
{
cat <<'C1'
#include <linux/spinlock.h>
#include <linux/swiotlb.h>
#include <trace/events/swiotlb.h>

#define SEG_BYTES (IO_TLB_SEGSIZE << IO_TLB_SHIFT)

struct io_tlb_area {
	unsigned long used;
C1
echo "$hw"
cat <<'C2'
	unsigned int index;
	spinlock_t lock;
	unsigned int *free; /* free segment stack */
};

static struct io_tlb_mem io_tlb_default_mem;
static unsigned long fake_nslabs = 1024;
static unsigned int fake_nareas = 1;

static int __init setup_io_tlb_npages(char *str)
{
	fake_nslabs = simple_strtoul(str, &str, 0);
	if (*str == ',')
		fake_nareas = simple_strtoul(str + 1, &str, 0);
	return 0;
}
early_param("swiotlb", setup_io_tlb_npages);

void swiotlb_init(bool addressing_limit, unsigned int flags)
{
	struct io_tlb_pool *p = &io_tlb_default_mem.defpool;
	unsigned long nseg = fake_nslabs / IO_TLB_SEGSIZE, i;
	unsigned int a, per;

	if (fake_nareas > num_possible_cpus())
		pr_info("more areas than CPUs\n");
	per = nseg / fake_nareas;
	p->vaddr = memblock_alloc(fake_nslabs << IO_TLB_SHIFT, PAGE_SIZE);
	p->areas = memblock_alloc(fake_nareas * sizeof(*p->areas),
				  SMP_CACHE_BYTES);
	p->orig = memblock_alloc(nseg * sizeof(*p->orig), PAGE_SIZE);
	BUG_ON(!p->vaddr || !p->areas || !p->orig || !per);
	p->start = (phys_addr_t)(uintptr_t)p->vaddr;
	p->end = p->start + (fake_nslabs << IO_TLB_SHIFT);
	p->nslabs = fake_nslabs;
	p->nareas = fake_nareas;
	for (a = 0; a < fake_nareas; a++) {
		spin_lock_init(&p->areas[a].lock);
		p->areas[a].free = memblock_alloc(per * sizeof(unsigned int), 8);
		for (i = 0; i < per; i++)
			p->areas[a].free[i] = a * per + i;
		p->areas[a].index = per;
	}
	io_tlb_default_mem.nslabs = fake_nslabs;
	io_tlb_default_mem.force_bounce = flags & SWIOTLB_FORCE ? true : addressing_limit;
}

void swiotlb_dev_init(struct device *dev)
{
	dev->dma_io_tlb_mem = &io_tlb_default_mem;
}

bool is_swiotlb_active(struct device *dev)
{
	return dev->dma_io_tlb_mem && dev->dma_io_tlb_mem->nslabs;
}

phys_addr_t swiotlb_tbl_map_single(struct device *dev, phys_addr_t orig,
		size_t size, unsigned int align, enum dma_data_direction dir,
		unsigned long attrs)
{
	struct io_tlb_pool *p = &dev->dma_io_tlb_mem->defpool;
	struct io_tlb_area *area;
	unsigned long flags;
	unsigned int seg;
	phys_addr_t tlb;

	if (cc_platform_has(CC_ATTR_MEM_ENCRYPT))
		pr_warn_once("encrypted\n");
	if (dev_WARN_ONCE(dev, size > SEG_BYTES, "too big\n"))
		return (phys_addr_t)DMA_MAPPING_ERROR;
	area = &p->areas[raw_smp_processor_id() & (p->nareas - 1)];
	spin_lock_irqsave(&area->lock, flags);
	if (!area->index) {
		spin_unlock_irqrestore(&area->lock, flags);
		return (phys_addr_t)DMA_MAPPING_ERROR;
	}
	seg = area->free[--area->index];
	area->used += DIV_ROUND_UP(size, 1 << IO_TLB_SHIFT);
	spin_unlock_irqrestore(&area->lock, flags);
#ifdef CONFIG_DEBUG_FS
	atomic_long_add_return(1, &dev->dma_io_tlb_mem->total_used);
#endif
	p->orig[seg] = orig;
	tlb = p->start + (phys_addr_t)seg * SEG_BYTES;
	memcpy(phys_to_virt(tlb), phys_to_virt(orig), size);
	return tlb;
}

dma_addr_t swiotlb_map(struct device *dev, phys_addr_t phys, size_t size,
		enum dma_data_direction dir, unsigned long attrs)
{
	phys_addr_t tlb;

	trace_swiotlb_bounced(dev, phys, size);
	tlb = swiotlb_tbl_map_single(dev, phys, size, 0, dir, attrs);
	if (tlb == (phys_addr_t)DMA_MAPPING_ERROR)
		return DMA_MAPPING_ERROR;
	if (!dma_capable(dev, phys_to_dma_unencrypted(dev, tlb), size, true))
		return DMA_MAPPING_ERROR;
	return phys_to_dma_unencrypted(dev, tlb);
}

void __swiotlb_sync_single_for_cpu(struct device *dev, phys_addr_t tlb,
		size_t size, enum dma_data_direction dir,
		struct io_tlb_pool *p)
{
	unsigned int seg = (tlb - p->start) / SEG_BYTES;

	memcpy(phys_to_virt(p->orig[seg]), phys_to_virt(tlb), size);
}

void __swiotlb_tbl_unmap_single(struct device *dev, phys_addr_t tlb,
		size_t size, enum dma_data_direction dir, unsigned long attrs,
		struct io_tlb_pool *p)
{
	unsigned int seg = (tlb - p->start) / SEG_BYTES;
	unsigned int per = p->nslabs / IO_TLB_SEGSIZE / p->nareas;
	struct io_tlb_area *area = &p->areas[seg / per];
	unsigned long flags;

	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		__swiotlb_sync_single_for_cpu(dev, tlb, size, dir, p);
	spin_lock_irqsave(&area->lock, flags);
	area->free[area->index++] = seg;
	area->used -= DIV_ROUND_UP(size, 1 << IO_TLB_SHIFT);
	spin_unlock_irqrestore(&area->lock, flags);
#ifdef CONFIG_DEBUG_FS
	atomic_long_sub(1, &dev->dma_io_tlb_mem->total_used);
#endif
}
C2
} >"$d/kernel/dma/swiotlb.c"
