// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench/common/host_facts.c: cpufreq, boost, SMT, microcode, mitigations, THP,
 * NUMA balancing and VM facts from sysfs/procfs (see the header).
 */
#include "bench/common/host_facts.h"

#include <ctype.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define CPU_DIR	      "sys/devices/system/cpu"
#define VULN_DIR      CPU_DIR "/vulnerabilities"
#define MAX_GOVERNORS 8

/* Printable ASCII only, cut at the first line end, trailing blanks off. */
static void clean(char *s)
{
	size_t n = strcspn(s, "\r\n");

	s[n] = '\0';
	for (char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			*p = '?';
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
}

static void path_of(char *buf, size_t len, const char *root, const char *rel)
{
	if (!root || !*root)
		root = "/";
	snprintf(buf, len, "%s%s%s", root,
		 root[strlen(root) - 1] == '/' ? "" : "/", rel);
}

/* First line of root/rel into buf, cleaned; false if unreadable/empty. */
static bool read_first_line(const char *root, const char *rel, char *buf,
			    size_t len)
{
	char path[4096];
	FILE *f;
	bool ok;

	buf[0] = '\0';
	path_of(path, sizeof(path), root, rel);
	f = fopen(path, "r");
	if (!f)
		return false;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	if (!ok) {
		buf[0] = '\0';
		return false;
	}
	clean(buf);
	return buf[0] != '\0';
}

/* The value of /proc/cpuinfo field `key` of the first CPU listing it. */
static bool cpuinfo_field(const char *root, const char *key, char *buf,
			  size_t len)
{
	char path[4096], line[4096];
	size_t klen = strlen(key);
	bool found = false;
	FILE *f;

	buf[0] = '\0';
	path_of(path, sizeof(path), root, "proc/cpuinfo");
	f = fopen(path, "r");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char *p = line + klen;

		if (strncmp(line, key, klen) != 0)
			continue;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != ':')
			continue;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		snprintf(buf, len, "%s", p);
		clean(buf);
		found = true;
	}
	fclose(f);
	return found;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* cpuN directory name -> N, or -1. */
static long cpu_number(const char *name)
{
	char *end;
	long n;

	if (strncmp(name, "cpu", 3) != 0 || !isdigit((unsigned char)name[3]))
		return -1;
	n = strtol(name + 3, &end, 10);
	return *end ? -1 : n;
}

/* The distinct governors of every CPU, and the driver of the lowest CPU. */
static void read_cpufreq(const char *root, struct swtlb_host_facts *f)
{
	char dir[4096], rel[128], gov[64], drv[48], *seen[MAX_GOVERNORS];
	unsigned int nseen = 0;
	long driver_cpu = -1;
	struct dirent *e;
	DIR *d;

	path_of(dir, sizeof(dir), root, CPU_DIR);
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		long n = cpu_number(e->d_name);
		bool dup = false;

		if (n < 0)
			continue;
		snprintf(rel, sizeof(rel), CPU_DIR "/cpu%ld/cpufreq/%s", n,
			 "scaling_driver");
		if ((driver_cpu < 0 || n < driver_cpu) &&
		    read_first_line(root, rel, drv, sizeof(drv))) {
			driver_cpu = n;
			memcpy(f->cpufreq_driver, drv, sizeof(drv));
		}
		snprintf(rel, sizeof(rel), CPU_DIR "/cpu%ld/cpufreq/%s", n,
			 "scaling_governor");
		if (!read_first_line(root, rel, gov, sizeof(gov)))
			continue;
		for (unsigned int i = 0; i < nseen && !dup; i++)
			dup = strcmp(seen[i], gov) == 0;
		if (!dup && nseen < MAX_GOVERNORS)
			seen[nseen++] = strdup(gov);
	}
	closedir(d);
	for (unsigned int i = 0; i < nseen; i++)
		if (!seen[i])
			nseen = 0; /* out of memory: unknown, not partial */
	qsort(seen, nseen, sizeof(*seen), cmp_str);
	for (unsigned int i = 0; i < nseen; i++) {
		size_t used = strlen(f->governor);

		snprintf(f->governor + used, sizeof(f->governor) - used, "%s%s",
			 i ? "+" : "", seen[i]);
	}
	for (unsigned int i = 0; i < MAX_GOVERNORS && i < nseen; i++)
		free(seen[i]);
}

/* Boost: the global or policy0 `boost` (1 = on), else intel_pstate's
 * no_turbo (1 = off). */
static void read_boost(const char *root, struct swtlb_host_facts *f)
{
	char v[16];

	if (read_first_line(root, CPU_DIR "/cpufreq/boost", v, sizeof(v)) ||
	    read_first_line(root, CPU_DIR "/cpufreq/policy0/boost", v,
			    sizeof(v))) {
		if (!strcmp(v, "1") || !strcmp(v, "0"))
			snprintf(f->boost, sizeof(f->boost), "%s",
				 v[0] == '1' ? "on" : "off");
		return;
	}
	if (read_first_line(root, CPU_DIR "/intel_pstate/no_turbo", v,
			    sizeof(v)) &&
	    (!strcmp(v, "1") || !strcmp(v, "0")))
		snprintf(f->boost, sizeof(f->boost), "%s",
			 v[0] == '1' ? "off" : "on");
}

/* "Not affected" is left out; the rest by state, names in order. */
static void read_mitigations(const char *root, struct swtlb_host_facts *f)
{
	static const char *const states[] = {"vulnerable", "mitigated",
					     "unknown"};
	char dir[4096], rel[512], text[256];
	struct dirent **names = NULL;
	size_t used = 0;
	int n;

	path_of(dir, sizeof(dir), root, VULN_DIR);
	n = scandir(dir, &names, NULL, alphasort);
	if (n < 0)
		return;
	for (int s = 0; s < 3; s++) {
		bool first = true;

		for (int i = 0; i < n; i++) {
			char name[256];
			int state;

			if (names[i]->d_name[0] == '.')
				continue;
			snprintf(rel, sizeof(rel), VULN_DIR "/%s",
				 names[i]->d_name);
			snprintf(name, sizeof(name), "%s", names[i]->d_name);
			clean(name);
			if (!read_first_line(root, rel, text, sizeof(text)) ||
			    !strncmp(text, "Not affected", 12))
				continue;
			state = !strncmp(text, "Vulnerable", 10)   ? 0
				: !strncmp(text, "Mitigation", 10) ? 1
								   : 2;
			if (state != s)
				continue;
			used += (size_t)snprintf(
			    f->mitigations + used,
			    used < sizeof(f->mitigations)
				? sizeof(f->mitigations) - used
				: 0,
			    "%s%s%s", first ? (used ? ";" : "") : "+",
			    first ? states[s] : "", first ? "=" : "");
			if (used < sizeof(f->mitigations))
				used += (size_t)snprintf(
				    f->mitigations + used,
				    sizeof(f->mitigations) - used, "%s", name);
			first = false;
		}
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (used >= sizeof(f->mitigations))
		f->mitigations[0] = '\0'; /* never a cut, wrong list */
	else if (used == 0)
		snprintf(f->mitigations, sizeof(f->mitigations),
			 "not-affected");
}

/* "always [madvise] never" -> "madvise". */
static void read_thp(const char *root, struct swtlb_host_facts *f)
{
	char v[128], *open, *close;

	if (!read_first_line(root, "sys/kernel/mm/transparent_hugepage/enabled",
			     v, sizeof(v)))
		return;
	open = strchr(v, '[');
	close = open ? strchr(open, ']') : NULL;
	if (open && close && close - open - 1 < (long)sizeof(f->thp))
		snprintf(f->thp, sizeof(f->thp), "%.*s",
			 (int)(close - open - 1), open + 1);
}

static void read_numa_balancing(const char *root, struct swtlb_host_facts *f)
{
	char v[16];

	if (!read_first_line(root, "proc/sys/kernel/numa_balancing", v,
			     sizeof(v)))
		return;
	snprintf(f->numa_balancing, sizeof(f->numa_balancing), "%s",
		 !strcmp(v, "0")   ? "off"
		 : !strcmp(v, "1") ? "on"
		 : !strcmp(v, "2") ? "memory-tiering"
				   : v);
}

/* The x86 `hypervisor` flag; what the guest says it runs on, if it can. */
static void read_virt(const char *root, struct swtlb_host_facts *f)
{
	char flags[4096], what[48] = "";
	const char *p;
	bool vm = false;

	if (!cpuinfo_field(root, "flags", flags, sizeof(flags)))
		return; /* no x86 flags line: unknown */
	for (p = strstr(flags, "hypervisor"); p && !vm;
	     p = strstr(p + 1, "hypervisor"))
		vm = (p == flags || p[-1] == ' ') && (p[10] == ' ' || !p[10]);
	if (!vm) {
		snprintf(f->virt, sizeof(f->virt), "none");
		return;
	}
	if (!read_first_line(root, "sys/class/dmi/id/sys_vendor", what,
			     sizeof(what)))
		read_first_line(root, "sys/hypervisor/type", what,
				sizeof(what));
	snprintf(f->virt, sizeof(f->virt), "vm%s%s%s", what[0] ? " (" : "",
		 what, what[0] ? ")" : "");
}

void swtlb_host_facts_read(const char *root, struct swtlb_host_facts *f)
{
	memset(f, 0, sizeof(*f));
	read_cpufreq(root, f);
	read_boost(root, f);
	read_first_line(root, CPU_DIR "/smt/control", f->smt, sizeof(f->smt));
	cpuinfo_field(root, "microcode", f->microcode, sizeof(f->microcode));
	read_mitigations(root, f);
	read_thp(root, f);
	read_numa_balancing(root, f);
	read_virt(root, f);
}

unsigned int swtlb_host_facts_warnings(const struct swtlb_host_facts *f,
				       char lines[][200], unsigned int max)
{
	unsigned int n = 0;

	if (n < max && strcmp(f->governor, "performance") != 0)
		snprintf(lines[n++], 200,
			 f->governor[0]
			     ? "cpufreq governor is %s, not performance: the "
			       "clock may change during a run"
			     : "no cpufreq governor visible%s: the clock is "
			       "not under this host's control",
			 f->governor[0] ? f->governor : "");
	if (n < max && !strncmp(f->virt, "vm", 2))
		snprintf(lines[n++], 200,
			 "this is a virtual machine (%s): vCPUs may share "
			 "physical cores, not a bare-metal figure",
			 f->virt);
	return n;
}

static const char *or_unknown(const char *s)
{
	return s[0] ? s : "unknown";
}

void swtlb_host_facts_print(FILE *out, const char *root,
			    const struct swtlb_host_facts *f)
{
	char dir[4096], rel[512], text[256], warn[4][200];
	struct dirent **names = NULL;
	unsigned int nwarn;
	int n;

	fprintf(out, "cpufreq_driver: %s\n", or_unknown(f->cpufreq_driver));
	fprintf(out, "cpufreq_governor: %s\n", or_unknown(f->governor));
	fprintf(out, "boost: %s\n", or_unknown(f->boost));
	fprintf(out, "smt: %s\n", or_unknown(f->smt));
	fprintf(out, "microcode: %s\n", or_unknown(f->microcode));
	fprintf(out, "mitigations: %s\n", or_unknown(f->mitigations));
	fprintf(out, "thp: %s\n", or_unknown(f->thp));
	fprintf(out, "numa_balancing: %s\n", or_unknown(f->numa_balancing));
	fprintf(out, "virt: %s\n", or_unknown(f->virt));
	path_of(dir, sizeof(dir), root, VULN_DIR);
	n = scandir(dir, &names, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			char name[256];

			snprintf(rel, sizeof(rel), VULN_DIR "/%s",
				 names[i]->d_name);
			snprintf(name, sizeof(name), "%s", names[i]->d_name);
			clean(name);
			read_first_line(root, rel, text, sizeof(text));
			fprintf(out, "vulnerability %s: %s\n", name,
				or_unknown(text));
		}
		free(names[i]);
	}
	free(names);
	nwarn = swtlb_host_facts_warnings(f, warn, 4);
	for (unsigned int i = 0; i < nwarn; i++)
		fprintf(out, "WARNING: %s\n", warn[i]);
}
