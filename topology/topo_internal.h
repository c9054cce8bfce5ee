/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * topology/topo_internal.h: the loaded topology as flat tables, shared by
 * the files of topology/ (never included from outside it).
 *
 * Loading walks hwloc once and records, for every PU in hwloc logical order
 * (depth-first: SMT siblings adjacent, then cores under one cache, then the
 * package), its OS index and the logical indexes of its core, package and
 * NUMA node. Layouts are then plain functions of these tables.
 */
#ifndef SWTLB_TOPOLOGY_TOPO_INTERNAL_H
#define SWTLB_TOPOLOGY_TOPO_INTERNAL_H

#include <hwloc.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

enum swtlb_topo_source {
	SWTLB_TOPO_HOST,
	SWTLB_TOPO_SYNTHETIC,
	SWTLB_TOPO_XML,
};

struct swtlb_pu {
	unsigned int os;      /* OS index (raw_smp_processor_id()) */
	unsigned int logical; /* PU logical index */
	unsigned int core;    /* core index; a core-less PU is its own core */
	unsigned int smt;     /* rank among the PUs of its core, from 0 */
	int package;	      /* package logical index, -1 if none */
	int numa;	      /* NUMA node logical index, -1 if none */
	bool allowed;	      /* inside the allowed cpuset (cgroup/cpuset) */
};

struct swtlb_topo {
	hwloc_topology_t hw;
	enum swtlb_topo_source source;
	char *spec; /* as given, "host" for NULL/"" */
	struct swtlb_pu *pus;
	unsigned int npus; /* every PU, allowed or not */
	unsigned int nallowed;
	unsigned int ncores; /* core indexes are 0..ncores-1 */
	unsigned int npackages;
	unsigned int nnuma;
	unsigned int max_cpu;	       /* largest OS index + 1 */
	unsigned int smt_min, smt_max; /* PUs per core over all cores */
	/* Scatter spreads over NUMA nodes before packages when NUMA nodes
	 * contain packages (e.g. one node spanning several packages). */
	bool numa_above_package;
};

/* snprintf into err (if any); always returns -1 for "return fail(...)". */
int swtlb_topo_fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Index in topo->pus of the PU with OS index os, or -1. */
int swtlb_topo_find_os(const struct swtlb_topo *topo, unsigned int os);

/* Comma-separated ranges ("0-3,8") of the OS ids of the PUs for which
 * want(pu) holds, into buf. */
void swtlb_topo_format_cpus(const struct swtlb_topo *topo,
			    bool (*want)(const struct swtlb_pu *pu, int arg),
			    int arg, char *buf, size_t len);

/*
 * The NUMA node named by text, a decimal OS node number ("3" of "node:3"),
 * as its logical index; -1 with a reason listing the nodes that exist.
 */
int swtlb_topo_numa_by_os(const struct swtlb_topo *topo, const char *text,
			  char *err, size_t errlen);

#endif /* SWTLB_TOPOLOGY_TOPO_INTERNAL_H */
