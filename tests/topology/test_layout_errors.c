// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/topology/test_layout_errors.c: every error of issue 3 item 3 gives
 * -1 and one line naming the problem; binding is refused off the host.
 */
#include "tests/topology/test_helpers.h"

static void expect_load_error(const char *spec, const char *needle)
{
	char err[512] = "";

	assert_null(swtlb_topo_load(spec, err, sizeof(err)));
	if (!strstr(err, needle))
		fail_msg("load '%s': error '%s' lacks '%s'", spec, err, needle);
	assert_null(strchr(err, '\n'));
}

static void test_load_errors(void **state)
{
	(void)state;
	expect_load_error("xml:/nonexistent/host.xml",
			  "cannot read XML topology '/nonexistent/host.xml'");
	expect_load_error("xml:" FIXTURES "/not-a-topology.xml",
			  "not a valid hwloc XML export");
	expect_load_error("xml:" FIXTURES, "is a directory");
	expect_load_error("xml:", "empty XML topology file name");
	expect_load_error("synthetic:", "empty synthetic topology");
	expect_load_error("synthetic:pack:x core:2",
			  "invalid synthetic topology description");
	expect_load_error("mars", "unknown topology 'mars'");
}

static void test_layout_errors(void **state)
{
	struct swtlb_topo *t = load_ok(SYN_2S);
	unsigned int cap = 12345;
	char err[256] = "";

	(void)state;
	expect_plan_error(t, "zigzag", 1, false, "unknown layout 'zigzag'");
	expect_plan_error(t, "", 1, false, "missing layout");
	expect_plan_error(t, "compact", 65, false, "holds only 64");
	expect_plan_error(t, "compact", 0, false, "at least 1");
	/* Bad CPU lists. */
	expect_plan_error(t, "cpus:", 1, false, "empty CPU list");
	expect_plan_error(t, "cpus:0-3,x", 1, false, "'x' is not a CPU id");
	expect_plan_error(t, "cpus:3-1", 1, false, "'3-1' is descending");
	expect_plan_error(t, "cpus:0,,1", 1, false, "empty item");
	expect_plan_error(t, "cpus:1,", 1, false, "empty item");
	expect_plan_error(t, "cpus:0-3,2", 1, false, "cpu 2 is listed twice");
	expect_plan_error(t, "cpus:-1", 1, false, "'-1' is not a CPU id");
	expect_plan_error(t, "cpus:0-", 1, false, "'0-' is not a CPU id");
	expect_plan_error(t, "cpus:99999", 1, false, "ids up to 65535");
	expect_plan_error(t, "cpus:0 1", 1, false, "'0 1' is not a CPU id");
	/* CPU ids absent from the topology, named. */
	expect_plan_error(t, "cpus:0,64", 1, false, "cpu 64 is not in");
	expect_plan_error(t, "cpus:0,64", 1, false, "its CPUs: 0-63");
	/* NUMA nodes that do not exist, named with those that do. */
	expect_plan_error(t, "node:4", 1, false, "NUMA node 4 does not exist");
	expect_plan_error(t, "node:4", 1, false, "nodes by OS index: 0-3");
	expect_plan_error(t, "node:", 1, false, "missing NUMA node number");
	expect_plan_error(t, "node:1x", 1, false, "bad NUMA node '1x'");
	/* Capacity reports the same errors and leaves the output alone. */
	assert_int_equal(
	    swtlb_layout_capacity(t, "cpus:70", &cap, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "cpu 70 is not in"));
	assert_int_equal(cap, 12345);
	swtlb_topo_free(t);
}

/* A memory-only NUMA node (no CPUs) cannot hold threads. */
static void test_memory_only_node(void **state)
{
	struct swtlb_topo *t = load_ok("xml:" FIXTURES "/memnode-1p2c.xml");

	(void)state;
	expect_plan_error(
	    t, "node:1", 1, false,
	    "NUMA node 1 has no CPUs of its own (memory-only node)");
	swtlb_topo_free(t);
}

static void test_bind_refused_off_host(void **state)
{
	static const char *const specs[] = {SYN_2S, "xml:" SWTLB_TOPOLOGIES
						    "/16em64t-4s2c2t.xml"};
	static const char *const needles[] = {"is synthetic",
					      "is an XML export"};

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct swtlb_topo *t = load_ok(specs[i]);
		char err[512] = "";

		assert_false(swtlb_topo_is_host(t));
		assert_int_equal(swtlb_bind_self(t, 0, err, sizeof(err)), -1);
		assert_non_null(strstr(err, "cannot bind to cpu 0"));
		assert_non_null(strstr(err, needles[i]));
		assert_non_null(strstr(err, "planning only"));
		swtlb_topo_free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_load_errors),
	    cmocka_unit_test(test_layout_errors),
	    cmocka_unit_test(test_memory_only_node),
	    cmocka_unit_test(test_bind_refused_off_host),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
