/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/common/trace.h: the swiotlb replay trace format
 * (docs/trace-format.md): a reader that checks every rule of the
 * format, and writers for tools that generate traces.
 */
#ifndef SWTLB_BENCH_TRACE_H
#define SWTLB_BENCH_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum swtlb_trace_op {
	SWTLB_TRACE_MAP = 0,
	SWTLB_TRACE_UNMAP = 1,
};

struct swtlb_trace_rec {
	enum swtlb_trace_op op;
	unsigned long line; /* 1-based line of the record in the trace */
	uint32_t id;
	/* map only */
	uint32_t cpu;
	uint64_t orig_addr;
	uint32_t size;
	uint32_t min_align_mask;
	uint32_t alloc_align_mask;
	/* unmap only: index in recs[] of the map it undoes */
	size_t map_rec;
};

struct swtlb_trace {
	unsigned long nslabs;
	unsigned int nareas;
	unsigned long pool_line;
	struct swtlb_trace_rec *recs; /* map and unmap records, in order */
	size_t nrecs;
	uint32_t max_cpu; /* largest cpu of any map (0 if none) */
	/* `# oracle: hiwater_exact=N area_hiwater_sum=M`, if present */
	bool has_oracle;
	unsigned long oracle_hiwater_exact;
	unsigned long oracle_area_hiwater_sum;
};

/*
 * Read a whole trace. 0 on success; -1 with err set to
 * "NAME:LINE: what is wrong" (NAME as given) for a malformed trace, or
 * "NAME: reason" when the file cannot be read. *t is empty on failure.
 */
int swtlb_trace_load(const char *path, struct swtlb_trace *t, char *err,
		     size_t errlen);
int swtlb_trace_read(FILE *f, const char *name, struct swtlb_trace *t,
		     char *err, size_t errlen);
void swtlb_trace_free(struct swtlb_trace *t);

/* Writers: one record per line in the canonical spelling; 0 or -1 (I/O). */
int swtlb_trace_write_pool(FILE *f, unsigned long nslabs, unsigned int nareas);
int swtlb_trace_write_map(FILE *f, uint32_t id, uint32_t cpu,
			  uint64_t orig_addr, uint32_t size,
			  uint32_t min_align_mask, uint32_t alloc_align_mask);
int swtlb_trace_write_unmap(FILE *f, uint32_t id);

#endif /* SWTLB_BENCH_TRACE_H */
