/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/common/truth.h: the --truth log of concurrent runs.
 *
 * Every worker thread owns one preallocated log. Around each successful
 * map and each unmap the benchmark body takes a timestamp before the call
 * and one after it, and records (t_before, t_after, +nslots or -nslots):
 *
 *	uint64_t t0 = swtlb_truth_now();
 *	addr = swtlb_map(pool, dev, cpu, orig, size, align, dir, 0);
 *	uint64_t t1 = swtlb_truth_now();
 *	if (addr != DMA_MAPPING_ERROR)
 *		swtlb_truth_record(log, t0, t1,
 *				   swtlb_truth_map_nslots(dev, orig, size,
 *align));
 *	...
 *	t0 = swtlb_truth_now(); swtlb_unmap(...); t1 = swtlb_truth_now();
 *	swtlb_truth_record(log, t0, t1, -(long)nslots_of_that_mapping);
 *
 * The cost is two ordered TSC reads and a 16-byte store per operation, the
 * same for every scheme (no scheme code is involved). Log every map and
 * unmap of the pool from its creation (or pass the slots already in use as
 * the baseline of the merge). After the run, swtlb_truth_merge() orders
 * all records by time and returns two maxima of the running sum:
 *
 *   lo: a mapping counts from its map's return to its unmap's call: slots
 *       certainly in use together at some instant. The true peak is >= lo.
 *   hi: a mapping counts from its map's call to its unmap's return: slots
 *       possibly in use together. The true peak is <= hi.
 *
 * The true peak of slots in use lies in [lo, hi]; hi - lo is the
 * uncertainty of the measurement itself (operations in flight together).
 * Single-threaded, lo = hi = the exact peak. hiwater_truth in the CSV is
 * lo (a peak that certainly happened); report hi - lo beside it.
 *
 * Needs an invariant TSC (CPU flags constant_tsc and nonstop_tsc), which
 * modern x86 keeps synchronised across CPUs; elsewhere the check refuses.
 */
#ifndef SWTLB_BENCH_TRUTH_H
#define SWTLB_BENCH_TRUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pool/swiotlb.h"

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

struct swtlb_truth_rec {
	uint64_t t0;	/* TSC before the call */
	uint32_t dt;	/* t_after - t0, UINT32_MAX if it did not fit */
	int32_t nslots; /* +n for a map, -n for an unmap */
};

struct swtlb_truth_log {
	struct swtlb_truth_rec *rec;
	size_t len, cap;
	bool overflow; /* more operations than cap: the truth is unknown */
	bool clamped;  /* some dt did not fit: hi is unknown */
};

/*
 * 0 if /proc/cpuinfo's flags have constant_tsc and nonstop_tsc (and this
 * is x86), else -1 with a one-line reason in err.
 */
int swtlb_truth_check_tsc(char *err, size_t errlen);

/*
 * A log for `cap` operations (16 bytes each), its pages touched now so
 * that no page fault lands in the measured region. NULL if out of memory.
 */
struct swtlb_truth_log *swtlb_truth_log_new(size_t cap);
void swtlb_truth_log_free(struct swtlb_truth_log *log);

/* An ordered TSC read: lfence; rdtsc; lfence (0 where there is no TSC). */
static inline uint64_t swtlb_truth_now(void)
{
#if defined(__x86_64__) || defined(__i386__)
	uint64_t t;

	_mm_lfence();
	t = __rdtsc();
	_mm_lfence();
	return t;
#else
	return 0;
#endif
}

static inline void swtlb_truth_record(struct swtlb_truth_log *log, uint64_t t0,
				      uint64_t t1, long nslots)
{
	struct swtlb_truth_rec *r;
	uint64_t dt = t1 - t0;

	if (log->len == log->cap) {
		log->overflow = true;
		return;
	}
	r = &log->rec[log->len++];
	r->t0 = t0;
	if (t1 < t0 || dt >= UINT32_MAX) {
		dt = UINT32_MAX;
		log->clamped = true;
	}
	r->dt = (uint32_t)dt;
	r->nslots = (int32_t)nslots;
}

/*
 * Slots the pool accounts for a successful map (padding included):
 * nr_slots(ALIGN(size + offset, alloc_align_mask + 1)) with the kernel's
 * offset = orig_addr & min_align_mask & (alloc_align_mask | 2047).
 */
unsigned int swtlb_truth_map_nslots(const struct swtlb_dev *dev,
				    uint64_t orig_addr, size_t size,
				    unsigned int alloc_align_mask);

struct swtlb_truth_result {
	bool known;	  /* false: some log overflowed */
	bool hi_known;	  /* false: some dt was clamped */
	uint64_t lo, hi;  /* see above; slots */
	uint64_t records; /* operations merged */
};

/*
 * Merges n logs (each thread's records are in time order), starting from
 * `baseline` slots in use. 0, or -1 with a reason when out of memory.
 */
int swtlb_truth_merge(struct swtlb_truth_log *const *logs, unsigned int n,
		      uint64_t baseline, struct swtlb_truth_result *out,
		      char *err, size_t errlen);

#endif /* SWTLB_BENCH_TRUTH_H */
