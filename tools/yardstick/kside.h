/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tools/yardstick/kside.h: the kernel side's interface, in plain types.
 *
 * kside.c is compiled in the kernel's environment (kshim.h and the user's
 * include/linux/swiotlb.h) and the rest of the harness in the project's,
 * whose own swiotlb definitions would clash; this header is all they share.
 */
#ifndef YARD_KSIDE_H
#define YARD_KSIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define YK_MAPPING_ERROR (~(uint64_t)0)

/*
 * Boots the kernel's default pool as swiotlb=<nslabs>,<nareas>,force on a
 * machine with `possible_cpus` CPUs, and a DMA-direct device using it.
 * 0, or -1 with a one-line reason.
 */
int yk_setup(unsigned long nslabs, unsigned int nareas,
	     unsigned int possible_cpus, bool bounce, char *err, size_t errlen);
/* raw_smp_processor_id() of the calling thread. */
void yk_set_cpu(unsigned int cpu);
/* io_tlb_default_mem's address mod 64 (where the linker put it). */
unsigned int yk_mem_offset(void);
/* The configuration this side was compiled with, e.g. "debugfs=y". */
const char *yk_variant(void);

/* swiotlb_tbl_map_single() / swiotlb_tbl_unmap_single(): the shortcut. */
uint64_t yk_tbl_map(uint64_t orig, size_t size);
void yk_tbl_unmap(uint64_t tlb_addr, size_t size);
/* dma_map_phys() / dma_unmap_phys() of a DMA-direct device, bidirectional:
 * swiotlb_map(); then the sync for the CPU and the unmap with
 * DMA_ATTR_SKIP_CPU_SYNC, each with its own swiotlb_find_pool(). */
uint64_t yk_dma_map(uint64_t phys, size_t size);
void yk_dma_unmap(uint64_t dma_addr, size_t size);

/*
 * For tools/linetrace: calls emit(name, address, bytes, arg) for each
 * piece of the kernel side's memory the tracer names: "io_tlb_mem"
 * (io_tlb_default_mem), "areas", "bounce" (the pool's vaddr), "dev" (the
 * device), and every other block the kernel's code allocated ("kalloc").
 */
/* The tracer's setup: leave blocks of 1 MiB or more unzeroed. */
void yk_alloc_large_unzeroed(void);
void yk_regions(void (*emit)(const char *name, const void *addr, size_t bytes,
			     void *arg),
		void *arg);

#endif /* YARD_KSIDE_H */
