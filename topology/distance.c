// SPDX-License-Identifier: GPL-2.0-only
/*
 * topology/distance.c: where each PU sits for the coherence model of
 * swtlb-sim (bench/sim/model.c): its core, its last-level cache group, its
 * package and its NUMA node, so that any two PUs fall in one distance
 * class.
 *
 * The cache group is the PU's L3 cache if the topology has one, else its
 * die, else its package: on every x86 server of the shared exports the L3
 * is what SMT siblings' and neighbouring cores' lines move through.
 */
#include <stdlib.h>

#include "topology/topo_internal.h"
#include "topology/topology.h"

static int group_of(hwloc_topology_t hw, hwloc_obj_t pu, int package)
{
	static const hwloc_obj_type_t kinds[] = {HWLOC_OBJ_L3CACHE,
						 HWLOC_OBJ_DIE};

	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		hwloc_obj_t a =
		    hwloc_get_ancestor_obj_by_type(hw, kinds[k], pu);

		if (a)
			/* Tag by kind: L3 #3 and die #3 are different. */
			return (int)(a->logical_index * 2 + k);
	}
	return -2 - package; /* the package itself, never a cache's id */
}

static int cmp_os(const void *a, const void *b)
{
	const struct swtlb_pu_place *x = a, *y = b;

	return x->os < y->os ? -1 : x->os > y->os;
}

int swtlb_topo_pu_places(const struct swtlb_topo *topo,
			 struct swtlb_pu_place **out, unsigned int *n,
			 char *err, size_t errlen)
{
	struct swtlb_pu_place *p =
	    calloc(topo->npus ? topo->npus : 1, sizeof(*p));
	unsigned int m = 0;

	if (!p)
		return swtlb_topo_fail(err, errlen, "out of memory");
	for (unsigned int i = 0; i < topo->npus; i++) {
		const struct swtlb_pu *pu = &topo->pus[i];
		hwloc_obj_t obj;

		if (!pu->allowed)
			continue;
		obj =
		    hwloc_get_obj_by_type(topo->hw, HWLOC_OBJ_PU, pu->logical);
		if (!obj) {
			free(p);
			return swtlb_topo_fail(err, errlen,
					       "topology: PU L#%u vanished",
					       pu->logical);
		}
		p[m++] = (struct swtlb_pu_place){
		    .os = pu->os,
		    .core = pu->core,
		    .group = group_of(topo->hw, obj, pu->package),
		    .package = pu->package,
		    .node = pu->numa,
		};
	}
	qsort(p, m, sizeof(*p), cmp_os);
	*out = p;
	*n = m;
	return 0;
}

enum swtlb_model_dist swtlb_pu_distance(const struct swtlb_pu_place *a,
					const struct swtlb_pu_place *b)
{
	if (a->core == b->core)
		return SWTLB_MODEL_DIST_SMT;
	if (a->group == b->group)
		return SWTLB_MODEL_DIST_CACHE;
	/* Packages first: one NUMA node may span packages (16em64t). */
	if (a->package != b->package)
		return SWTLB_MODEL_DIST_REMOTE;
	if (a->node != b->node && a->node >= 0 && b->node >= 0)
		return SWTLB_MODEL_DIST_NODE;
	return SWTLB_MODEL_DIST_PACKAGE;
}
