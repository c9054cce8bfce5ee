/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/counters/test_tier_groups.c: escrow-tier's groups follow the
 * topology. swtlb_shard_places() on hosts whose OS numbering interleaves
 * packages, areas whose CPUs span two L3s, areas no CPU uses; the plan of
 * groups and of the remote walk (nearest first), and the fallback.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "counters/tier_groups.h"
#include "topology/shard_places.h"

static struct swtlb_shard_place *places_of(const char *spec,
					   unsigned int nareas)
{
	struct swtlb_shard_place *out = calloc(nareas, sizeof(*out));
	struct swtlb_pu_place *pus;
	struct swtlb_topo *topo;
	unsigned int npus;
	char err[256];

	topo = swtlb_topo_load(spec, err, sizeof(err));
	if (!topo || !out)
		fail_msg("%s: %s", spec, err);
	if (swtlb_topo_pu_places(topo, &pus, &npus, err, sizeof(err)) != 0)
		fail_msg("%s: %s", spec, err);
	assert_int_equal(swtlb_shard_places(pus, npus, nareas, out), 0);
	free(pus);
	swtlb_topo_free(topo);
	return out;
}

/* 16em64t-4s2c2t: package p holds CPUs p, p + 4, p + 8, p + 12. */
static void test_interleaved(void **state)
{
	struct swtlb_shard_place *pl =
	    places_of("xml:" SWTLB_TOPOLOGIES "/16em64t-4s2c2t.xml", 16);
	struct tier_groups tg;

	(void)state;
	for (unsigned int a = 0; a < 16; a++) {
		assert_int_equal(pl[a].cache, pl[a % 4].cache);
		assert_int_equal(pl[a].package, pl[a % 4].package);
		if (a % 4 != 0)
			assert_int_not_equal(pl[a].package, pl[0].package);
	}
	/* Groups of at most 8: one per package, whose areas are 4 apart. */
	assert_int_equal(tier_groups_plan(&tg, 16, 8, pl), 0);
	assert_int_equal(tg.ngroups, 4);
	for (unsigned int a = 0; a < 16; a++)
		assert_int_equal(tg.group_of[a], tg.group_of[a % 4]);
	for (unsigned int g = 0; g < 4; g++)
		assert_int_equal(tg.count[g], 4);
	tier_groups_free(&tg);
	/* At most 16: a package of 4 areas is too small a group; the areas
	 * fall back to one run of 16, as without a topology. */
	assert_int_equal(tier_groups_plan(&tg, 16, 16, pl), 0);
	assert_int_equal(tg.ngroups, 1);
	tier_groups_free(&tg);
	free(pl);
}

/* 32em64t-2n8c2t: L3 (package) 0 holds CPUs 0-7 and 16-23. */
static void test_split_numbering(void **state)
{
	struct swtlb_shard_place *pl = places_of(
	    "xml:" SWTLB_TOPOLOGIES "/32em64t-2n8c2t-pci-noio.xml", 32);
	struct tier_groups tg;

	(void)state;
	assert_int_equal(tier_groups_plan(&tg, 32, 16, pl), 0);
	assert_int_equal(tg.ngroups, 2);
	for (unsigned int a = 0; a < 32; a++)
		assert_int_equal(tg.group_of[a], (a / 8) % 2);
	assert_int_equal(tg.order[0], 1);
	tier_groups_free(&tg);
	free(pl);
}

/* 64 PUs, 32 areas: area a serves CPUs a and a + 32, in two L3s. */
static void test_area_spans_caches(void **state)
{
	struct swtlb_shard_place *pl =
	    places_of("synthetic:pack:2 l3:2 core:8 pu:2", 32);

	(void)state;
	for (unsigned int a = 0; a < 32; a++) {
		assert_int_equal(pl[a].cache, a < 16 ? 0 : 16);
		assert_int_equal(pl[a].package, 0); /* CPUs in both packages */
	}
	free(pl);
	/* 16 PUs, 32 areas: areas 16-31 serve no CPU. */
	pl = places_of("xml:" SWTLB_TOPOLOGIES "/16em64t-4s2c2t.xml", 32);
	for (unsigned int a = 16; a < 32; a++)
		assert_int_equal(pl[a].cache, -1);
	free(pl);
}

/* Where the topology's L3s are runs of areas, the groups and the order are
 * the consecutive ones and buddy order: 512 PUs, 4 packages of 2 L3s. */
static void test_same_as_fallback(void **state)
{
	struct swtlb_shard_place *pl =
	    places_of("synthetic:pack:4 l3:2 core:32 pu:2", 512);
	struct tier_groups topo, plain;

	(void)state;
	assert_int_equal(tier_groups_plan(&topo, 512, 16, pl), 0);
	assert_int_equal(tier_groups_plan(&plain, 512, 16, NULL), 0);
	assert_int_equal(topo.ngroups, 32);
	assert_int_equal(plain.ngroups, 32);
	for (unsigned int a = 0; a < 512; a++) {
		assert_int_equal(topo.group_of[a], a / 16);
		assert_int_equal(plain.group_of[a], a / 16);
	}
	for (unsigned int i = 0; i < 32 * 31; i++) {
		unsigned int g = i / 31, x = i % 31 + 1;

		assert_int_equal(topo.order[i], g ^ x);
		assert_int_equal(plain.order[i], g ^ x);
	}
	tier_groups_free(&topo);
	tier_groups_free(&plain);
	free(pl);
}

/* Nearest first: 4 L3s interleaved over 2 packages (made-up places). */
static void test_order_by_distance(void **state)
{
	struct swtlb_shard_place pl[64];
	struct tier_groups tg;

	(void)state;
	for (unsigned int a = 0; a < 64; a++)
		pl[a] = (struct swtlb_shard_place){(int)(a % 4), (int)(a % 2)};
	assert_int_equal(tier_groups_plan(&tg, 64, 16, pl), 0);
	assert_int_equal(tg.ngroups, 4);
	/* Group 0 (areas 0, 4, ...): group 2 (areas 2, 6, ...) shares its
	 * package, so it comes first though group 1 is its buddy. */
	assert_int_equal(tg.group_of[0], 0);
	assert_int_equal(tg.group_of[2], 2);
	assert_int_equal(tg.order[0], 2);
	assert_int_equal(tg.order[1], 1);
	assert_int_equal(tg.order[2], 3);
	tier_groups_free(&tg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_interleaved),
	    cmocka_unit_test(test_split_numbering),
	    cmocka_unit_test(test_area_spans_caches),
	    cmocka_unit_test(test_same_as_fallback),
	    cmocka_unit_test(test_order_by_distance),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
