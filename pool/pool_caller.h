/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool/pool_caller.h: the dma-direct caller path around the swiotlb
 * functions, part of each compilation of pool_impl.h (included at its end).
 *
 * What a CoCo guest's driver runs for a streaming map and unmap of a
 * coherent device without an IOMMU (kernel/dma/mapping.c dma_map_phys() /
 * dma_unmap_phys(), kernel/dma/direct.h dma_direct_map_phys() /
 * dma_direct_unmap_phys(), kernel/dma/swiotlb.c swiotlb_map(),
 * include/linux/swiotlb.h swiotlb_sync_single_for_cpu() /
 * swiotlb_tbl_unmap_single()): on unmap the sync for the CPU looks the
 * pool up and bounces back, then the unmap proper looks it up a second
 * time and releases with DMA_ATTR_SKIP_CPU_SYNC. x86 is DMA-coherent, so
 * no arch cache maintenance; KMSAN, DMA-API debugging and the
 * CONFIG_DMA_API_DEBUG-only pfn_valid() are off, as in a production kernel.
 * The shortcut (a named variant): the force-bounce read, then
 * swiotlb_tbl_map_single(); unmap with one lookup.
 */

/* A tracepoint whose static key is off: a 5-byte nop in the kernel. */
static inline void trace_nop(void)
{
#if defined(__x86_64__)
	__asm__ __volatile__(".byte 0x0f, 0x1f, 0x44, 0x00, 0x00");
#endif
}

/* phys_to_dma_unencrypted()/dma_to_phys() on SEV: clear the C-bit. */
static inline uint64_t dma_unencrypted(uint64_t addr)
{
	return addr & ~atomic_load_explicit(&swtlb_cc_mask, relaxed);
}

/* dma_capable(dev, addr, size, true) with a 64-bit dma_addr_t. */
static inline bool dma_capable(const struct swtlb *s, uint64_t addr,
			       size_t size)
{
	uint64_t end = addr + size - 1, limit;
	uint64_t mask = *s->dev.dma_mask, bus = s->dev.bus_dma_limit;

	if (addr == DMA_MAPPING_ERROR)
		return false;
	limit = bus && bus < mask ? bus : mask; /* min_not_zero() */
	return end <= limit;
}

/* swiotlb_map(): out of line in the kernel. */
static __attribute__((noinline)) uint64_t
SWTLB_FN(swiotlb_map)(struct swtlb *s, const struct swtlb_dev *dev,
		      unsigned int cpu, uint64_t paddr, size_t size,
		      enum dma_data_direction dir, unsigned long attrs)
{
	uint64_t swiotlb_addr, dma_addr;

	trace_nop(); /* trace_swiotlb_bounced() */
	swiotlb_addr =
	    SWTLB_FN(swtlb_map)(s, dev, cpu, paddr, size, 0, dir, attrs);
	if (swiotlb_addr == DMA_MAPPING_ERROR)
		return DMA_MAPPING_ERROR;
	dma_addr = dma_unencrypted(swiotlb_addr);
	if (!dma_capable(s, dma_addr, size)) {
		SWTLB_FN(swtlb_unmap)
		(s, dev, cpu, swiotlb_addr, size, dir,
		 attrs | DMA_ATTR_SKIP_CPU_SYNC);
		return DMA_MAPPING_ERROR;
	}
	return dma_addr;
}

/* dma_map_phys() with dma_direct_map_phys() inlined, as in the kernel. */
static uint64_t SWTLB_FN(dma_map)(struct swtlb *s, const struct swtlb_dev *dev,
				  unsigned int cpu, uint64_t phys, size_t size,
				  enum dma_data_direction dir,
				  unsigned long attrs)
{
	tlb_mem_t *mem;
	uint64_t addr;

	/* WARN_ON_ONCE(!dev->dma_mask); dma_map_direct(dev, ops) */
	if (!s->dev.dma_mask || atomic_load_explicit(&s->dev.dma_ops, relaxed))
		return DMA_MAPPING_ERROR;
	/* is_swiotlb_force_bounce(dev) */
	mem = dev_mem(s);
	if (mem && atomic_load_explicit(&mem->force_bounce, relaxed))
		addr =
		    SWTLB_FN(swiotlb_map)(s, dev, cpu, phys, size, dir, attrs);
	else /* not a CoCo guest: a direct mapping (never taken here) */
		addr = dma_capable(s, phys, size) ? phys : DMA_MAPPING_ERROR;
	trace_nop(); /* trace_dma_map_phys() */
	return addr;
}

/* dma_unmap_phys() with dma_direct_unmap_phys() and the swiotlb header
 * helpers inlined, each with its own swiotlb_find_pool(). */
static void SWTLB_FN(dma_unmap)(struct swtlb *s, const struct swtlb_dev *dev,
				unsigned int cpu, uint64_t addr, size_t size,
				enum dma_data_direction dir,
				unsigned long attrs)
{
	uint64_t phys;
	tlb_pool_t *pool;

	if (atomic_load_explicit(&s->dev.dma_ops, relaxed))
		return;
	phys = dma_unencrypted(addr); /* dma_to_phys() */
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC)) {
		/* dma_direct_sync_single_for_cpu() */
		pool = find_pool(s, phys);
		if (pool)
			SWTLB_FN(sync_for_cpu)(s, dev, phys, size, dir, pool);
	}
	/* swiotlb_tbl_unmap_single(..., attrs | DMA_ATTR_SKIP_CPU_SYNC) */
	pool = find_pool(s, phys);
	if (pool)
		SWTLB_FN(tbl_unmap)
	(s, dev, cpu, phys, size, dir, attrs | DMA_ATTR_SKIP_CPU_SYNC, pool);
	trace_nop(); /* trace_dma_unmap_phys() */
}

/* The shortcut: the force-bounce read, then swiotlb_tbl_map_single(). */
static uint64_t SWTLB_FN(shortcut_map)(struct swtlb *s,
				       const struct swtlb_dev *dev,
				       unsigned int cpu, uint64_t phys,
				       size_t size, enum dma_data_direction dir,
				       unsigned long attrs)
{
	tlb_mem_t *mem = dev_mem(s);

	if (!mem)
		return DMA_MAPPING_ERROR;
	(void)atomic_load_explicit(&mem->force_bounce, relaxed);
	return SWTLB_FN(swtlb_map)(s, dev, cpu, phys, size, 0, dir, attrs);
}
