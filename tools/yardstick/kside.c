// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/yardstick/kside.c: boots the user's kernel/dma/swiotlb.c and calls
 * it the way a driver of a DMA-direct device in a CoCo guest does. Compiled
 * with kshim.h and the kernel's include/linux/swiotlb.h; the dma-direct
 * callers below are our own short copies of kernel/dma/mapping.c's
 * dma_map_phys()/dma_unmap_phys() with kernel/dma/direct.h's inline
 * helpers folded in (the port's pool/ has the same model).
 */
#include <linux/swiotlb.h>

#include "tools/yardstick/kside.h"

/* swiotlb.c's early_param("swiotlb", setup_io_tlb_npages) (kshim.h). */
extern int (*const yard_early_setup_io_tlb_npages)(char *)
    __attribute__((weak));

/*
 * A PCI device's struct device, as kzalloc() places it. The pointer to it
 * is read on every map and unmap: on a line of its own, because the linker
 * put it right after io_tlb_default_mem, on the line whose total_used
 * every global-atomic map writes, a transfer per op the kernel does not
 * pay (found with tools/linetrace). The port's io_tlb_mem has no
 * neighbours on its lines either.
 */
static struct device *ydev __attribute__((aligned(SMP_CACHE_BYTES)));
static u64 ydev_dma_mask __attribute__((aligned(SMP_CACHE_BYTES))) = ~0ULL;

int yk_setup(unsigned long nslabs, unsigned int nareas,
	     unsigned int possible_cpus, bool bounce, char *err, size_t errlen)
{
	char param[64];

	if (!yard_early_setup_io_tlb_npages) {
		snprintf(err, errlen,
			 "the kernel tree's swiotlb.c has no "
			 "early_param(\"swiotlb\", setup_io_tlb_npages)");
		return -1;
	}
	yard_possible_cpus = possible_cpus;
	yard_bounce_enabled = bounce;
	snprintf(param, sizeof(param), "%lu,%u,force", nslabs, nareas);
	yard_early_setup_io_tlb_npages(param);
	swiotlb_init(true, SWIOTLB_VERBOSE);
	ydev = yard_alloc_aligned(SMP_CACHE_BYTES, sizeof(*ydev));
	if (!ydev) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	ydev->dma_mask = &ydev_dma_mask;
	ydev->coherent_dma_mask = ~0ULL;
	ydev->dma_coherent = true;
	swiotlb_dev_init(ydev);
	if (!is_swiotlb_active(ydev) || !is_swiotlb_force_bounce(ydev)) {
		snprintf(err, errlen,
			 "the kernel's swiotlb did not come up forced with "
			 "%lu slots in %u areas",
			 nslabs, nareas);
		return -1;
	}
	return 0;
}

void yk_set_cpu(unsigned int cpu)
{
	yard_cpu_number = cpu;
}

unsigned int yk_mem_offset(void)
{
	return (unsigned int)((uintptr_t)ydev->dma_io_tlb_mem & 63);
}

const char *yk_variant(void)
{
#ifdef CONFIG_DEBUG_FS
#define YK_DEBUGFS "debugfs=y"
#else
#define YK_DEBUGFS "debugfs=n"
#endif
#ifdef YARD_PADDED_AREAS
#define YK_AREAS ";areas=padded"
#else
#define YK_AREAS ";areas=packed"
#endif
#ifdef YARD_PV_UNLOCK
#define YK_LOCK ";lock=pv"
#else
#define YK_LOCK ";lock=native"
#endif
	return YK_DEBUGFS YK_AREAS YK_LOCK;
}

noinline uint64_t yk_tbl_map(uint64_t orig, size_t size)
{
	return swiotlb_tbl_map_single(ydev, orig, size, 0, DMA_BIDIRECTIONAL,
				      DMA_ATTR_NO_WARN);
}

noinline void yk_tbl_unmap(uint64_t tlb_addr, size_t size)
{
	swiotlb_tbl_unmap_single(ydev, tlb_addr, size, DMA_BIDIRECTIONAL, 0);
}

/* dma_map_phys() with dma_direct_map_phys() inlined. */
noinline uint64_t yk_dma_map(uint64_t phys, size_t size)
{
	struct device *dev = ydev;
	const void *ops = READ_ONCE(dev->dma_ops); /* get_dma_ops() */
	dma_addr_t addr;

	if (WARN_ON(!dev->dma_mask))
		return DMA_MAPPING_ERROR;
	if (ops)
		return DMA_MAPPING_ERROR; /* not DMA-direct: not modelled */
	if (is_swiotlb_force_bounce(dev))
		addr = swiotlb_map(dev, phys, size, DMA_BIDIRECTIONAL,
				   DMA_ATTR_NO_WARN);
	else
		addr = dma_capable(dev, phys, size, true) ? phys
							  : DMA_MAPPING_ERROR;
	yard_trace_nop(); /* trace_dma_map_phys() */
	return addr;
}

/* dma_unmap_phys() with dma_direct_unmap_phys() and
 * dma_direct_sync_single_for_cpu() inlined. */
noinline void yk_dma_unmap(uint64_t dma_addr, size_t size)
{
	struct device *dev = ydev;
	unsigned long attrs = 0;
	phys_addr_t phys;

	if (READ_ONCE(dev->dma_ops))
		return;
	phys = dma_to_phys(dev, dma_addr);
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		swiotlb_sync_single_for_cpu(dev, phys, size, DMA_BIDIRECTIONAL);
	swiotlb_tbl_unmap_single(dev, phys, size, DMA_BIDIRECTIONAL,
				 attrs | DMA_ATTR_SKIP_CPU_SYNC);
	yard_trace_nop(); /* trace_dma_unmap_phys() */
}

void yk_alloc_large_unzeroed(void)
{
	yard_alloc_large_unzeroed = true;
}

void yk_regions(void (*emit)(const char *name, const void *addr, size_t bytes,
			     void *arg),
		void *arg)
{
	struct io_tlb_mem *mem = ydev->dma_io_tlb_mem;
	const void *named[3] = {mem->defpool.areas, mem->defpool.vaddr, ydev};
	static const char *const names[3] = {"areas", "bounce", "dev"};

	emit("io_tlb_mem", mem, sizeof(*mem), arg);
	/* Every block the kernel's code allocated, named by what it holds. */
	for (unsigned int i = 0; i < yard_nallocs; i++) {
		const char *name = "kalloc";

		for (unsigned int n = 0; n < 3; n++)
			if ((const char *)named[n] >= yard_allocs[i].p &&
			    (const char *)named[n] <
				yard_allocs[i].p + yard_allocs[i].bytes)
				name = names[n];
		emit(name, yard_allocs[i].p, yard_allocs[i].bytes, arg);
	}
}
