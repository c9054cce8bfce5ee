// SPDX-License-Identifier: GPL-2.0-only
/*
 * topology/handoff_pairs.c: distance classes of CPU pairs, the pairs a
 * thread set's hand-off pre-flight measures, and the set's mean hand-off
 * (pure functions of a topology; see topology/handoff.h).
 */
#include "topology/handoff.h"

#include <stdio.h>
#include <string.h>

#include "topology/topo_internal.h"

static const char *const dist_names[SWTLB_DIST_N] = {
    [SWTLB_DIST_SAME_CPU] = "same-cpu",
    [SWTLB_DIST_SMT] = "smt",
    [SWTLB_DIST_CACHE] = "cache",
    [SWTLB_DIST_DIE] = "die",
    [SWTLB_DIST_NODE] = "node",
    [SWTLB_DIST_PACKAGE] = "package",
    [SWTLB_DIST_REMOTE] = "cross-package",
};

const char *swtlb_dist_name(enum swtlb_dist d)
{
	return (unsigned int)d < SWTLB_DIST_N ? dist_names[d] : "?";
}

/* Is obj, or an ancestor of it below the package, of a type that is_type
 * accepts? (The ancestors of the common ancestor are shared too.) */
static bool shared_below_package(hwloc_obj_t obj, int (*is_type)(hwloc_obj_t))
{
	for (; obj && obj->type != HWLOC_OBJ_PACKAGE &&
	       obj->type != HWLOC_OBJ_MACHINE;
	     obj = obj->parent)
		if (is_type(obj))
			return true;
	return false;
}

static int is_cache(hwloc_obj_t obj)
{
	return hwloc_obj_type_is_cache(obj->type);
}

static int is_die(hwloc_obj_t obj)
{
	return obj->type == HWLOC_OBJ_DIE;
}

int swtlb_topo_distance(const struct swtlb_topo *topo, unsigned int a,
			unsigned int b)
{
	int ia = swtlb_topo_find_os(topo, a), ib = swtlb_topo_find_os(topo, b);
	const struct swtlb_pu *pa, *pb;
	hwloc_obj_t oa, ob, common;

	if (ia < 0 || ib < 0)
		return -1;
	if (a == b)
		return SWTLB_DIST_SAME_CPU;
	pa = &topo->pus[ia];
	pb = &topo->pus[ib];
	if (pa->core == pb->core)
		return SWTLB_DIST_SMT;
	oa = hwloc_get_pu_obj_by_os_index(topo->hw, a);
	ob = hwloc_get_pu_obj_by_os_index(topo->hw, b);
	common =
	    oa && ob ? hwloc_get_common_ancestor_obj(topo->hw, oa, ob) : NULL;
	if (shared_below_package(common, is_cache))
		return SWTLB_DIST_CACHE;
	if (shared_below_package(common, is_die))
		return SWTLB_DIST_DIE;
	/* Packages first: one NUMA node may span packages (16em64t). */
	if (pa->package != pb->package)
		return SWTLB_DIST_REMOTE;
	return pa->numa == pb->numa ? SWTLB_DIST_NODE : SWTLB_DIST_PACKAGE;
}

int swtlb_handoff_pairs(const struct swtlb_topo *topo, const unsigned int *cpus,
			unsigned int n, struct swtlb_handoff_pair *out)
{
	unsigned int partner[SWTLB_DIST_N];
	bool seen[SWTLB_DIST_N] = {false};
	int npairs = 0;

	if (n && swtlb_topo_find_os(topo, cpus[0]) < 0)
		return -1;
	for (unsigned int i = 1; i < n; i++) {
		int d = swtlb_topo_distance(topo, cpus[0], cpus[i]);

		if (d < 0)
			return -1;
		if (d == SWTLB_DIST_SAME_CPU || seen[d])
			continue;
		seen[d] = true;
		partner[d] = cpus[i];
	}
	for (int d = SWTLB_DIST_SMT; d < SWTLB_DIST_N; d++) {
		if (!seen[d])
			continue;
		out[npairs].a = cpus[0];
		out[npairs].b = partner[d];
		out[npairs].dist = (enum swtlb_dist)d;
		npairs++;
	}
	return npairs;
}

int swtlb_handoff_class_weights(const struct swtlb_topo *topo,
				const unsigned int *cpus, unsigned int n,
				uint64_t weights[SWTLB_DIST_N])
{
	for (int d = 0; d < SWTLB_DIST_N; d++)
		weights[d] = 0;
	for (unsigned int i = 0; i < n; i++) {
		for (unsigned int j = i + 1; j < n; j++) {
			int d = swtlb_topo_distance(topo, cpus[i], cpus[j]);

			if (d < 0)
				return -1;
			weights[d] += 2; /* (i, j) and (j, i) */
		}
	}
	return 0;
}

bool swtlb_handoff_set_mean(const uint64_t weights[SWTLB_DIST_N],
			    const double ns[SWTLB_DIST_N],
			    const bool known[SWTLB_DIST_N], double *mean_ns)
{
	double sum = 0;
	uint64_t pairs = 0;

	for (int d = SWTLB_DIST_SMT; d < SWTLB_DIST_N; d++) {
		if (!weights[d])
			continue;
		if (!known[d])
			return false;
		sum += (double)weights[d] * ns[d];
		pairs += weights[d];
	}
	if (!pairs)
		return false;
	*mean_ns = sum / (double)pairs;
	return true;
}

/* Samples per pair at most: enough for a stable median, few enough that a
 * fast pair ends well inside its budget. */
#define MAX_SAMPLES 301U

int swtlb_handoff_preflight(const struct swtlb_topo *topo,
			    const unsigned int *cpus, unsigned int n,
			    int64_t budget_ns, struct swtlb_handoff_result *r,
			    char *err, size_t errlen)
{
	memset(r, 0, sizeof(*r));
	r->npairs = swtlb_handoff_pairs(topo, cpus, n, r->pairs);
	if (r->npairs < 0 ||
	    swtlb_handoff_class_weights(topo, cpus, n, r->weights) < 0)
		return swtlb_topo_fail(
		    err, errlen, "a CPU of the set is not in '%s'", topo->spec);
	if (budget_ns <= 0)
		return 0;
	if (!swtlb_topo_is_host(topo)) {
		snprintf(r->why, sizeof(r->why),
			 "topology '%.200s' is not this host", topo->spec);
		return 0;
	}
	for (int i = 0; i < r->npairs; i++) {
		const struct swtlb_handoff_pair *p = &r->pairs[i];
		char why[200];

		if (swtlb_handoff_measure(p->a, p->b, budget_ns, MAX_SAMPLES,
					  &r->ns[p->dist], &r->samples[p->dist],
					  why, sizeof(why)) == 0)
			r->known[p->dist] = true;
		else if (!r->why[0])
			snprintf(r->why, sizeof(r->why), "%s", why);
	}
	r->mean_known =
	    swtlb_handoff_set_mean(r->weights, r->ns, r->known, &r->mean_ns);
	return 0;
}

void swtlb_handoff_format(const struct swtlb_handoff_result *r, bool measured,
			  char *buf, size_t len)
{
	size_t used = 0;

	if (len)
		buf[0] = '\0';
	for (int i = 0; i < r->npairs && used < len; i++) {
		const struct swtlb_handoff_pair *p = &r->pairs[i];
		int w;

		if (!measured)
			w = snprintf(buf + used, len - used, "%s%s:%u-%u",
				     i ? ";" : "", swtlb_dist_name(p->dist),
				     p->a, p->b);
		else if (r->known[p->dist])
			w = snprintf(buf + used, len - used, "%s%s:%u-%u=%.1f",
				     i ? ";" : "", swtlb_dist_name(p->dist),
				     p->a, p->b, r->ns[p->dist]);
		else
			w = snprintf(buf + used, len - used, "%s%s:%u-%u=?",
				     i ? ";" : "", swtlb_dist_name(p->dist),
				     p->a, p->b);
		used += w > 0 ? (size_t)w : 0;
	}
	if (used >= len && len)
		buf[0] = '\0'; /* never a cut list */
}
