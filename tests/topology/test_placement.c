// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/topology/test_placement.c: the boot node and `--meta-mem boot` on
 * multi-node XML exports (no NUMA host needed: only the choice is tested,
 * not where the pages land), page summaries, and the huge page supply read
 * from fake /proc/meminfo files.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "tests/topology/test_helpers.h"
#include "topology/placement.h"

static struct swtlb_topo *load_data(const char *file)
{
	char spec[1024];

	snprintf(spec, sizeof(spec), "xml:%s/%s", SWTLB_TOPOLOGIES, file);
	return load_ok(spec);
}

static void test_boot_node(void **state)
{
	struct swtlb_topo *t = load_data("24em64t-2n6c2t-pci.xml");
	char out[64];

	(void)state;
	assert_int_equal(swtlb_topo_boot_node(t), 0);
	assert_int_equal(swtlb_meta_mem_resolve(t, "boot", out, sizeof(out)),
			 0);
	assert_string_equal(out, "node:0");
	assert_int_equal(swtlb_meta_mem_resolve(t, "node:1", out, sizeof(out)),
			 0);
	assert_string_equal(out, "node:1");
	assert_int_equal(swtlb_meta_mem_resolve(t, "boot", out, 5), -1);
	swtlb_topo_free(t);
	/* CPU 0 on the second node of a synthetic host numbered backwards:
	 * the boot node is the node of CPU 0, not the first node. */
	t = load_ok("synthetic:pack:2 numa:1 core:2 pu:1(indexes=3,2,1,0)");
	assert_int_equal(swtlb_topo_boot_node(t), 1);
	swtlb_topo_free(t);
	t = load_data("96em64t-4n4d3ca2co-pci.xml");
	assert_int_equal(swtlb_topo_boot_node(t), 0);
	swtlb_topo_free(t);
}

static void test_pages_format(void **state)
{
	unsigned int counts[4] = {130, 0, 2, 0};
	char buf[64], tiny[6];

	(void)state;
	swtlb_pages_format(counts, 4, 0, buf, sizeof(buf));
	assert_string_equal(buf, "0:130+2:2");
	swtlb_pages_format(counts, 4, 3, buf, sizeof(buf));
	assert_string_equal(buf, "0:130+2:2+absent:3");
	swtlb_pages_format(counts, 1, 0, tiny, sizeof(tiny));
	assert_string_equal(tiny, "0:130");
	swtlb_pages_format(counts, 4, 0, tiny, sizeof(tiny));
	assert_string_equal(tiny, ""); /* never a cut list */
	counts[0] = counts[2] = 0;
	swtlb_pages_format(counts, 4, 0, buf, sizeof(buf));
	assert_string_equal(buf, "");
}

static void write_meminfo(const char *root, const char *text)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/proc", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/proc/meminfo", root);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_hugepages(void **state)
{
	char root[] = "/tmp/swtlb-huge-XXXXXX", err[256], path[4096];
	unsigned long kb = 0;

	(void)state;
	assert_non_null(mkdtemp(root));
	assert_int_equal(
	    swtlb_hugepages_check(root, 64 << 20, &kb, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "cannot read"));
	write_meminfo(root, "MemTotal: 1 kB\nHugePages_Total:       0\n"
			    "HugePages_Free:        0\n"
			    "Hugepagesize:       2048 kB\n");
	assert_int_equal(
	    swtlb_hugepages_check(root, 64 << 20, &kb, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "needs 32 huge pages of 2048 kB, 0 free"));
	write_meminfo(root, "HugePages_Free:       32\n"
			    "Hugepagesize:       2048 kB\n");
	assert_int_equal(
	    swtlb_hugepages_check(root, 64 << 20, &kb, err, sizeof(err)), 0);
	assert_int_equal(kb, 2048);
	write_meminfo(root, "HugePages_Free:       1\n"
			    "Hugepagesize:    1048576 kB\n");
	assert_int_equal(
	    swtlb_hugepages_check(root, 64 << 20, &kb, err, sizeof(err)), 0);
	assert_int_equal(kb, 1048576);
	write_meminfo(root, "MemTotal: 1 kB\n");
	assert_int_equal(
	    swtlb_hugepages_check(root, 64 << 20, &kb, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no hugetlb pages"));
	snprintf(path, sizeof(path), "%s/proc/meminfo", root);
	unlink(path);
	snprintf(path, sizeof(path), "%s/proc", root);
	rmdir(path);
	rmdir(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_boot_node),
	    cmocka_unit_test(test_pages_format),
	    cmocka_unit_test(test_hugepages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
