/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/common/host_facts.h: the host facts that make a number citable, as kernel
 * test robots report them (issue 12, item 7): cpufreq driver and governor,
 * boost, SMT, microcode, CPU vulnerability mitigations, THP, automatic NUMA
 * balancing, and whether this is a virtual machine.
 *
 * Everything is read below a root directory ("/" on a real run; tests build
 * a fake sysfs/procfs tree). A fact that cannot be read is "" (an empty CSV
 * cell), never a guess. Text from the files is cut at the first line end
 * and every byte outside printable ASCII becomes '?', so no file content
 * reaches a terminal or a CSV cell raw.
 */
#ifndef SWTLB_BENCH_HOST_FACTS_H
#define SWTLB_BENCH_HOST_FACTS_H

#include <stddef.h>
#include <stdio.h>

struct swtlb_host_facts {
	char cpufreq_driver[48]; /* scaling_driver of the first CPU */
	char governor[96];	 /* distinct scaling_governors, '+' joined */
	char boost[8];		 /* "on" / "off" */
	char smt[24];		 /* smt/control: on, off, notsupported... */
	char microcode[32];	 /* /proc/cpuinfo "microcode" of CPU 0 */
	char mitigations[640];	 /* "vulnerable=a+b;mitigated=c+d" */
	char thp[16];		 /* transparent_hugepage/enabled, selected */
	char numa_balancing[24]; /* off, on, memory-tiering */
	char virt[64];		 /* "none", or "vm" and what it says it is */
};

/* Reads every fact below root ("/" or NULL for the real machine). */
void swtlb_host_facts_read(const char *root, struct swtlb_host_facts *f);

/*
 * The warning lines (each without a newline) that the facts call for: the
 * governor is not `performance` (or none is visible), the host is a VM.
 * Returns how many were written into lines[0..max-1].
 */
unsigned int swtlb_host_facts_warnings(const struct swtlb_host_facts *f,
				       char lines[][200], unsigned int max);

/*
 * "key: value" lines for host.txt, unknown values as "unknown", then one
 * "vulnerability NAME: TEXT" line per file of the vulnerabilities folder
 * under root, then the warnings ("WARNING: ...").
 */
void swtlb_host_facts_print(FILE *out, const char *root,
			    const struct swtlb_host_facts *f);

#endif /* SWTLB_BENCH_HOST_FACTS_H */
