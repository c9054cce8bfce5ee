/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/pool_size.h: the --nslabs value: "auto", a slot count, or a named
 * size rule. The one rule so far is "coco:MEM", the swiotlb size an x86
 * confidential guest (SEV, SEV-SNP, TDX) with MEM of memory gives itself:
 *
 *   mem_encrypt_setup_arch() (arch/x86/mm/mem_encrypt.c):
 *     size = total_mem * 6 / 100;                  integer division
 *     size = clamp_val(size, IO_TLB_DEFAULT_SIZE, SZ_1G);   64 MiB..1 GiB
 *     swiotlb_adjust_size(size);
 *   swiotlb_adjust_size() (kernel/dma/swiotlb.c), only while default_nslabs
 *   still holds the 64 MiB default (a `swiotlb=` slot count wins):
 *     size = ALIGN(size, IO_TLB_SIZE);
 *     default_nslabs = ALIGN(size >> IO_TLB_SHIFT, IO_TLB_SEGSIZE);
 *     round_up_default_nslabs();                  only if areas are set
 *   then swiotlb_init_remap() sets the areas (swiotlb_adjust_nareas() with
 *   the possible CPUs, rounding the slots up to a power of two) and
 *   limit_nareas(): the same steps swtlb_bench_geometry() already takes.
 *
 * total_mem is memblock_phys_mem_size(): the RAM the guest's firmware
 * reports, a little below the VM's nominal size. MEM is taken as that
 * value; the power-of-two rounding makes the difference matter only near
 * 6% x MEM = 2^k x 2 KiB (e.g. MEM = 2133 MiB).
 */
#ifndef SWTLB_BENCH_POOL_SIZE_H
#define SWTLB_BENCH_POOL_SIZE_H

#include <stddef.h>
#include <stdint.h>

enum swtlb_nslabs_kind {
	SWTLB_NSLABS_AUTO,  /* the kernel's 64 MiB default */
	SWTLB_NSLABS_SLOTS, /* swiotlb=<slots> */
	SWTLB_NSLABS_COCO,  /* coco:MEM */
};

struct swtlb_nslabs_spec {
	enum swtlb_nslabs_kind kind;
	unsigned long slots; /* SLOTS: as given */
	uint64_t mem;	     /* COCO: guest memory in bytes */
	char text[40];	     /* the spec as given, for the CSV */
};

/* Guest memory coco:MEM accepts: 4 PiB, x86-64's 52-bit physical space. */
#define SWTLB_COCO_MAX_MEM (1ULL << 52)

/* 0, or -1 with a one-line reason naming the value. */
int swtlb_nslabs_spec_parse(const char *s, struct swtlb_nslabs_spec *out,
			    char *err, size_t errlen);

/* mem_encrypt_setup_arch(): the bytes it asks swiotlb for. */
uint64_t swtlb_coco_swiotlb_bytes(uint64_t mem);

/*
 * The slot count to hand to swtlb_bench_geometry() (0 = the kernel's
 * default) so that it ends where the kernel does. nareas is --nareas
 * (0 = auto): `swiotlb=,N` with N x 128 slots above the default changes
 * default_nslabs first, and swiotlb_adjust_size() then does nothing.
 */
unsigned long swtlb_nslabs_request(const struct swtlb_nslabs_spec *spec,
				   unsigned int nareas);

#endif /* SWTLB_BENCH_POOL_SIZE_H */
