// SPDX-License-Identifier: GPL-2.0-only
/*
 * topology/bind.c: pin the calling thread to one PU and prove it.
 *
 * hwloc thread binding (sched_setaffinity of this thread only), then
 * sched_getcpu(): the kernel migrates a thread off a CPU outside its new mask
 * before the affinity call returns, so the two must agree at once.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>

#include "topology/topo_internal.h"
#include "topology/topology.h"

static bool pu_allowed(const struct swtlb_pu *pu, int arg)
{
	(void)arg;
	return pu->allowed;
}

static const char *source_name(enum swtlb_topo_source s)
{
	return s == SWTLB_TOPO_SYNTHETIC ? "synthetic" : "an XML export";
}

int swtlb_bind_self(const struct swtlb_topo *topo, unsigned int cpu, char *err,
		    size_t errlen)
{
	char cpus[256];
	hwloc_bitmap_t set;
	int i, rc, now;

	if (topo->source != SWTLB_TOPO_HOST)
		return swtlb_topo_fail(err, errlen,
				       "cannot bind to cpu %u: topology '%s' "
				       "is %s, good for planning only (use the "
				       "host topology to run)",
				       cpu, topo->spec,
				       source_name(topo->source));
	if (!hwloc_topology_is_thissystem(topo->hw))
		return swtlb_topo_fail(err, errlen,
				       "cannot bind to cpu %u: hwloc did not "
				       "load this system's topology (is "
				       "HWLOC_XMLFILE or HWLOC_SYNTHETIC set?)",
				       cpu);
	i = swtlb_topo_find_os(topo, cpu);
	swtlb_topo_format_cpus(topo, pu_allowed, 0, cpus, sizeof(cpus));
	if (i < 0)
		return swtlb_topo_fail(err, errlen,
				       "cannot bind to cpu %u: no such CPU on "
				       "this host (online and allowed: %s)",
				       cpu, cpus);
	if (!topo->pus[i].allowed)
		return swtlb_topo_fail(err, errlen,
				       "cannot bind to cpu %u: outside the "
				       "allowed cpuset (cgroup/cpuset; "
				       "allowed: %s)",
				       cpu, cpus);
	set = hwloc_bitmap_alloc();
	if (!set)
		return swtlb_topo_fail(err, errlen, "out of memory");
	hwloc_bitmap_only(set, cpu);
	rc = hwloc_set_cpubind(topo->hw, set, HWLOC_CPUBIND_THREAD);
	hwloc_bitmap_free(set);
	if (rc < 0)
		return swtlb_topo_fail(err, errlen,
				       "binding this thread to cpu %u failed: "
				       "%s",
				       cpu, strerror(errno));
	now = sched_getcpu();
	if (now < 0)
		return swtlb_topo_fail(err, errlen,
				       "bound to cpu %u but sched_getcpu() "
				       "failed: %s",
				       cpu, strerror(errno));
	if ((unsigned int)now != cpu)
		return swtlb_topo_fail(err, errlen,
				       "bound to cpu %u but running on cpu %d",
				       cpu, now);
	return 0;
}
