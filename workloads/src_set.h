/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/src_set.h: the bounce source buffers a worker maps from.
 *
 * A driver's buffers are not all hot in L1: the default cycles every map
 * through 1 MiB of page-aligned buffers per thread (256 of 4 KiB with
 * 4 KiB maps), as the measurement of the kernel's own code did. Each
 * buffer is as large as the largest mapping rounded up to a page; there
 * are SIZE / that many, and never fewer than the queue depth (mappings in
 * flight need buffers of their own). "qd" is the old loop, a named variant:
 * one buffer per queue slot, 64-byte strides, rewritten by the copy-back
 * just before the next map reads it, so they stay in L1.
 */
#ifndef SWTLB_BENCH_SRC_SET_H
#define SWTLB_BENCH_SRC_SET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SWTLB_SRC_SET_DEFAULT "1m"
/* Source buffers one thread may hold. */
#define SWTLB_SRC_SET_MAX_BYTES (1ULL << 30)
#define SWTLB_SRC_PAGE		4096U

struct swtlb_src_set_spec {
	bool per_slot;	/* "qd" */
	uint64_t bytes; /* SIZE */
	char text[24];	/* as given, for the CSV */
};

/* The buffers of one thread, cycled in order. */
struct swtlb_src_set {
	char *base;
	size_t stride;
	unsigned int count;
	unsigned int next;
};

/* "qd" or SIZE (bytes, k/m/g suffix, 4k..1g). 0, or -1 with a reason. */
int swtlb_src_set_parse(const char *s, struct swtlb_src_set_spec *out,
			char *err, size_t errlen);
/* Stride and count for the largest mapping and queue depth; -1 with a
 * reason when the set would exceed SWTLB_SRC_SET_MAX_BYTES. */
int swtlb_src_set_layout(const struct swtlb_src_set_spec *spec, size_t max_map,
			 unsigned int queue_depth, size_t *stride,
			 unsigned int *count, char *err, size_t errlen);
/* Page-aligned and faulted in (by the caller's thread: first touch). */
int swtlb_src_set_alloc(struct swtlb_src_set *set, size_t stride,
			unsigned int count);
void swtlb_src_set_free(struct swtlb_src_set *set);

/* The next buffer in the cycle. */
static inline char *swtlb_src_set_next(struct swtlb_src_set *set)
{
	char *p = set->base + (size_t)set->next * set->stride;

	set->next = set->next + 1 == set->count ? 0 : set->next + 1;
	return p;
}

#endif /* SWTLB_BENCH_SRC_SET_H */
