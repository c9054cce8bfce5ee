// SPDX-License-Identifier: GPL-2.0-only
/* bench/common/sizes.c: parse and draw mapping-size distributions (see
 * sizes.h). */
#include "bench/common/sizes.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/num.h"

/* Sizes above this are certainly typos (the kernel's largest is 256 KiB). */
#define SIZE_LIMIT (1UL << 30)

/* Parses SIZE at *p, advancing it. 0 on success. */
static int parse_size(const char **p, size_t *out)
{
	const char *s = *p, *end = s;
	unsigned int shift = 0;
	uint64_t v;

	while (isdigit((unsigned char)*end))
		end++;
	if (*end == 'k' || *end == 'K')
		shift = 10;
	else if (*end == 'm' || *end == 'M')
		shift = 20;
	/* The bound before the shift: "16777216m" must not wrap to 0. */
	if (swtlb_parse_u64n(s, (size_t)(end - s), SIZE_LIMIT >> shift, &v) !=
		SWTLB_NUM_OK ||
	    v == 0)
		return -1;
	*out = (size_t)(v << shift);
	*p = end + (shift != 0);
	return 0;
}

static int parse_item(const char *item, struct swtlb_size_item *it)
{
	const char *p = item;

	if (parse_size(&p, &it->lo))
		return -1;
	it->hi = it->lo;
	if (*p == '-') {
		p++;
		if (parse_size(&p, &it->hi) || it->hi < it->lo)
			return -1;
	}
	it->weight = 1;
	if (*p == ':') {
		const char *end;
		uint64_t w;

		p++;
		for (end = p; isdigit((unsigned char)*end); end++)
			;
		if (swtlb_parse_u64n(p, (size_t)(end - p), 1000000, &w) !=
			SWTLB_NUM_OK ||
		    w == 0)
			return -1;
		it->weight = (unsigned int)w;
		p = end;
	}
	if (*p != '\0')
		return -1;
	it->step = (it->lo % 512 == 0 && it->hi % 512 == 0) ? 512 : 1;
	return 0;
}

int swtlb_sizes_parse(const char *spec, struct swtlb_size_dist *dist, char *err,
		      size_t errlen)
{
	const char *p = spec;

	memset(dist, 0, sizeof(*dist));
	if (!spec || !*spec) {
		snprintf(err, errlen, "empty size distribution");
		return -1;
	}
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		struct swtlb_size_item *it;
		char item[64];

		if (dist->nitems == SWTLB_SIZES_MAX_ITEMS) {
			snprintf(err, errlen,
				 "size distribution has more than %d items",
				 SWTLB_SIZES_MAX_ITEMS);
			return -1;
		}
		it = &dist->items[dist->nitems];
		if (n == 0 || n >= sizeof(item)) {
			snprintf(err, errlen,
				 "size distribution '%s' has an empty or "
				 "overlong item",
				 spec);
			return -1;
		}
		memcpy(item, p, n);
		item[n] = '\0';
		if (parse_item(item, it)) {
			snprintf(err, errlen,
				 "bad size item '%s' (want SIZE or LO-HI, "
				 "optional :WEIGHT; SIZE like 4096, 4k, 1m)",
				 item);
			return -1;
		}
		dist->total_weight += it->weight;
		dist->nitems++;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

size_t swtlb_sizes_max(const struct swtlb_size_dist *dist)
{
	size_t m = 0;

	for (unsigned int i = 0; i < dist->nitems; i++)
		if (dist->items[i].hi > m)
			m = dist->items[i].hi;
	return m;
}

double swtlb_sizes_mean(const struct swtlb_size_dist *dist)
{
	double sum = 0;

	if (!dist->total_weight)
		return 0;
	for (unsigned int i = 0; i < dist->nitems; i++) {
		const struct swtlb_size_item *it = &dist->items[i];
		/* Mean of the grid lo, lo+step, ..., <= hi. */
		size_t n = (it->hi - it->lo) / it->step;
		double mean = (double)it->lo + (double)n * it->step / 2.0;

		sum += mean * it->weight;
	}
	return sum / (double)dist->total_weight;
}

uint64_t swtlb_sizes_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

size_t swtlb_sizes_draw(const struct swtlb_size_dist *dist, uint64_t *state)
{
	uint64_t w = swtlb_sizes_rand(state) % dist->total_weight;
	const struct swtlb_size_item *it = &dist->items[0];

	for (unsigned int i = 0; i < dist->nitems; i++) {
		it = &dist->items[i];
		if (w < it->weight)
			break;
		w -= it->weight;
	}
	if (it->lo == it->hi)
		return it->lo;
	{
		uint64_t choices = (it->hi - it->lo) / it->step + 1;

		return it->lo +
		       (size_t)(swtlb_sizes_rand(state) % choices) * it->step;
	}
}

void swtlb_sizes_fill(const struct swtlb_size_dist *dist, uint64_t seed,
		      size_t *out, size_t n)
{
	uint64_t state = seed;

	for (size_t i = 0; i < n; i++)
		out[i] = swtlb_sizes_draw(dist, &state);
}
