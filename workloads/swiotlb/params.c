// SPDX-License-Identifier: GPL-2.0-only
/*
 * workloads/swiotlb/params.c: the swiotlb workload's parameters
 * (--param KEY=VALUE): the caller path, the area lock's unlock, and where
 * io_tlb_mem starts within a cache line, given as a number or read from a
 * System.map (an untrusted file: bounded lines and size, nothing of its
 * text is echoed).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "workloads/swiotlb/params.h"

/* A System.map is a few MB; refuse anything far beyond that. */
#define SYSTEMMAP_MAX_BYTES (256L << 20)
#define SYSTEMMAP_LINE	    512

const struct swtlb_workload_param swiotlb_params[] = {
    {"caller_path", "dma-direct",
     "dma-direct (dma_map_phys/dma_unmap_phys) or shortcut (swiotlb only)"},
    {"lock", "native", "area unlock: native store, or pv (lock cmpxchg)"},
    {"mem_offset", "0",
     "io_tlb_mem's address mod 64: 0, 8, ..., 56, or systemmap:FILE"},
    {"hooks", "inline",
     "scheme hooks inline (as the kernel), or indirect (ops table calls)"},
    {NULL, NULL, NULL},
};

/* One System.map line "ADDR TYPE NAME": io_tlb_default_mem's address. */
static int systemmap_line(const char *line, unsigned long long *addr)
{
	char type, name[64];
	int n = 0;

	if (sscanf(line, "%llx %c %63s%n", addr, &type, name, &n) != 3)
		return 0;
	return strcmp(name, "io_tlb_default_mem") == 0;
}

/* io_tlb_default_mem's address mod 64 from a System.map; -1 with a reason
 * naming the file (and line) but none of its text. */
static int systemmap_offset(const char *path, unsigned int *off, char *err,
			    size_t errlen)
{
	char line[SYSTEMMAP_LINE];
	unsigned long long addr = 0;
	long lineno = 0;
	int found = 0;
	struct stat st;
	FILE *f = fopen(path, "r");

	if (!f)
		return snprintf(err, errlen, "mem_offset: %s: %s", path,
				strerror(errno)),
		       -1;
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode) ||
	    st.st_size > SYSTEMMAP_MAX_BYTES) {
		fclose(f);
		return snprintf(err, errlen,
				"mem_offset: %s: not a regular file of at most "
				"%ld MiB",
				path, SYSTEMMAP_MAX_BYTES >> 20),
		       -1;
	}
	while (!found && fgets(line, sizeof(line), f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			fclose(f);
			return snprintf(err, errlen,
					"mem_offset: %s:%ld: line longer than "
					"%d bytes",
					path, lineno, SYSTEMMAP_LINE - 1),
			       -1;
		}
		found = systemmap_line(line, &addr);
	}
	fclose(f);
	if (!found)
		return snprintf(err, errlen,
				"mem_offset: %s: no io_tlb_default_mem symbol",
				path),
		       -1;
	if (addr % 8)
		return snprintf(err, errlen,
				"mem_offset: %s:%ld: io_tlb_default_mem is not "
				"8-byte aligned",
				path, lineno),
		       -1;
	*off = (unsigned int)(addr % 64);
	return 0;
}

static int parse_offset(const char *v, unsigned int *off, char *err,
			size_t errlen)
{
	char *end;
	unsigned long n;

	if (strncmp(v, "systemmap:", 10) == 0 && v[10])
		return systemmap_offset(v + 10, off, err, errlen);
	errno = 0;
	n = strtoul(v, &end, 10);
	if (v[0] < '0' || v[0] > '9' || *end || errno ||
	    n > SWTLB_MEM_OFFSET_MAX || n % 8)
		return snprintf(err, errlen,
				"mem_offset=%s: want 0, 8, ..., %u or "
				"systemmap:FILE",
				v, SWTLB_MEM_OFFSET_MAX),
		       -1;
	*off = (unsigned int)n;
	return 0;
}

void *swiotlb_params_parse(const char *const *values, char *err, size_t errlen)
{
	struct swiotlb_params *p = calloc(1, sizeof(*p));

	if (!p)
		return snprintf(err, errlen, "out of memory"), NULL;
	if (!strcmp(values[0], "dma-direct"))
		p->caller_path = SWTLB_CALLER_DMA_DIRECT;
	else if (!strcmp(values[0], "shortcut"))
		p->caller_path = SWTLB_CALLER_SHORTCUT;
	else {
		snprintf(err, errlen,
			 "caller_path=%s: want dma-direct or shortcut",
			 values[0]);
		goto fail;
	}
	if (!strcmp(values[1], "native"))
		p->lock = SWTLB_LOCK_NATIVE;
	else if (!strcmp(values[1], "pv"))
		p->lock = SWTLB_LOCK_PV;
	else {
		snprintf(err, errlen, "lock=%s: want native or pv", values[1]);
		goto fail;
	}
	if (parse_offset(values[2], &p->mem_offset, err, errlen))
		goto fail;
	if (!strcmp(values[3], "inline") || !strcmp(values[3], "indirect")) {
		p->hooks_indirect = values[3][2] == 'd';
	} else {
		snprintf(err, errlen, "hooks=%s: want inline or indirect",
			 values[3]);
		goto fail;
	}
	return p;
fail:
	free(p);
	return NULL;
}

/* The settings in declared order, mem_offset as the number it resolved to. */
void swiotlb_params_cell(const void *params, char *cell, size_t len)
{
	const struct swiotlb_params *p = params;

	snprintf(cell, len, "caller_path=%s;lock=%s;mem_offset=%u;hooks=%s",
		 p->caller_path == SWTLB_CALLER_SHORTCUT ? "shortcut"
							 : "dma-direct",
		 p->lock == SWTLB_LOCK_PV ? "pv" : "native", p->mem_offset,
		 p->hooks_indirect ? "indirect" : "inline");
}

void swiotlb_params_free(void *params)
{
	free(params);
}
