/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool/geometry.c: the kernel's default pool size and area count
 * (swiotlb_adjust_nareas(), round_up_default_nslabs(), limit_nareas()), and
 * the rules a pool given as-is must follow (trace-format.md `pool`).
 */
#include <stdio.h>

#include "pool/swiotlb.h"

static bool is_power_of_2(unsigned long n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

static unsigned long roundup_pow_of_two(unsigned long n)
{
	unsigned long p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

/* limit_nareas(): no more areas than whole 128-slot segments. */
static unsigned int limit_nareas(unsigned int nareas, unsigned long nslots)
{
	if (nslots < (unsigned long)nareas * IO_TLB_SEGSIZE)
		return nslots / IO_TLB_SEGSIZE;
	return nareas;
}

void swtlb_default_geometry(unsigned int possible_cpus, unsigned long *nslabs,
			    unsigned int *nareas)
{
	unsigned long slabs = IO_TLB_DEFAULT_SIZE >> IO_TLB_SHIFT;
	unsigned long areas = possible_cpus;

	/* swiotlb_adjust_nareas(num_possible_cpus()) */
	if (!areas)
		areas = 1;
	else if (!is_power_of_2(areas))
		areas = roundup_pow_of_two(areas);
	if (areas > (1UL << 31)) /* unsigned int; far beyond NR_CPUS */
		areas = 1UL << 31;

	/* round_up_default_nslabs() */
	if (slabs < IO_TLB_SEGSIZE * areas)
		slabs = IO_TLB_SEGSIZE * areas;
	else if (!is_power_of_2(slabs))
		slabs = roundup_pow_of_two(slabs);

	*nslabs = slabs;
	*nareas = limit_nareas((unsigned int)areas, slabs);
}

int swtlb_geometry_check(unsigned long nslabs, unsigned long nareas, char *err,
			 size_t errlen)
{
	char buf[160];

	buf[0] = 0;
	if (nareas == 0)
		snprintf(buf, sizeof(buf), "nareas is 0");
	else if (!is_power_of_2(nareas))
		snprintf(buf, sizeof(buf), "nareas %lu is not a power of two",
			 nareas);
	else if (nareas > SWTLB_MAX_NSLABS / IO_TLB_SEGSIZE)
		snprintf(buf, sizeof(buf),
			 "nareas %lu is more than the %lu areas allowed",
			 nareas, SWTLB_MAX_NSLABS / IO_TLB_SEGSIZE);
	else if (nslabs == 0)
		snprintf(buf, sizeof(buf), "the pool has 0 slots");
	else if (nslabs > SWTLB_MAX_NSLABS)
		snprintf(buf, sizeof(buf),
			 "nslabs %lu is more than the %lu slots allowed",
			 nslabs, SWTLB_MAX_NSLABS);
	else if (nslabs < nareas * IO_TLB_SEGSIZE)
		snprintf(buf, sizeof(buf),
			 "%lu areas need at least %lu slots, nslabs is %lu",
			 nareas, nareas * IO_TLB_SEGSIZE, nslabs);
	else if (nslabs % (nareas * IO_TLB_SEGSIZE))
		snprintf(buf, sizeof(buf),
			 "nslabs %lu is not a multiple of 128 x nareas (%lu)",
			 nslabs, nareas * IO_TLB_SEGSIZE);
	if (!buf[0])
		return 0;
	if (err && errlen)
		snprintf(err, errlen, "%s", buf);
	return -1;
}
