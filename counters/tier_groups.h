/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/tier_groups.h: escrow-tier's groups of areas and the order in
 * which a group asks the others (tier_groups.c). Read-only after the plan.
 */
#ifndef SWTLB_COUNTERS_TIER_GROUPS_H
#define SWTLB_COUNTERS_TIER_GROUPS_H

#include "counters/scheme.h"

struct tier_groups {
	unsigned int ngroups;
	unsigned int *group_of; /* area -> its group */
	unsigned int *members;	/* areas of group g: members[first[g]...] */
	unsigned int *first, *count;
	unsigned int *order; /* ngroups - 1 others per group, nearest first */
};

/*
 * Without places: groups of max_group consecutive areas, asked in buddy
 * order (g ^ 1, g ^ 2, ...). With places: the areas of one cache id, in
 * index order, split into the fewest even groups of at most max_group;
 * asked nearest first (another group of its cache, then of its package,
 * then the others), in buddy order within each class. 0 or -ENOMEM.
 */
int tier_groups_plan(struct tier_groups *tg, unsigned int nareas,
		     unsigned int max_group,
		     const struct swtlb_shard_place *places);
void tier_groups_free(struct tier_groups *tg);

#endif /* SWTLB_COUNTERS_TIER_GROUPS_H */
