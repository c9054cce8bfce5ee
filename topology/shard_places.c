// SPDX-License-Identifier: GPL-2.0-only
/* topology/shard_places.c: see shard_places.h. */
#include "topology/shard_places.h"

#include <stdlib.h>

/* The k-th CPU of each area, areas in order; per area its count. */
struct area_cpus {
	const struct swtlb_pu_place **cpu; /* nareas x width */
	unsigned int *count, width;
};

/* Do areas a and b have the same sequence of caches (or packages)? */
static bool same_places(const struct area_cpus *ac, unsigned int a,
			unsigned int b, bool package)
{
	if (ac->count[a] != ac->count[b])
		return false;
	for (unsigned int k = 0; k < ac->count[a]; k++) {
		const struct swtlb_pu_place *x = ac->cpu[a * ac->width + k];
		const struct swtlb_pu_place *y = ac->cpu[b * ac->width + k];

		if (package ? x->package != y->package : x->group != y->group)
			return false;
	}
	return true;
}

/* Index of the first area before a with a's sequence, else a; -1: empty. */
static int first_alike(const struct area_cpus *ac, unsigned int a, bool package)
{
	if (ac->count[a] == 0)
		return -1;
	for (unsigned int b = 0; b < a; b++)
		if (same_places(ac, a, b, package))
			return (int)b;
	return (int)a;
}

static int cmp_os(const void *a, const void *b)
{
	const struct swtlb_pu_place *x =
	    *(const struct swtlb_pu_place *const *)a;
	const struct swtlb_pu_place *y =
	    *(const struct swtlb_pu_place *const *)b;

	return x->os < y->os ? -1 : x->os > y->os;
}

int swtlb_shard_places(const struct swtlb_pu_place *pus, unsigned int npus,
		       unsigned int nareas, struct swtlb_shard_place *out)
{
	struct area_cpus ac = {.width = 1};

	if (nareas == 0)
		return 0;
	ac.count = calloc(nareas, sizeof(*ac.count));
	if (!ac.count)
		return -1;
	for (unsigned int k = 0; k < npus; k++) /* the widest area */
		if (++ac.count[pus[k].os % nareas] > ac.width)
			ac.width = ac.count[pus[k].os % nareas];
	ac.cpu = calloc((size_t)nareas * ac.width, sizeof(*ac.cpu));
	if (!ac.cpu) {
		free(ac.count);
		return -1;
	}
	for (unsigned int a = 0; a < nareas; a++)
		ac.count[a] = 0;
	for (unsigned int k = 0; k < npus; k++) {
		unsigned int a = pus[k].os % nareas;

		ac.cpu[a * ac.width + ac.count[a]++] = &pus[k];
	}
	for (unsigned int a = 0; a < nareas; a++) {
		qsort(&ac.cpu[a * ac.width], ac.count[a], sizeof(*ac.cpu),
		      cmp_os);
		out[a] = (struct swtlb_shard_place){
		    .cache = first_alike(&ac, a, false),
		    .package = first_alike(&ac, a, true),
		};
	}
	free(ac.count);
	free(ac.cpu);
	return 0;
}
