// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/topology/test_layout_synthetic.c: the layouts on synthetic hwloc
 * topologies (the examples of issue 3 and the invariants of each layout).
 */
#include "tests/topology/test_helpers.h"

static void test_counts(void **state)
{
	struct swtlb_topo *t = load_ok(SYN_2S);
	unsigned int cap;

	(void)state;
	assert_false(swtlb_topo_is_host(t));
	assert_int_equal(swtlb_topo_npus(t), 64);
	assert_int_equal(swtlb_topo_max_cpu(t), 64);
	assert_int_equal(swtlb_layout_capacity(t, "compact", &cap, NULL, 0), 0);
	assert_int_equal(cap, 64);
	assert_int_equal(swtlb_layout_capacity(t, "scatter", &cap, NULL, 0), 0);
	assert_int_equal(cap, 64);
	assert_int_equal(swtlb_layout_capacity(t, "cores", &cap, NULL, 0), 0);
	assert_int_equal(cap, 32);
	assert_int_equal(swtlb_layout_capacity(t, "node:2", &cap, NULL, 0), 0);
	assert_int_equal(cap, 16);
	assert_int_equal(
	    swtlb_layout_capacity(t, "cpus:0-3,8,10-11", &cap, NULL, 0), 0);
	assert_int_equal(cap, 7);
	swtlb_topo_free(t);
}

/* compact 4 = the 2 SMT pairs of the first 2 cores of package 0. */
static void test_compact4(void **state)
{
	struct swtlb_topo *t = load_ok(SYN_2S);
	struct swtlb_placement *p = plan_ok(t, "compact", 4);

	(void)state;
	assert_int_equal(DISTINCT(p, 4, core), 2);
	assert_int_equal(DISTINCT(p, 4, package), 1);
	assert_int_equal(p[0].core, p[1].core);
	assert_int_equal(p[2].core, p[3].core);
	for (unsigned int i = 0; i < 4; i++) {
		assert_int_equal(p[i].cpu, i);
		assert_int_equal(p[i].package, 0);
		assert_int_equal(p[i].numa, 0);
	}
	free(p);
	swtlb_topo_free(t);
}

/* scatter 4 covers both packages and all four NUMA nodes, no SMT pair. */
static void test_scatter4(void **state)
{
	struct swtlb_topo *t = load_ok(SYN_2S);
	struct swtlb_placement *p = plan_ok(t, "scatter", 4);
	static const unsigned int cpus[4] = {0, 32, 16, 48};

	(void)state;
	assert_int_equal(DISTINCT(p, 4, package), 2);
	assert_int_equal(DISTINCT(p, 4, numa), 4);
	assert_int_equal(DISTINCT(p, 4, core), 4);
	/* Round-robin: packages alternate. */
	for (unsigned int i = 0; i < 4; i++) {
		assert_int_equal(p[i].package, i % 2);
		assert_int_equal(p[i].cpu, cpus[i]);
	}
	free(p);
	swtlb_topo_free(t);
}

/* scatter: no core gets a second thread before every core has one, and the
 * whole order is a permutation of the PUs. */
static void test_scatter_smt_last(void **state)
{
	struct swtlb_topo *t = load_ok(SYN_2S);
	struct swtlb_placement *p = plan_ok(t, "scatter", 64);
	int per_pkg[2] = {0, 0};

	(void)state;
	assert_int_equal(DISTINCT(p, 32, core), 32);
	assert_int_equal(DISTINCT(p, 64, cpu), 64);
	assert_int_equal(DISTINCT(p + 32, 32, core), 32);
	/* Balanced at every prefix: packages differ by at most one. */
	for (unsigned int i = 0; i < 64; i++) {
		per_pkg[p[i].package]++;
		assert_true(abs(per_pkg[0] - per_pkg[1]) <= 1);
	}
	free(p);
	swtlb_topo_free(t);
}

/* cores 16: 16 distinct cores, never two siblings, compact order. */
static void test_cores16(void **state)
{
	struct swtlb_topo *t = load_ok(SYN_2S);
	struct swtlb_placement *p = plan_ok(t, "cores", 16);

	(void)state;
	assert_int_equal(DISTINCT(p, 16, core), 16);
	assert_int_equal(DISTINCT(p, 16, cpu), 16);
	for (unsigned int i = 0; i < 16; i++) {
		assert_int_equal(p[i].cpu, 2 * i); /* the first PU of core i */
		assert_int_equal(p[i].core, i);
		assert_int_equal(p[i].package, 0);
	}
	free(p);
	swtlb_topo_free(t);
}

/* node:3 stays on node 3 (OS CPUs 48-63), compact inside it. */
static void test_node3(void **state)
{
	struct swtlb_topo *t = load_ok(SYN_2S);
	struct swtlb_placement *p = plan_ok(t, "node:3", 16);

	(void)state;
	for (unsigned int i = 0; i < 16; i++) {
		assert_int_equal(p[i].numa, 3);
		assert_int_equal(p[i].package, 1);
		assert_int_equal(p[i].cpu, 48 + i);
	}
	expect_plan_error(t, "node:3", 17, false, "holds only 16");
	free(p);
	swtlb_topo_free(t);
}

/* cpus:LIST keeps the order written and reports the right places. */
static void test_cpus_list(void **state)
{
	struct swtlb_topo *t = load_ok(SYN_2S);
	struct swtlb_placement *p = plan_ok(t, "cpus:63,0-2,40", 5);
	static const unsigned int cpus[5] = {63, 0, 1, 2, 40};

	(void)state;
	for (unsigned int i = 0; i < 5; i++)
		assert_int_equal(p[i].cpu, cpus[i]);
	assert_int_equal(p[0].core, 31);
	assert_int_equal(p[0].numa, 3);
	assert_int_equal(p[1].core, p[2].core); /* 0 and 1 are siblings */
	assert_int_equal(p[4].numa, 2);
	free(p);
	swtlb_topo_free(t);
}

/* With oversubscription the plan wraps around to its start. */
static void test_oversubscribe(void **state)
{
	struct swtlb_topo *t = load_ok(SYN_2S);
	struct swtlb_placement p[40];
	char err[256];

	(void)state;
	expect_plan_error(t, "cores", 33, false, "holds only 32");
	assert_int_equal(
	    swtlb_layout_plan(t, "cores", 40, true, p, err, sizeof(err)), 0);
	for (unsigned int i = 32; i < 40; i++)
		assert_int_equal(p[i].cpu, p[i - 32].cpu);
	assert_int_equal(
	    swtlb_layout_plan(t, "cpus:5", 3, true, p, err, sizeof(err)), 0);
	assert_int_equal(p[2].cpu, 5);
	swtlb_topo_free(t);
}

/* Siblings N/2 apart: the plans carry the OS ids, not the logical ones. */
static void test_half_apart_os_ids(void **state)
{
	struct swtlb_topo *t = load_ok(SYN_2S_HALF);
	struct swtlb_placement *c = plan_ok(t, "compact", 4);
	struct swtlb_placement *s = plan_ok(t, "scatter", 4);
	struct swtlb_placement *k = plan_ok(t, "cores", 32);
	struct swtlb_placement *n = plan_ok(t, "node:3", 16);
	struct swtlb_placement *x = plan_ok(t, "cpus:32", 1);
	static const unsigned int compact[4] = {0, 32, 1, 33};
	static const unsigned int scatter[4] = {0, 16, 8, 24};

	(void)state;
	assert_int_equal(swtlb_topo_max_cpu(t), 64);
	for (unsigned int i = 0; i < 4; i++) {
		assert_int_equal(c[i].cpu, compact[i]);
		assert_int_equal(s[i].cpu, scatter[i]);
	}
	assert_int_equal(c[0].core, c[1].core);
	for (unsigned int i = 0; i < 32; i++) {
		assert_int_equal(k[i].cpu, i); /* first PUs: 0..31 */
		assert_int_equal(k[i].core, i);
	}
	for (unsigned int i = 0; i < 16; i++) {
		unsigned int cpu = n[i].cpu;

		assert_int_equal(n[i].numa, 3);
		assert_true((cpu >= 24 && cpu <= 31) ||
			    (cpu >= 56 && cpu <= 63));
	}
	assert_int_equal(n[0].cpu, 24);
	assert_int_equal(n[1].cpu, 56);
	assert_int_equal(x[0].core, 0); /* cpu 32 is cpu 0's sibling */
	assert_int_equal(x[0].numa, 0);
	free(c);
	free(s);
	free(k);
	free(n);
	free(x);
	swtlb_topo_free(t);
}

/* Single package without SMT: every layout is the plain CPU order. */
static void test_single_package_no_smt(void **state)
{
	struct swtlb_topo *t = load_ok(SYN_1P);
	static const char *const layouts[] = {"compact", "scatter", "cores",
					      "node:0"};
	unsigned int cap;

	(void)state;
	assert_int_equal(swtlb_topo_npus(t), 6);
	for (size_t l = 0; l < 4; l++) {
		struct swtlb_placement *p = plan_ok(t, layouts[l], 6);

		assert_int_equal(
		    swtlb_layout_capacity(t, layouts[l], &cap, NULL, 0), 0);
		assert_int_equal(cap, 6);
		for (unsigned int i = 0; i < 6; i++) {
			assert_int_equal(p[i].cpu, i);
			assert_int_equal(p[i].core, i);
			assert_int_equal(p[i].package, 0);
			assert_int_equal(p[i].numa, 0);
		}
		free(p);
	}
	swtlb_topo_free(t);
}

/* node:N takes the OS node number, which need not be the logical one. */
static void test_node_os_index(void **state)
{
	struct swtlb_topo *t =
	    load_ok("synthetic:pack:2 numa:2(indexes=3,1,2,0) core:2 pu:1");
	struct swtlb_placement *p = plan_ok(t, "node:3", 2);
	struct swtlb_placement *q = plan_ok(t, "node:0", 2);

	(void)state;
	assert_int_equal(p[0].cpu, 0); /* OS node 3 is logical node 0 */
	assert_int_equal(p[1].cpu, 1);
	assert_int_equal(p[0].numa, 0);
	assert_int_equal(q[0].cpu, 6);
	assert_int_equal(q[0].numa, 3);
	free(p);
	free(q);
	swtlb_topo_free(t);
}

/* No Package and no Core objects: PUs are cores, package reported 0. */
static void test_no_package_no_core(void **state)
{
	struct swtlb_topo *t = load_ok("synthetic:numa:2 pu:3");
	struct swtlb_placement *s = plan_ok(t, "scatter", 6);
	unsigned int cap;

	(void)state;
	assert_int_equal(swtlb_layout_capacity(t, "cores", &cap, NULL, 0), 0);
	assert_int_equal(cap, 6);
	/* Spread over the two NUMA nodes even without packages. */
	assert_int_equal(s[0].numa, 0);
	assert_int_equal(s[1].numa, 1);
	assert_int_equal(s[0].cpu, 0);
	assert_int_equal(s[1].cpu, 3);
	assert_int_equal(DISTINCT(s, 6, core), 6);
	for (unsigned int i = 0; i < 6; i++)
		assert_int_equal(s[i].package, 0);
	free(s);
	swtlb_topo_free(t);
}

/* A 2-socket 256-CPU host with SMT (siblings i, i+128), 4 NUMA nodes. */
static void test_256_cpus(void **state)
{
	struct swtlb_topo *t =
	    load_ok("synthetic:pack:2 numa:2 core:32 pu:2(indexes=2*128:1*2)");
	struct swtlb_placement *s = plan_ok(t, "scatter", 256);
	struct swtlb_placement *k = plan_ok(t, "cores", 128);

	(void)state;
	assert_int_equal(swtlb_topo_max_cpu(t), 256);
	assert_int_equal(DISTINCT(s, 4, numa), 4);
	assert_int_equal(DISTINCT(s, 128, core), 128);
	for (unsigned int i = 0; i < 128; i++) {
		assert_true(s[i].cpu < 128); /* first PU of every core */
		assert_true(s[128 + i].cpu >= 128);
		assert_int_equal(k[i].cpu, i);
	}
	assert_int_equal(DISTINCT(s, 256, cpu), 256);
	free(s);
	free(k);
	swtlb_topo_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_counts),
	    cmocka_unit_test(test_compact4),
	    cmocka_unit_test(test_scatter4),
	    cmocka_unit_test(test_scatter_smt_last),
	    cmocka_unit_test(test_cores16),
	    cmocka_unit_test(test_node3),
	    cmocka_unit_test(test_cpus_list),
	    cmocka_unit_test(test_oversubscribe),
	    cmocka_unit_test(test_half_apart_os_ids),
	    cmocka_unit_test(test_single_package_no_smt),
	    cmocka_unit_test(test_node_os_index),
	    cmocka_unit_test(test_no_package_no_core),
	    cmocka_unit_test(test_256_cpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
