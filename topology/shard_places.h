/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * topology/shard_places.h: which cache and package each swiotlb area's
 * CPUs sit on, for escrow-tier's groups (counters/scheme.h's
 * swtlb_shard_place).
 */
#ifndef SWTLB_TOPOLOGY_SHARD_PLACES_H
#define SWTLB_TOPOLOGY_SHARD_PLACES_H

#include "counters/scheme.h"
#include "topology/topology.h"

/*
 * out[a] for each area a < nareas, from the CPUs pus[0..npus) (their ids
 * are pus[k].os): area a serves the CPUs whose id % nareas == a, as
 * swiotlb's raw_smp_processor_id() & (nareas - 1). An area's place is the
 * sequence of its CPUs' caches (packages) in id order: two areas share a
 * cache id only when their k-th CPUs share a cache for every k, so an area
 * whose CPUs span several L3s is grouped only with areas spanning the same
 * ones, never counted as near one of them alone. The ids are the index of
 * the first area with that sequence; -1 for an area no CPU uses. 0, or -1
 * when out of memory.
 */
int swtlb_shard_places(const struct swtlb_pu_place *pus, unsigned int npus,
		       unsigned int nareas, struct swtlb_shard_place *out);

#endif /* SWTLB_TOPOLOGY_SHARD_PLACES_H */
