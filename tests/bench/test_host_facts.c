// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/bench/test_host_facts.c: host facts read from fake sysfs/procfs
 * trees that each test builds in a temporary directory (a bare-metal Intel
 * host, a KVM guest, mixed governors, hostile file content, nothing at all).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "bench/common/host_facts.h"

/* Writes root/rel with its parent folders. */
static void put(const char *root, const char *rel, const char *text)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (char *p = path + strlen(root) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *new_root(void)
{
	char *root = strdup("/tmp/swtlb-facts-XXXXXX");

	assert_non_null(root);
	assert_non_null(mkdtemp(root));
	return root;
}

static void drop_root(char *root)
{
	char cmd[4200];

	/* The folder this test made under /tmp, nothing else. */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
	free(root);
}

#define CPU "sys/devices/system/cpu/"

static void test_bare_metal_intel(void **state)
{
	char *root = new_root(), warn[4][200];
	struct swtlb_host_facts f;

	(void)state;
	for (int c = 0; c < 2; c++) {
		char rel[128];

		snprintf(rel, sizeof(rel), CPU "cpu%d/cpufreq/scaling_driver",
			 c);
		put(root, rel, "intel_pstate\n");
		snprintf(rel, sizeof(rel), CPU "cpu%d/cpufreq/scaling_governor",
			 c);
		put(root, rel, "performance\n");
	}
	put(root, CPU "intel_pstate/no_turbo", "1\n");
	put(root, CPU "smt/control", "on\n");
	put(root, CPU "vulnerabilities/meltdown", "Not affected\n");
	put(root, CPU "vulnerabilities/spectre_v2",
	    "Mitigation: Enhanced / Automatic IBRS\n");
	put(root, CPU "vulnerabilities/spectre_v1",
	    "Mitigation: usercopy/swapgs barriers\n");
	put(root, CPU "vulnerabilities/mds",
	    "Vulnerable: Clear CPU buffers attempted, no microcode\n");
	put(root, "proc/cpuinfo",
	    "processor\t: 0\nmicrocode\t: 0x2b000590\n"
	    "flags\t\t: fpu vme de pse tsc msr\n\nprocessor\t: 1\n"
	    "microcode\t: 0x2b000591\n");
	put(root, "sys/kernel/mm/transparent_hugepage/enabled",
	    "[always] madvise never\n");
	put(root, "proc/sys/kernel/numa_balancing", "1\n");
	swtlb_host_facts_read(root, &f);
	assert_string_equal(f.cpufreq_driver, "intel_pstate");
	assert_string_equal(f.governor, "performance");
	assert_string_equal(f.boost, "off");
	assert_string_equal(f.smt, "on");
	assert_string_equal(f.microcode, "0x2b000590");
	assert_string_equal(f.mitigations,
			    "vulnerable=mds;mitigated=spectre_v1+spectre_v2");
	assert_string_equal(f.thp, "always");
	assert_string_equal(f.numa_balancing, "on");
	assert_string_equal(f.virt, "none");
	assert_int_equal(swtlb_host_facts_warnings(&f, warn, 4), 0);
	drop_root(root);
}

static void test_kvm_guest(void **state)
{
	char *root = new_root(), warn[4][200];
	struct swtlb_host_facts f;

	(void)state;
	put(root, CPU "smt/control", "notsupported\n");
	put(root, CPU "vulnerabilities/meltdown", "Not affected\n");
	put(root, "proc/cpuinfo",
	    "processor\t: 0\nmicrocode\t: 0x1000065\n"
	    "flags\t\t: fpu tsc hypervisor lahf_lm\n");
	put(root, "sys/class/dmi/id/sys_vendor", "QEMU\n");
	put(root, "sys/kernel/mm/transparent_hugepage/enabled",
	    "always [madvise] never\n");
	put(root, "proc/sys/kernel/numa_balancing", "0\n");
	swtlb_host_facts_read(root, &f);
	assert_string_equal(f.cpufreq_driver, "");
	assert_string_equal(f.governor, "");
	assert_string_equal(f.boost, "");
	assert_string_equal(f.smt, "notsupported");
	assert_string_equal(f.mitigations, "not-affected");
	assert_string_equal(f.thp, "madvise");
	assert_string_equal(f.numa_balancing, "off");
	assert_string_equal(f.virt, "vm (QEMU)");
	assert_int_equal(swtlb_host_facts_warnings(&f, warn, 4), 2);
	assert_non_null(strstr(warn[0], "no cpufreq governor"));
	assert_non_null(strstr(warn[1], "virtual machine (vm (QEMU))"));
	drop_root(root);
}

static void test_mixed_governors_and_acpi_boost(void **state)
{
	char *root = new_root(), warn[4][200];
	struct swtlb_host_facts f;

	(void)state;
	put(root, CPU "cpu0/cpufreq/scaling_governor", "powersave\n");
	put(root, CPU "cpu1/cpufreq/scaling_governor", "performance\n");
	put(root, CPU "cpu2/cpufreq/scaling_governor", "powersave\n");
	put(root, CPU "cpu10/cpufreq/scaling_driver", "acpi-cpufreq\n");
	put(root, CPU "cpu3/cpufreq/scaling_driver", "amd-pstate-epp\n");
	put(root, CPU "cpufreq/boost", "1\n");
	put(root, CPU "intel_pstate/no_turbo", "1\n"); /* boost wins */
	put(root, "proc/sys/kernel/numa_balancing", "2\n");
	swtlb_host_facts_read(root, &f);
	assert_string_equal(f.governor, "performance+powersave");
	assert_string_equal(f.cpufreq_driver, "amd-pstate-epp");
	assert_string_equal(f.boost, "on");
	assert_string_equal(f.numa_balancing, "memory-tiering");
	assert_string_equal(f.virt, ""); /* no cpuinfo: unknown */
	assert_int_equal(swtlb_host_facts_warnings(&f, warn, 4), 1);
	assert_non_null(strstr(warn[0], "performance+powersave, not"));
	drop_root(root);
}

/* Control bytes, an unterminated THP line, odd values: cleaned or unknown. */
static void test_hostile_content(void **state)
{
	char *root = new_root();
	struct swtlb_host_facts f;

	(void)state;
	put(root, CPU "cpu0/cpufreq/scaling_governor", "perf\033[31mx\tz\n");
	put(root, CPU "cpufreq/boost", "yes\n");
	put(root, CPU "vulnerabilities/bad\033name", "Vulnerable\n");
	put(root, "sys/kernel/mm/transparent_hugepage/enabled",
	    "[alwaysalwaysalwaysalways never\n");
	put(root, "proc/sys/kernel/numa_balancing", "7\n");
	put(root, "proc/cpuinfo", "flags : fpu xhypervisor hypervisorx\n");
	swtlb_host_facts_read(root, &f);
	assert_string_equal(f.governor, "perf?[31mx?z");
	assert_string_equal(f.boost, "");
	assert_string_equal(f.mitigations, "vulnerable=bad?name");
	assert_string_equal(f.thp, "");
	assert_string_equal(f.numa_balancing, "7");
	assert_string_equal(f.virt, "none");
	drop_root(root);
}

static void test_empty_root_and_print(void **state)
{
	char *root = new_root(), *text = NULL;
	struct swtlb_host_facts f;
	size_t len = 0;
	FILE *out;

	(void)state;
	swtlb_host_facts_read(root, &f);
	assert_string_equal(f.cpufreq_driver, "");
	assert_string_equal(f.smt, "");
	assert_string_equal(f.microcode, "");
	assert_string_equal(f.mitigations, "");
	assert_string_equal(f.thp, "");
	assert_string_equal(f.numa_balancing, "");
	put(root, CPU "vulnerabilities/mds", "Vulnerable: SMT vulnerable\n");
	put(root, CPU "vulnerabilities/l1tf", "Not affected\n");
	swtlb_host_facts_read(root, &f);
	out = open_memstream(&text, &len);
	assert_non_null(out);
	swtlb_host_facts_print(out, root, &f);
	fclose(out);
	assert_non_null(strstr(text, "cpufreq_governor: unknown\n"));
	assert_non_null(strstr(text, "mitigations: vulnerable=mds\n"));
	assert_non_null(strstr(text, "vulnerability l1tf: Not affected\n"
				     "vulnerability mds: Vulnerable: SMT "
				     "vulnerable\n"));
	assert_non_null(strstr(text, "WARNING: no cpufreq governor visible"));
	assert_null(strstr(text, "virtual machine"));
	free(text);
	drop_root(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bare_metal_intel),
	    cmocka_unit_test(test_kvm_guest),
	    cmocka_unit_test(test_mixed_governors_and_acpi_boost),
	    cmocka_unit_test(test_hostile_content),
	    cmocka_unit_test(test_empty_root_and_print),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
