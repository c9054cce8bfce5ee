// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/pool_size.c: see pool_size.h. */
#include "bench/bench/pool_size.h"

#include <stdio.h>
#include <string.h>

#include "bench/common/bytesize.h"
#include "pool/swiotlb.h"

#define SZ_1G (1ULL << 30)

static unsigned long align_up(unsigned long v, unsigned long a)
{
	return (v + a - 1) / a * a;
}

static unsigned long pow2_up(unsigned long n)
{
	unsigned long p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

int swtlb_nslabs_spec_parse(const char *s, struct swtlb_nslabs_spec *out,
			    char *err, size_t errlen)
{
	uint64_t v;

	memset(out, 0, sizeof(*out));
	if (!s || strlen(s) >= sizeof(out->text)) {
		snprintf(err, errlen, "--nslabs: value empty or too long");
		return -1;
	}
	strcpy(out->text, s);
	if (!strcmp(s, "auto")) {
		out->kind = SWTLB_NSLABS_AUTO;
		return 0;
	}
	if (!strncmp(s, "coco:", 5)) {
		if (swtlb_parse_bytes(s + 5, SWTLB_COCO_MAX_MEM, &v)) {
			snprintf(err, errlen,
				 "--nslabs %s: want coco:MEM, MEM a guest "
				 "memory size 1..4P with a K/M/G/T suffix, "
				 "e.g. coco:16G",
				 s);
			return -1;
		}
		out->kind = SWTLB_NSLABS_COCO;
		out->mem = v;
		return 0;
	}
	/* A plain slot count: digits only, as before (no suffix). */
	if (strspn(s, "0123456789") != strlen(s) ||
	    swtlb_parse_bytes(s, SWTLB_MAX_NSLABS, &v)) {
		snprintf(err, errlen,
			 "--nslabs %s: want 1..%lu (2 KiB slots), auto, or "
			 "coco:MEM",
			 s, SWTLB_MAX_NSLABS);
		return -1;
	}
	out->kind = SWTLB_NSLABS_SLOTS;
	out->slots = (unsigned long)v;
	return 0;
}

uint64_t swtlb_coco_swiotlb_bytes(uint64_t mem)
{
	uint64_t size = mem * 6 / 100; /* mem <= 2^52: no overflow */

	if (size < IO_TLB_DEFAULT_SIZE)
		size = IO_TLB_DEFAULT_SIZE;
	if (size > SZ_1G)
		size = SZ_1G;
	return size;
}

unsigned long swtlb_nslabs_request(const struct swtlb_nslabs_spec *spec,
				   unsigned int nareas)
{
	const unsigned long default_nslabs =
	    IO_TLB_DEFAULT_SIZE >> IO_TLB_SHIFT;
	unsigned long size;

	switch (spec->kind) {
	case SWTLB_NSLABS_SLOTS:
		return spec->slots;
	case SWTLB_NSLABS_COCO:
		/* setup_io_tlb_npages() -> swiotlb_adjust_nareas(N) may
		 * already have raised default_nslabs to N x IO_TLB_SEGSIZE. */
		if (nareas && IO_TLB_SEGSIZE * pow2_up(nareas) > default_nslabs)
			return 0;
		size =
		    align_up(swtlb_coco_swiotlb_bytes(spec->mem), IO_TLB_SIZE);
		return align_up(size >> IO_TLB_SHIFT, IO_TLB_SEGSIZE);
	case SWTLB_NSLABS_AUTO:
	default:
		return 0;
	}
}
