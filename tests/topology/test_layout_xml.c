// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/topology/test_layout_xml.c: the layouts on XML exports of real hosts
 * (tests/data/topologies, from hwloc's test suite) and on the cpuset fixture.
 */
#include "tests/topology/test_helpers.h"

static struct swtlb_topo *load_xml(const char *file)
{
	char spec[1024];

	snprintf(spec, sizeof(spec), "xml:%s/%s", SWTLB_TOPOLOGIES, file);
	return load_ok(spec);
}

static void expect_cpus(const struct swtlb_placement *p,
			const unsigned int *cpus, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		if (p[i].cpu != cpus[i])
			fail_msg("thread %u: cpu %u, expected %u", i, p[i].cpu,
				 cpus[i]);
}

/* 4 packages x 2 cores x 2 threads, one NUMA node, siblings i and i+8. */
static void test_16em64t(void **state)
{
	struct swtlb_topo *t = load_xml("16em64t-4s2c2t.xml");
	struct swtlb_placement *c = plan_ok(t, "compact", 4);
	struct swtlb_placement *s = plan_ok(t, "scatter", 16);
	struct swtlb_placement *k = plan_ok(t, "cores", 8);
	static const unsigned int compact[4] = {0, 8, 4, 12};
	static const unsigned int scatter[8] = {0, 1, 2, 3, 4, 5, 6, 7};
	static const unsigned int cores[8] = {0, 4, 1, 5, 2, 6, 3, 7};

	(void)state;
	assert_int_equal(swtlb_topo_npus(t), 16);
	expect_cpus(c, compact, 4);
	expect_cpus(s, scatter, 8);
	expect_cpus(k, cores, 8);
	assert_int_equal(DISTINCT(s, 4, package), 4);
	assert_int_equal(DISTINCT(s, 8, core), 8);
	assert_int_equal(DISTINCT(s, 16, cpu), 16);
	for (unsigned int i = 8; i < 16; i++)
		assert_true(s[i].cpu >= 8); /* the second PUs, last */
	free(c);
	free(s);
	free(k);
	swtlb_topo_free(t);
}

/* 2 packages/NUMA nodes x 6 cores x 2 threads, package 0 has even CPUs. */
static void test_24em64t(void **state)
{
	struct swtlb_topo *t = load_xml("24em64t-2n6c2t-pci.xml");
	struct swtlb_placement *c = plan_ok(t, "compact", 2);
	struct swtlb_placement *s = plan_ok(t, "scatter", 4);
	struct swtlb_placement *n = plan_ok(t, "node:1", 12);
	static const unsigned int compact[2] = {0, 12};
	static const unsigned int scatter[4] = {0, 1, 2, 3};

	(void)state;
	expect_cpus(c, compact, 2);
	expect_cpus(s, scatter, 4);
	assert_int_equal(DISTINCT(s, 2, numa), 2);
	for (unsigned int i = 0; i < 12; i++) {
		assert_int_equal(n[i].cpu % 2, 1);
		assert_int_equal(n[i].numa, 1);
		assert_int_equal(n[i].package, 1);
	}
	free(c);
	free(s);
	free(n);
	swtlb_topo_free(t);
}

/* 2 packages/NUMA nodes x 8 cores x 2 threads, siblings i and i+16. */
static void test_32em64t(void **state)
{
	struct swtlb_topo *t = load_xml("32em64t-2n8c2t-pci-noio.xml");
	struct swtlb_placement *c = plan_ok(t, "compact", 2);
	struct swtlb_placement *s = plan_ok(t, "scatter", 32);
	struct swtlb_placement *k = plan_ok(t, "cores", 16);
	static const unsigned int compact[2] = {0, 16};

	(void)state;
	expect_cpus(c, compact, 2);
	assert_int_equal(c[0].core, c[1].core);
	for (unsigned int i = 0; i < 16; i++) {
		assert_int_equal(k[i].cpu, i);
		assert_true(s[i].cpu < 16);
		assert_true(s[16 + i].cpu >= 16);
		assert_int_equal(s[i].package, i % 2);
	}
	assert_int_equal(DISTINCT(s, 32, cpu), 32);
	free(c);
	free(s);
	free(k);
	swtlb_topo_free(t);
}

/* 4 NUMA nodes (groups) of 4 packages x 6 cores, no SMT, strided numbering:
 * NUMA nodes contain packages, so scatter spreads over nodes first. */
static void test_96em64t(void **state)
{
	struct swtlb_topo *t = load_xml("96em64t-4n4d3ca2co-pci.xml");
	struct swtlb_placement *s = plan_ok(t, "scatter", 16);
	struct swtlb_placement *c = plan_ok(t, "compact", 3);
	struct swtlb_placement *n = plan_ok(t, "node:2", 24);
	static const unsigned int scatter[5] = {0, 24, 48, 72, 1};
	static const unsigned int compact[3] = {0, 4, 8};
	unsigned int cap;

	(void)state;
	assert_int_equal(swtlb_layout_capacity(t, "cores", &cap, NULL, 0), 0);
	assert_int_equal(cap, 96);
	expect_cpus(s, scatter, 5);
	expect_cpus(c, compact, 3);
	assert_int_equal(DISTINCT(s, 4, numa), 4);
	assert_int_equal(DISTINCT(s, 16, package), 16);
	for (unsigned int i = 0; i < 24; i++) {
		assert_int_equal(n[i].numa, 2);
		assert_true(n[i].cpu >= 48 && n[i].cpu < 72);
	}
	free(s);
	free(c);
	free(n);
	swtlb_topo_free(t);
}

/* Every layout on every export: a plan of the whole capacity uses each
 * allowed PU at most once, and compact is exactly the allowed PUs. */
static void test_all_permutations(void **state)
{
	static const char *const files[] = {
	    "16em64t-4s2c2t.xml", "24em64t-2n6c2t-pci.xml",
	    "32em64t-2n8c2t-pci-noio.xml", "96em64t-4n4d3ca2co-pci.xml"};
	static const char *const layouts[] = {"compact", "scatter", "cores",
					      "node:0"};

	(void)state;
	for (size_t f = 0; f < 4; f++) {
		struct swtlb_topo *t = load_xml(files[f]);

		for (size_t l = 0; l < 4; l++) {
			unsigned int cap;
			struct swtlb_placement *p;

			assert_int_equal(
			    swtlb_layout_capacity(t, layouts[l], &cap, NULL, 0),
			    0);
			p = plan_ok(t, layouts[l], cap);
			assert_int_equal(DISTINCT(p, cap, cpu), cap);
			if (l == 0)
				assert_int_equal(cap, swtlb_topo_npus(t));
			if (l == 2)
				assert_int_equal(DISTINCT(p, cap, core), cap);
			for (unsigned int i = 0; i < cap; i++)
				assert_true(p[i].cpu < swtlb_topo_max_cpu(t));
			free(p);
		}
		swtlb_topo_free(t);
	}
}

/* A cgroup cpuset allowing only package 0 (CPUs 0-3,8-11). */
static void test_cpuset_fixture(void **state)
{
	struct swtlb_topo *t = load_ok("xml:" FIXTURES "/cpuset-2p4c2t.xml");
	struct swtlb_placement *s = plan_ok(t, "scatter", 8);
	unsigned int cap;

	(void)state;
	assert_int_equal(swtlb_topo_npus(t), 8);
	assert_int_equal(swtlb_topo_max_cpu(t), 16);
	for (unsigned int i = 0; i < 8; i++)
		assert_true(s[i].cpu < 4 || (s[i].cpu >= 8 && s[i].cpu < 12));
	assert_int_equal(swtlb_layout_capacity(t, "cores", &cap, NULL, 0), 0);
	assert_int_equal(cap, 4);
	expect_plan_error(t, "cpus:4", 1, false,
			  "cpu 4 is outside the allowed cpuset");
	expect_plan_error(t, "cpus:4", 1, false, "allowed: 0-3,8-11");
	expect_plan_error(t, "node:1", 1, false, "allowed cpuset");
	expect_plan_error(t, "compact", 9, false, "holds only 8");
	free(s);
	swtlb_topo_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_16em64t),
	    cmocka_unit_test(test_24em64t),
	    cmocka_unit_test(test_32em64t),
	    cmocka_unit_test(test_96em64t),
	    cmocka_unit_test(test_all_permutations),
	    cmocka_unit_test(test_cpuset_fixture),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
