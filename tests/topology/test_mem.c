// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/topology/test_mem.c: pool memory placement. On the host the pages
 * must all be present (pre-faulted) and, for node:N, on node N; off the host
 * or without NUMA the description must say placement was not applied.
 */
#include <numa.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tests/topology/test_helpers.h"

#define BYTES ((size_t)(1 << 20) + 4096 * 3)

static size_t npages(size_t bytes)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	return (bytes + page - 1) / page;
}

/* mincore: every page resident, i.e. touched before we got it. */
static void assert_all_resident(void *mem, size_t bytes)
{
	size_t n = npages(bytes);
	unsigned char *vec = calloc(n, 1);

	assert_non_null(vec);
	assert_int_equal(mincore(mem, bytes, vec), 0);
	for (size_t i = 0; i < n; i++)
		if (!(vec[i] & 1))
			fail_msg("page %zu of %zu not resident", i, n);
	free(vec);
}

static void assert_zeroed_page_aligned(const unsigned char *mem, size_t bytes)
{
	assert_int_equal((uintptr_t)mem % (uintptr_t)sysconf(_SC_PAGESIZE), 0);
	for (size_t i = 0; i < bytes; i++)
		if (mem[i])
			fail_msg("byte %zu is %u, not 0", i, mem[i]);
}

static void expect_parse_error(const struct swtlb_topo *t, const char *spec,
			       const char *needle)
{
	char err[512] = "";

	assert_null(swtlb_mem_policy_parse(t, spec, err, sizeof(err)));
	if (!strstr(err, needle))
		fail_msg("'%s': error '%s' lacks '%s'", spec, err, needle);
}

static void test_parse_errors(void **state)
{
	struct swtlb_topo *t = load_ok(SYN_2S);

	(void)state;
	expect_parse_error(t, "remote", "unknown memory placement 'remote'");
	expect_parse_error(t, "node:9", "NUMA node 9 does not exist");
	expect_parse_error(t, "node:9", "nodes by OS index: 0-3");
	expect_parse_error(t, "node:", "missing NUMA node number");
	expect_parse_error(t, "node:a", "bad NUMA node 'a'");
	swtlb_topo_free(t);
}

/* Synthetic topology: parsed and validated, but plain memory, said so. */
static void test_off_host_plain(void **state)
{
	static const char *const specs[] = {"local", "node:3", "interleave"};
	struct swtlb_topo *t = load_ok(SYN_2S);

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		char err[256] = "";
		struct swtlb_mem_policy *p =
		    swtlb_mem_policy_parse(t, specs[i], err, sizeof(err));
		const char *d;
		void *mem;

		assert_non_null(p);
		d = swtlb_mem_policy_describe(p);
		assert_non_null(strstr(d, specs[i]));
		assert_non_null(strstr(d, "not applied"));
		assert_non_null(strstr(d, "plain mmap"));
		mem = swtlb_mem_alloc(BYTES, p);
		assert_non_null(mem);
		assert_zeroed_page_aligned(mem, BYTES);
		assert_all_resident(mem, BYTES);
		swtlb_mem_free(mem, BYTES, p);
		swtlb_mem_policy_free(p);
	}
	swtlb_topo_free(t);
}

/* The host: node:N for every node with memory, local, interleave. */
static void test_host_placement(void **state)
{
	struct swtlb_topo *t = load_ok("host");
	bool numa = numa_available() >= 0;
	int max_node = numa ? numa_max_node() : 0;

	(void)state;
	for (int n = -2; n <= max_node; n++) {
		char spec[32], err[256] = "";
		struct swtlb_mem_policy *p;
		unsigned int counts[1024], absent = 0, total = 0;
		void *mem;

		if (n == -2)
			snprintf(spec, sizeof(spec), "local");
		else if (n == -1)
			snprintf(spec, sizeof(spec), "interleave");
		else if (numa && numa_node_size64(n, NULL) > 0)
			snprintf(spec, sizeof(spec), "node:%d", n);
		else
			continue;
		p = swtlb_mem_policy_parse(t, spec, err, sizeof(err));
		if (!p)
			fail_msg("%s: %s", spec, err);
		print_message("%s -> %s\n", spec, swtlb_mem_policy_describe(p));
		if (!numa)
			assert_non_null(
			    strstr(swtlb_mem_policy_describe(p), "no NUMA"));
		mem = swtlb_mem_alloc(BYTES, p);
		assert_non_null(mem);
		assert_zeroed_page_aligned(mem, BYTES);
		assert_all_resident(mem, BYTES);
		if (numa) {
			assert_int_equal(swtlb_mem_pages_by_node(
					     mem, BYTES, counts, 1024, &absent),
					 0);
			assert_int_equal(absent, 0);
			for (int k = 0; k < 1024; k++)
				total += counts[k];
			assert_int_equal(total, npages(BYTES));
			if (n >= 0)
				assert_int_equal(counts[n], npages(BYTES));
		}
		swtlb_mem_free(mem, BYTES, p);
		swtlb_mem_policy_free(p);
	}
	swtlb_topo_free(t);
}

/* The query sees untouched pages as absent: the check above can fail. */
static void test_query_sees_absent_pages(void **state)
{
	size_t bytes = 8 * (size_t)sysconf(_SC_PAGESIZE);
	unsigned int counts[64], absent = 0;
	void *mem;

	(void)state;
	if (numa_available() < 0) {
		/* Only mincore can tell here: the check stays meaningful. */
		skip();
	}
	mem = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(mem != MAP_FAILED);
	((char *)mem)[0] = 1; /* touch only the first page */
	assert_int_equal(
	    swtlb_mem_pages_by_node(mem, bytes, counts, 64, &absent), 0);
	assert_int_equal(absent, 7);
	munmap(mem, bytes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_errors),
	    cmocka_unit_test(test_off_host_plain),
	    cmocka_unit_test(test_host_placement),
	    cmocka_unit_test(test_query_sees_absent_pages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
