// SPDX-License-Identifier: GPL-2.0-only
/* counters/tier_groups.c: see tier_groups.h. */
#include "counters/tier_groups.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Adds the areas in list[0..m) as the fewest even groups of <= max. */
static void add_groups(struct tier_groups *tg, const unsigned int *list,
		       unsigned int m, unsigned int max, unsigned int *placed)
{
	unsigned int k = (m + max - 1) / max;

	for (unsigned int c = 0; c < k; c++) {
		unsigned int lo = c * m / k, hi = (c + 1) * m / k;
		unsigned int g = tg->ngroups++;

		tg->first[g] = *placed;
		tg->count[g] = hi - lo;
		for (unsigned int j = lo; j < hi; j++) {
			tg->members[(*placed)++] = list[j];
			tg->group_of[list[j]] = g;
		}
	}
}

/* How many areas share area a's cache (or package) id. */
static unsigned int count_alike(const struct swtlb_shard_place *places,
				unsigned int n, unsigned int a, bool package)
{
	unsigned int m = 0;

	for (unsigned int b = 0; b < n; b++)
		m += package ? places[b].package == places[a].package
			     : places[b].cache == places[a].cache;
	return m;
}

/*
 * Area a's grouping key: its cache id when the cache holds at least
 * max / 2 areas; else its package's id (offset by n) when that holds
 * enough; else its run of max consecutive areas (offset by 2n): groups of
 * 2-4 areas hold too little headroom and go remote far more often than a
 * shared lock costs (docs/schemes.md).
 */
static long group_key(const struct swtlb_shard_place *places, unsigned int n,
		      unsigned int max, unsigned int a)
{
	if (places[a].cache >= 0 && count_alike(places, n, a, false) >= max / 2)
		return places[a].cache;
	if (places[a].package >= 0 &&
	    count_alike(places, n, a, true) >= max / 2)
		return (long)n + places[a].package;
	return 2L * n + a / max;
}

/* Groups of areas with one key, in index order, split evenly. */
static int group_by_cache(struct tier_groups *tg, unsigned int n,
			  unsigned int max,
			  const struct swtlb_shard_place *places)
{
	unsigned int *list = malloc(n * sizeof(*list)), placed = 0;
	long *key = malloc(n * sizeof(*key));
	bool *done = calloc(n, sizeof(*done));

	if (!list || !done || !key) {
		free(list);
		free(key);
		free(done);
		return -ENOMEM;
	}
	for (unsigned int a = 0; a < n; a++)
		key[a] = group_key(places, n, max, a);
	for (unsigned int a = 0; a < n; a++) {
		unsigned int m = 0;

		if (done[a])
			continue;
		for (unsigned int b = a; b < n; b++)
			if (!done[b] && key[b] == key[a]) {
				done[b] = true;
				list[m++] = b;
			}
		add_groups(tg, list, m, max, &placed);
	}
	free(list);
	free(key);
	free(done);
	return 0;
}

/* Runs of max consecutive areas, the last one shorter. */
static void group_consecutive(struct tier_groups *tg, unsigned int n,
			      unsigned int max)
{
	for (unsigned int a = 0; a < n; a += max) {
		unsigned int g = tg->ngroups++;

		tg->first[g] = a;
		tg->count[g] = n - a < max ? n - a : max;
		for (unsigned int j = a; j < a + tg->count[g]; j++) {
			tg->members[j] = j;
			tg->group_of[j] = g;
		}
	}
}

/* 0: another group of g's cache, 1: of its package, 2: farther. */
static unsigned int distance(const struct tier_groups *tg,
			     const struct swtlb_shard_place *places,
			     unsigned int g, unsigned int h)
{
	const struct swtlb_shard_place *a, *b;

	if (!places)
		return 2;
	a = &places[tg->members[tg->first[g]]];
	b = &places[tg->members[tg->first[h]]];
	if (a->cache >= 0 && a->cache == b->cache)
		return 0;
	if (a->package >= 0 && a->package == b->package)
		return 1;
	return 2;
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* Each group's others by (distance, g ^ h): buddy order within a class. */
static int plan_order(struct tier_groups *tg,
		      const struct swtlb_shard_place *places)
{
	unsigned int ng = tg->ngroups;
	uint64_t *key = malloc((ng ? ng : 1) * sizeof(*key));

	tg->order =
	    malloc((ng > 1 ? (size_t)ng * (ng - 1) : 1) * sizeof(*tg->order));
	if (!key || !tg->order) {
		free(key);
		return -ENOMEM;
	}
	for (unsigned int g = 0; g < ng; g++) {
		unsigned int m = 0;

		for (unsigned int h = 0; h < ng; h++)
			if (h != g)
				key[m++] = (uint64_t)distance(tg, places, g, h)
					       << 32 |
					   (g ^ h);
		qsort(key, m, sizeof(*key), cmp_u64);
		for (unsigned int x = 0; x < m; x++)
			tg->order[(size_t)g * (ng - 1) + x] =
			    g ^ (unsigned int)key[x];
	}
	free(key);
	return 0;
}

int tier_groups_plan(struct tier_groups *tg, unsigned int nareas,
		     unsigned int max_group,
		     const struct swtlb_shard_place *places)
{
	unsigned int n = nareas ? nareas : 1;
	int rc = -ENOMEM;

	memset(tg, 0, sizeof(*tg));
	tg->group_of = malloc(n * sizeof(*tg->group_of));
	tg->members = malloc(n * sizeof(*tg->members));
	tg->first = malloc(n * sizeof(*tg->first));
	tg->count = malloc(n * sizeof(*tg->count));
	if (tg->group_of && tg->members && tg->first && tg->count) {
		rc = 0;
		if (places)
			rc = group_by_cache(tg, nareas, max_group, places);
		else
			group_consecutive(tg, nareas, max_group);
	}
	if (rc == 0)
		rc = plan_order(tg, places);
	if (rc)
		tier_groups_free(tg);
	return rc;
}

void tier_groups_free(struct tier_groups *tg)
{
	free(tg->group_of);
	free(tg->members);
	free(tg->first);
	free(tg->count);
	free(tg->order);
	memset(tg, 0, sizeof(*tg));
}
