/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * topology/handoff.h: the cost of handing one cache line from one CPU of a
 * thread set to another (issue 12, item 3).
 *
 * Two CPUs are in one distance class, from nearest to farthest: `smt`
 * (siblings of one core); `cache` (cores sharing an L2 or L3: one die or
 * CCX); `die` (one hwloc Die, no shared cache); `node` (one package and one
 * NUMA node, nothing nearer shared); `package` (one package, two NUMA
 * nodes: SNC or NPS); `cross-package` (two packages, whatever the nodes). A
 * thread set is measured by the pairs that start at its first CPU: one pair per
 * class present in the set, the first CPU of that class in thread order as the
 * partner. That assumes the host is symmetric (every SMT pair costs what the
 * first one does), which is what core-to-core-latency's full matrix shows on
 * common hosts; a pair per class keeps the pre-flight to a handful of pairs at
 * 512 CPUs.
 *
 * The figure of a whole set is the mean, over every ordered pair of its
 * threads on distinct CPUs, of its class's hand-off: the expected cost of
 * one hand-off when the line goes to any other thread with equal chance.
 * Threads sharing one CPU (--oversubscribe) hand nothing over a bus and are
 * left out of that mean.
 */
#ifndef SWTLB_TOPOLOGY_HANDOFF_H
#define SWTLB_TOPOLOGY_HANDOFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "topology/topology.h"

enum swtlb_dist {
	SWTLB_DIST_SAME_CPU,
	SWTLB_DIST_SMT,
	SWTLB_DIST_CACHE,
	SWTLB_DIST_DIE,
	SWTLB_DIST_NODE,
	SWTLB_DIST_PACKAGE,
	SWTLB_DIST_REMOTE,
	SWTLB_DIST_N,
};

/* "same-cpu", "smt", "cache", "die", "node", "package", "cross-package". */
const char *swtlb_dist_name(enum swtlb_dist d);

/* The class of OS CPUs a and b in topo; -1 if either is not in it. */
int swtlb_topo_distance(const struct swtlb_topo *topo, unsigned int a,
			unsigned int b);

struct swtlb_handoff_pair {
	unsigned int a, b; /* OS CPU ids; a is the set's first CPU */
	enum swtlb_dist dist;
};

/*
 * The pairs to measure for the thread set cpus[0..n-1] (thread order):
 * cpus[0] against the first CPU of each class present, nearest class
 * first. Fills out[] (room for SWTLB_DIST_N) and returns how many; 0 for a
 * set of one CPU. -1 if a CPU is not in topo.
 */
int swtlb_handoff_pairs(const struct swtlb_topo *topo, const unsigned int *cpus,
			unsigned int n, struct swtlb_handoff_pair *out);

/*
 * How many ordered pairs (i, j), i != j, of the set fall in each class.
 * -1 if a CPU is not in topo.
 */
int swtlb_handoff_class_weights(const struct swtlb_topo *topo,
				const unsigned int *cpus, unsigned int n,
				uint64_t weights[SWTLB_DIST_N]);

/*
 * The set's mean hand-off in ns from per-class figures (ns[c] where
 * known[c]); the same-CPU class is left out. false when no pair of
 * distinct CPUs exists or a class that has pairs was not measured.
 */
bool swtlb_handoff_set_mean(const uint64_t weights[SWTLB_DIST_N],
			    const double ns[SWTLB_DIST_N],
			    const bool known[SWTLB_DIST_N], double *mean_ns);

/*
 * The ping-pong of core-to-core-latency: two threads pinned to CPUs a and
 * b (affinity set before they run) pass one cache line back and forth;
 * each sample times `SWTLB_HANDOFF_TRIPS` round trips. Samples are taken
 * until `budget_ns` has passed (at least 3) or `max_samples`; *one_way_ns
 * is the median sample's round trip / 2. A pair still short of 3 samples
 * after 10 budgets (at least 1 s) is given up. 0, or -1 with a reason (a
 * CPU that cannot be bound, too few samples in that time).
 */
#define SWTLB_HANDOFF_TRIPS 100U
int swtlb_handoff_measure(unsigned int a, unsigned int b, int64_t budget_ns,
			  unsigned int max_samples, double *one_way_ns,
			  unsigned int *nsamples, char *err, size_t errlen);

/* The pre-flight of one thread set: its pairs, their figures, the mean. */
struct swtlb_handoff_result {
	int npairs;
	struct swtlb_handoff_pair pairs[SWTLB_DIST_N];
	double ns[SWTLB_DIST_N]; /* one-way, by class */
	bool known[SWTLB_DIST_N];
	unsigned int samples[SWTLB_DIST_N];
	uint64_t weights[SWTLB_DIST_N];
	bool mean_known;
	double mean_ns;
	char why[256]; /* why a figure is missing, "" when none is */
};

/*
 * Chooses the pairs of cpus[0..n-1] and, when budget_ns > 0, measures each
 * (the host topology only), each within budget_ns (so the pre-flight of a
 * set takes about SWTLB_DIST_N - 1 budgets at most on a quiet host). 0, or
 * -1 with a reason
 * when a CPU is not in topo. A pair that cannot be measured leaves its
 * class unknown, the mean unknown, and says why in r->why.
 */
int swtlb_handoff_preflight(const struct swtlb_topo *topo,
			    const unsigned int *cpus, unsigned int n,
			    int64_t budget_ns, struct swtlb_handoff_result *r,
			    char *err, size_t errlen);

/* "smt:0-16=35.2;cache:0-1=40.1" (ns one way; "=?" when not measured,
 * nothing after the pair when no measurement was asked for). */
void swtlb_handoff_format(const struct swtlb_handoff_result *r, bool measured,
			  char *buf, size_t len);

#endif /* SWTLB_TOPOLOGY_HANDOFF_H */
