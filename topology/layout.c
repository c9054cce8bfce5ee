// SPDX-License-Identifier: GPL-2.0-only
/*
 * topology/layout.c: thread layouts as pure functions of the PU table.
 *
 * Every layout first builds its order: the list of PUs (indexes into
 * topo->pus) it fills, one thread each. Thread i runs on order[i]; with
 * oversubscription thread i runs on order[i % length]. Only allowed PUs
 * (inside the cgroup/cpuset) ever appear in an order.
 *
 *   compact    every PU in hwloc logical order: SMT siblings of a core,
 *              then the cores sharing a cache, then the rest of the package,
 *              then the next package.
 *   scatter    greedy spreading. The next PU is, among the unused ones, the
 *              one whose core has the fewest threads (so SMT siblings are
 *              used only once every core has a thread), then whose top
 *              domain has the fewest threads, then whose second domain has
 *              the fewest, then the lowest logical index. The top domain is
 *              the package and the second the NUMA node, except on machines
 *              where NUMA nodes contain several packages (then the other way
 *              round). Result: round-robin over packages, then over NUMA
 *              nodes inside them, then over cores.
 *   cores      the first allowed PU of every core, cores in logical order.
 *   node:N     compact order restricted to the PUs whose NUMA node has the
 *              OS index N (as numactl, libnuma and /sys name nodes); the
 *              plan's numa field is then that node's logical index.
 *   cpus:LIST  the OS CPU ids of LIST, in the order written.
 */
#include <stdlib.h>
#include <string.h>

#include "topology/cpulist.h"
#include "topology/topo_internal.h"
#include "topology/topology.h"

#define LAYOUT_NAMES "compact, scatter, cores, node:N, cpus:LIST"

struct order {
	unsigned int *idx; /* indexes into topo->pus */
	unsigned int n;
};

static int order_alloc(struct order *o, unsigned int max, char *err,
		       size_t errlen)
{
	o->n = 0;
	o->idx = malloc((max ? max : 1) * sizeof(*o->idx));
	if (!o->idx)
		return swtlb_topo_fail(err, errlen, "out of memory");
	return 0;
}

static int order_compact(const struct swtlb_topo *topo, struct order *o,
			 char *err, size_t errlen)
{
	if (order_alloc(o, topo->npus, err, errlen) < 0)
		return -1;
	for (unsigned int i = 0; i < topo->npus; i++)
		if (topo->pus[i].allowed)
			o->idx[o->n++] = i;
	return 0;
}

static int order_cores(const struct swtlb_topo *topo, struct order *o,
		       char *err, size_t errlen)
{
	bool *taken = calloc(topo->ncores ? topo->ncores : 1, sizeof(*taken));

	if (!taken || order_alloc(o, topo->npus, err, errlen) < 0) {
		free(taken);
		return swtlb_topo_fail(err, errlen, "out of memory");
	}
	/* PUs are in logical order, so cores come in logical order too. */
	for (unsigned int i = 0; i < topo->npus; i++) {
		const struct swtlb_pu *pu = &topo->pus[i];

		if (!pu->allowed || taken[pu->core])
			continue;
		taken[pu->core] = true;
		o->idx[o->n++] = i;
	}
	free(taken);
	return 0;
}

/* Load slot of a domain index; index -1 (no such object) is one domain. */
static unsigned int dom(int index)
{
	return index < 0 ? 0 : (unsigned int)index + 1;
}

/* Lexicographic a < b over the scatter keys. */
static bool key_less(const unsigned int a[3], const unsigned int b[3])
{
	for (int k = 0; k < 3; k++)
		if (a[k] != b[k])
			return a[k] < b[k];
	return false;
}

static int order_scatter(const struct swtlb_topo *topo, struct order *o,
			 char *err, size_t errlen)
{
	unsigned int *core_load = calloc(topo->ncores + 1, sizeof(unsigned));
	unsigned int *pkg_load = calloc(topo->npackages + 2, sizeof(unsigned));
	unsigned int *numa_load = calloc(topo->nnuma + 2, sizeof(unsigned));
	bool *used = calloc(topo->npus, sizeof(bool));
	int rc = -1;

	if (!core_load || !pkg_load || !numa_load || !used) {
		swtlb_topo_fail(err, errlen, "out of memory");
		goto out;
	}
	if (order_alloc(o, topo->npus, err, errlen) < 0)
		goto out;
	for (unsigned int t = 0; t < topo->nallowed; t++) {
		int best = -1;
		unsigned int best_key[3] = {0, 0, 0};

		for (unsigned int i = 0; i < topo->npus; i++) {
			const struct swtlb_pu *pu = &topo->pus[i];
			unsigned int p = pkg_load[dom(pu->package)];
			unsigned int m = numa_load[dom(pu->numa)];
			unsigned int key[3];

			if (!pu->allowed || used[i])
				continue;
			key[0] = core_load[pu->core];
			key[1] = topo->numa_above_package ? m : p;
			key[2] = topo->numa_above_package ? p : m;
			/* Strictly smaller only: ties keep the lowest index. */
			if (best < 0 || key_less(key, best_key)) {
				best = (int)i;
				memcpy(best_key, key, sizeof(key));
			}
		}
		used[best] = true;
		core_load[topo->pus[best].core]++;
		pkg_load[dom(topo->pus[best].package)]++;
		numa_load[dom(topo->pus[best].numa)]++;
		o->idx[o->n++] = (unsigned int)best;
	}
	rc = 0;
out:
	free(core_load);
	free(pkg_load);
	free(numa_load);
	free(used);
	return rc;
}

static bool pu_allowed(const struct swtlb_pu *pu, int arg)
{
	(void)arg;
	return pu->allowed;
}

static bool pu_any(const struct swtlb_pu *pu, int arg)
{
	(void)pu;
	(void)arg;
	return true;
}

static bool pu_in_node(const struct swtlb_pu *pu, int numa)
{
	return pu->numa == numa;
}

/* The PUs whose own NUMA node (see topo_load.c) is the node: a CPU-less node
 * (CXL, HBM), which hwloc attaches above CPUs of other nodes, has none. */
static int order_node(const struct swtlb_topo *topo, const char *layout,
		      const char *num, struct order *o, char *err,
		      size_t errlen)
{
	int logical = swtlb_topo_numa_by_os(topo, num, err, errlen);
	hwloc_obj_t node;
	char cpus[256];

	if (logical < 0)
		return -1;
	if (order_alloc(o, topo->npus, err, errlen) < 0)
		return -1;
	for (unsigned int i = 0; i < topo->npus; i++)
		if (topo->pus[i].allowed && topo->pus[i].numa == logical)
			o->idx[o->n++] = i;
	if (o->n)
		return 0;
	free(o->idx);
	o->idx = NULL;
	node = hwloc_get_obj_by_type(topo->hw, HWLOC_OBJ_NUMANODE,
				     (unsigned int)logical);
	swtlb_topo_format_cpus(topo, pu_in_node, logical, cpus, sizeof(cpus));
	if (strcmp(cpus, "none") == 0)
		return swtlb_topo_fail(err, errlen,
				       "layout '%s': NUMA node %u has no CPUs "
				       "of its own (memory-only node)",
				       layout, node->os_index);
	return swtlb_topo_fail(err, errlen,
			       "layout '%s': no CPU of NUMA node %u (%s) is in "
			       "the allowed cpuset (cgroup/cpuset)",
			       layout, node->os_index, cpus);
}

static int order_cpus(const struct swtlb_topo *topo, const char *layout,
		      const char *list, struct order *o, char *err,
		      size_t errlen)
{
	unsigned int *ids, n;
	char cpus[256];

	if (swtlb_cpulist_parse(list, &ids, &n, err, errlen) < 0)
		return -1;
	if (order_alloc(o, n, err, errlen) < 0) {
		free(ids);
		return -1;
	}
	for (unsigned int k = 0; k < n; k++) {
		int i = swtlb_topo_find_os(topo, ids[k]);

		if (i < 0) {
			swtlb_topo_format_cpus(topo, pu_any, 0, cpus,
					       sizeof(cpus));
			swtlb_topo_fail(err, errlen,
					"layout '%s': cpu %u is not in "
					"topology '%s' (its CPUs: %s)",
					layout, ids[k], topo->spec, cpus);
			goto fail;
		}
		if (!topo->pus[i].allowed) {
			swtlb_topo_format_cpus(topo, pu_allowed, 0, cpus,
					       sizeof(cpus));
			swtlb_topo_fail(err, errlen,
					"layout '%s': cpu %u is outside the "
					"allowed cpuset (cgroup/cpuset; "
					"allowed: %s)",
					layout, ids[k], cpus);
			goto fail;
		}
		o->idx[o->n++] = (unsigned int)i;
	}
	free(ids);
	return 0;
fail:
	free(ids);
	free(o->idx);
	o->idx = NULL;
	return -1;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The order of a layout by name; o->idx is malloc'd on success. */
static int layout_order(const struct swtlb_topo *topo, const char *layout,
			struct order *o, char *err, size_t errlen)
{
	int rc;

	o->idx = NULL;
	o->n = 0;
	if (!layout || !*layout)
		return swtlb_topo_fail(
		    err, errlen, "missing layout (expected " LAYOUT_NAMES ")");
	if (strcmp(layout, "compact") == 0)
		rc = order_compact(topo, o, err, errlen);
	else if (strcmp(layout, "scatter") == 0)
		rc = order_scatter(topo, o, err, errlen);
	else if (strcmp(layout, "cores") == 0)
		rc = order_cores(topo, o, err, errlen);
	else if (has_prefix(layout, "node:"))
		rc = order_node(topo, layout, layout + 5, o, err, errlen);
	else if (has_prefix(layout, "cpus:"))
		rc = order_cpus(topo, layout, layout + 5, o, err, errlen);
	else
		return swtlb_topo_fail(
		    err, errlen,
		    "unknown layout '%s' (expected " LAYOUT_NAMES ")", layout);
	if (rc < 0) {
		free(o->idx);
		o->idx = NULL;
		return -1;
	}
	return 0;
}

int swtlb_layout_capacity(const struct swtlb_topo *topo, const char *layout,
			  unsigned int *capacity, char *err, size_t errlen)
{
	struct order o;

	if (layout_order(topo, layout, &o, err, errlen) < 0)
		return -1;
	*capacity = o.n;
	free(o.idx);
	return 0;
}

int swtlb_layout_plan(const struct swtlb_topo *topo, const char *layout,
		      unsigned int nthreads, bool oversubscribe,
		      struct swtlb_placement *out, char *err, size_t errlen)
{
	struct order o;

	if (nthreads == 0)
		return swtlb_topo_fail(err, errlen,
				       "thread count must be at least 1");
	if (layout_order(topo, layout, &o, err, errlen) < 0)
		return -1;
	if (o.n == 0 || (nthreads > o.n && !oversubscribe)) {
		swtlb_topo_fail(err, errlen,
				"%u threads but layout '%s' holds only %u "
				"on topology '%s' (oversubscription not "
				"allowed)",
				nthreads, layout, o.n, topo->spec);
		free(o.idx);
		return -1;
	}
	for (unsigned int t = 0; t < nthreads; t++) {
		const struct swtlb_pu *pu = &topo->pus[o.idx[t % o.n]];

		out[t].cpu = pu->os;
		out[t].core = pu->core;
		out[t].package =
		    pu->package < 0 ? 0 : (unsigned int)pu->package;
		out[t].numa = pu->numa < 0 ? 0 : (unsigned int)pu->numa;
	}
	free(o.idx);
	return 0;
}
