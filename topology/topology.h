/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * topology/topology.h: where threads run and where pool memory lives.
 *
 * Layouts are pure functions of an hwloc topology, so they can be planned on
 * synthetic and XML topologies of hosts we do not have; only binding and
 * memory placement touch the real machine.
 */
#ifndef SWTLB_TOPOLOGY_TOPOLOGY_H
#define SWTLB_TOPOLOGY_TOPOLOGY_H

#include <stdbool.h>
#include <stddef.h>

struct swtlb_topo;

/* One planned thread. */
struct swtlb_placement {
	unsigned int cpu;     /* OS index of the PU: raw_smp_processor_id() */
	unsigned int core;    /* logical index of its core */
	unsigned int package; /* logical index of its package (0 if none) */
	unsigned int numa;    /* logical index of its NUMA node (0 if none) */
};

/* spec: NULL or "" or "host" (this machine), "synthetic:<desc>", "xml:<file>".
 * NULL with a one-line reason in err on failure. */
struct swtlb_topo *swtlb_topo_load(const char *spec, char *err, size_t errlen);
void swtlb_topo_free(struct swtlb_topo *topo);
bool swtlb_topo_is_host(const struct swtlb_topo *topo); /* can bind */
unsigned int swtlb_topo_npus(const struct swtlb_topo *topo);
/* Largest OS CPU index + 1 (what per-CPU arrays must cover). */
unsigned int swtlb_topo_max_cpu(const struct swtlb_topo *topo);

/*
 * Plan `nthreads` threads with layout `layout` ("compact", "scatter",
 * "cores", "node:N", "cpus:LIST"). Fills out[0..nthreads-1]. 0, or -1 with a
 * one-line reason naming the problem.
 */
int swtlb_layout_plan(const struct swtlb_topo *topo, const char *layout,
		      unsigned int nthreads, bool oversubscribe,
		      struct swtlb_placement *out, char *err, size_t errlen);
/* How many threads the layout can place without oversubscribing. */
int swtlb_layout_capacity(const struct swtlb_topo *topo, const char *layout,
			  unsigned int *capacity, char *err, size_t errlen);

/* Bind the calling thread to OS CPU `cpu` and verify with sched_getcpu().
 * Refused (-1, reason) on a synthetic or XML topology. */
int swtlb_bind_self(const struct swtlb_topo *topo, unsigned int cpu, char *err,
		    size_t errlen);

/* Pool memory placement: "local", "node:N", "interleave". */
struct swtlb_mem_policy;
struct swtlb_mem_policy *swtlb_mem_policy_parse(const struct swtlb_topo *topo,
						const char *spec, char *err,
						size_t errlen);
void swtlb_mem_policy_free(struct swtlb_mem_policy *policy);
/* Same signature as swtlb_config.alloc_bounce / free_bounce. */
void *swtlb_mem_alloc(size_t bytes, void *policy);
void swtlb_mem_free(void *mem, size_t bytes, void *policy);
/* Take hugetlb pages of page_kb kB from now on (0: base pages); the
 * placement is set with mbind() before the pages are touched. */
void swtlb_mem_policy_set_huge(struct swtlb_mem_policy *policy,
			       unsigned long page_kb);
/* A one-line note, e.g. "interleave over 4 nodes" or "no NUMA: plain". */
const char *swtlb_mem_policy_describe(const struct swtlb_mem_policy *policy);

/* Additions beyond the contract above. */

/* The spec the topology was loaded from ("host" for NULL or ""). */
const char *swtlb_topo_spec(const struct swtlb_topo *topo);
/* One line, e.g. "host: 1 package, 1 NUMA node, 2 cores, 2 PUs (2 allowed),
 * 1 threads per core"; snprintf's return value. */
int swtlb_topo_describe(const struct swtlb_topo *topo, char *buf, size_t len);
/*
 * Where the pages of [mem, mem + bytes) are (move_pages query, nothing is
 * moved): counts[n] = pages on NUMA node n (OS index) for n < ncounts;
 * *absent = pages not faulted in (or on a node >= ncounts). 0, or -1 when
 * the kernel cannot say (no NUMA support).
 */
int swtlb_mem_pages_by_node(const void *mem, size_t bytes, unsigned int *counts,
			    unsigned int ncounts, unsigned int *absent);

/*
 * For the coherence model (swtlb-sim --model): every allowed PU with its
 * core, last-level cache group (L3, else die, else package), package and
 * NUMA node, sorted by OS index, so that virtual CPU i is the PU with the
 * i-th smallest OS index (the kernel's raw_smp_processor_id() numbering).
 * *out is malloc'ed. 0, or -1 with a reason. Five classes (the model's),
 * from nearest to farthest: topology/handoff.h's die and node (one NUMA
 * node) are SWTLB_MODEL_DIST_PACKAGE here, its package (one package, two
 * NUMA nodes: SNC, NPS) is SWTLB_MODEL_DIST_NODE; on a host with one node
 * per package (or no NUMA) no pair is NODE.
 */
struct swtlb_pu_place {
	unsigned int os, core;
	int group, package;
	int node; /* NUMA node logical index, -1 if none */
};
enum swtlb_model_dist {
	SWTLB_MODEL_DIST_SMT,	  /* SMT siblings: one core */
	SWTLB_MODEL_DIST_CACHE,	  /* one L3 / die */
	SWTLB_MODEL_DIST_PACKAGE, /* one package and node, another cache */
	SWTLB_MODEL_DIST_NODE,	  /* one package, another NUMA node */
	SWTLB_MODEL_DIST_REMOTE,  /* another package */
	SWTLB_MODEL_DIST_NCLASSES
};
int swtlb_topo_pu_places(const struct swtlb_topo *topo,
			 struct swtlb_pu_place **out, unsigned int *n,
			 char *err, size_t errlen);
enum swtlb_model_dist swtlb_pu_distance(const struct swtlb_pu_place *a,
					const struct swtlb_pu_place *b);

#endif /* SWTLB_TOPOLOGY_TOPOLOGY_H */
