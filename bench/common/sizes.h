/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/common/sizes.h: mapping-size distributions ("4k", "4k-64k",
 * "4k:70,16k:20,64k:9,256k:1") and their pre-generation.
 *
 * A spec is a comma-separated list of items; an item is SIZE or LO-HI with an
 * optional ":WEIGHT" (a positive integer, 1 when omitted). SIZE is bytes with
 * an optional k/K (KiB) or m/M (MiB) suffix. A range draws uniformly over
 * multiples of 512 bytes (a sector) when both ends are sector multiples, else
 * over whole bytes. Drawing is deterministic for a given seed, so sizes can
 * be generated before a measured loop and the loop holds no RNG.
 */
#ifndef SWTLB_BENCH_SIZES_H
#define SWTLB_BENCH_SIZES_H

#include <stddef.h>
#include <stdint.h>

#define SWTLB_SIZES_MAX_ITEMS 32

struct swtlb_size_item {
	size_t lo, hi;	     /* lo == hi for a single size */
	unsigned int step;   /* 512 or 1 */
	unsigned int weight; /* > 0 */
};

struct swtlb_size_dist {
	unsigned int nitems;
	unsigned long total_weight;
	struct swtlb_size_item items[SWTLB_SIZES_MAX_ITEMS];
};

/* 0, or -1 with a one-line reason in err (the offending part named). */
int swtlb_sizes_parse(const char *spec, struct swtlb_size_dist *dist, char *err,
		      size_t errlen);
/* The largest size the distribution can draw. */
size_t swtlb_sizes_max(const struct swtlb_size_dist *dist);
/* The mean size it draws, in bytes (for estimates and docs). */
double swtlb_sizes_mean(const struct swtlb_size_dist *dist);

/* A small deterministic generator (splitmix64): same seed, same sizes. */
uint64_t swtlb_sizes_rand(uint64_t *state);
/* One draw. */
size_t swtlb_sizes_draw(const struct swtlb_size_dist *dist, uint64_t *state);
/* Fill out[0..n-1] with draws from seed. */
void swtlb_sizes_fill(const struct swtlb_size_dist *dist, uint64_t seed,
		      size_t *out, size_t n);

#endif /* SWTLB_BENCH_SIZES_H */
