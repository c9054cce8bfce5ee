// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/topology/test_handoff.c: distance classes, the hand-off pairs of a
 * thread set, class weights, the set's mean and its text form, on XML
 * exports of real hosts (tests/data/topologies) and synthetic topologies.
 * No figure is measured here (tests/topology/test_handoff_host.c runs the
 * ping-pong and asserts no timing).
 */
#include "tests/topology/test_helpers.h"
#include "topology/handoff.h"

static struct swtlb_topo *load_data(const char *file)
{
	char spec[1024];

	snprintf(spec, sizeof(spec), "xml:%s/%s", SWTLB_TOPOLOGIES,
		 file);
	return load_ok(spec);
}

/* 4 packages x 2 cores x 2 threads, ONE NUMA node over all packages:
 * CPUs 0 and 1 share the node but not the package. */
static void test_classes_16em64t(void **state)
{
	struct swtlb_topo *t = load_data("16em64t-4s2c2t.xml");

	(void)state;
	assert_int_equal(swtlb_topo_distance(t, 0, 0), SWTLB_DIST_SAME_CPU);
	assert_int_equal(swtlb_topo_distance(t, 0, 8), SWTLB_DIST_SMT);
	assert_int_equal(swtlb_topo_distance(t, 8, 0), SWTLB_DIST_SMT);
	assert_int_equal(swtlb_topo_distance(t, 0, 4), SWTLB_DIST_CACHE);
	assert_int_equal(swtlb_topo_distance(t, 0, 1), SWTLB_DIST_REMOTE);
	assert_int_equal(swtlb_topo_distance(t, 0, 16), -1);
	swtlb_topo_free(t);
}

/* Every class below the package, from a synthetic host with dies and
 * NUMA nodes inside the package (SNC-like) and no caches. */
static void test_classes_synthetic(void **state)
{
	struct swtlb_topo *t =
	    load_ok("synthetic:pack:2 numa:2 die:2 core:2 pu:2");

	(void)state;
	assert_int_equal(swtlb_topo_distance(t, 0, 1), SWTLB_DIST_SMT);
	assert_int_equal(swtlb_topo_distance(t, 0, 2), SWTLB_DIST_DIE);
	assert_int_equal(swtlb_topo_distance(t, 0, 4), SWTLB_DIST_NODE);
	assert_int_equal(swtlb_topo_distance(t, 0, 8), SWTLB_DIST_PACKAGE);
	assert_int_equal(swtlb_topo_distance(t, 0, 16), SWTLB_DIST_REMOTE);
	assert_string_equal(swtlb_dist_name(SWTLB_DIST_REMOTE),
			    "cross-package");
	assert_string_equal(swtlb_dist_name(SWTLB_DIST_NODE), "node");
	swtlb_topo_free(t);
}

/* First CPU against the first CPU of each class, nearest first. */
static void test_pairs_24em64t(void **state)
{
	struct swtlb_topo *t = load_data("24em64t-2n6c2t-pci.xml");
	struct swtlb_handoff_pair p[SWTLB_DIST_N];
	/* thread order: a remote CPU first, then siblings, a dup of 0 */
	static const unsigned int cpus[] = {0, 1, 12, 0, 2, 3, 4, 13};
	uint64_t w[SWTLB_DIST_N], total = 0;

	(void)state;
	assert_int_equal(swtlb_handoff_pairs(t, cpus, 8, p), 3);
	assert_int_equal(p[0].dist, SWTLB_DIST_SMT);
	assert_int_equal(p[0].a, 0);
	assert_int_equal(p[0].b, 12);
	assert_int_equal(p[1].dist, SWTLB_DIST_CACHE);
	assert_int_equal(p[1].b, 2);
	assert_int_equal(p[2].dist, SWTLB_DIST_REMOTE);
	assert_int_equal(p[2].b, 1);
	assert_int_equal(swtlb_handoff_pairs(t, cpus, 1, p), 0);
	assert_int_equal(swtlb_handoff_pairs(t, cpus + 3, 1, p), 0);
	/* Weights: every ordered pair once, same-CPU pairs counted apart. */
	assert_int_equal(swtlb_handoff_class_weights(t, cpus, 8, w), 0);
	for (int d = 0; d < SWTLB_DIST_N; d++)
		total += w[d];
	assert_int_equal(total, 8 * 7);
	assert_int_equal(w[SWTLB_DIST_SAME_CPU], 2);
	/* smt: 0-12 twice (two 0s), 1-13 */
	assert_int_equal(w[SWTLB_DIST_SMT], 2 * 3);
	static const unsigned int absent[] = {0, 99};
	assert_int_equal(swtlb_handoff_pairs(t, absent, 2, p), -1);
	assert_int_equal(swtlb_handoff_class_weights(t, absent, 2, w), -1);
	swtlb_topo_free(t);
}

static void test_set_mean(void **state)
{
	uint64_t w[SWTLB_DIST_N] = {0};
	double ns[SWTLB_DIST_N] = {0}, mean = -1;
	bool known[SWTLB_DIST_N] = {false};

	(void)state;
	assert_false(swtlb_handoff_set_mean(w, ns, known, &mean));
	w[SWTLB_DIST_SAME_CPU] = 4; /* not a hand-off */
	assert_false(swtlb_handoff_set_mean(w, ns, known, &mean));
	w[SWTLB_DIST_SMT] = 2;
	w[SWTLB_DIST_REMOTE] = 6;
	ns[SWTLB_DIST_SMT] = 10;
	known[SWTLB_DIST_SMT] = true;
	/* A class with pairs but no figure: no mean, never a partial one. */
	assert_false(swtlb_handoff_set_mean(w, ns, known, &mean));
	ns[SWTLB_DIST_REMOTE] = 50;
	known[SWTLB_DIST_REMOTE] = true;
	known[SWTLB_DIST_CACHE] = true; /* measured, no pairs: ignored */
	ns[SWTLB_DIST_CACHE] = 1e9;
	assert_true(swtlb_handoff_set_mean(w, ns, known, &mean));
	assert_true(mean > 39.999 && mean < 40.001); /* (2x10 + 6x50) / 8 */
}

static void test_preflight_plan_only_and_format(void **state)
{
	struct swtlb_topo *t = load_data("32em64t-2n8c2t-pci-noio.xml");
	static const unsigned int cpus[] = {0, 16, 1, 8};
	struct swtlb_handoff_result r;
	char err[256], buf[256], tiny[8];

	(void)state;
	assert_int_equal(
	    swtlb_handoff_preflight(t, cpus, 4, 0, &r, err, sizeof(err)), 0);
	assert_int_equal(r.npairs, 3);
	assert_false(r.mean_known);
	swtlb_handoff_format(&r, false, buf, sizeof(buf));
	assert_string_equal(buf, "smt:0-16;cache:0-1;cross-package:0-8");
	/* Asked to measure on a topology that is not this host: unknown. */
	assert_int_equal(
	    swtlb_handoff_preflight(t, cpus, 4, 1000000, &r, err, sizeof(err)),
	    0);
	assert_false(r.mean_known);
	assert_non_null(strstr(r.why, "not this host"));
	swtlb_handoff_format(&r, true, buf, sizeof(buf));
	assert_string_equal(buf, "smt:0-16=?;cache:0-1=?;cross-package:0-8=?");
	r.known[SWTLB_DIST_CACHE] = true;
	r.ns[SWTLB_DIST_CACHE] = 41.25;
	swtlb_handoff_format(&r, true, buf, sizeof(buf));
	assert_string_equal(buf,
			    "smt:0-16=?;cache:0-1=41.2;cross-package:0-8=?");
	swtlb_handoff_format(&r, true, tiny, sizeof(tiny));
	assert_string_equal(tiny, ""); /* never a cut list */
	swtlb_topo_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_classes_16em64t),
	    cmocka_unit_test(test_classes_synthetic),
	    cmocka_unit_test(test_pairs_24em64t),
	    cmocka_unit_test(test_set_mean),
	    cmocka_unit_test(test_preflight_plan_only_and_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
