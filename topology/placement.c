// SPDX-License-Identifier: GPL-2.0-only
/* topology/placement.c: the boot node, page summaries, huge page supply. */
#include "topology/placement.h"

#include <stdio.h>
#include <string.h>

#include "topology/topo_internal.h"

int swtlb_topo_boot_node(const struct swtlb_topo *topo)
{
	const struct swtlb_pu *first = NULL;
	hwloc_obj_t node;

	for (unsigned int i = 0; i < topo->npus; i++)
		if (!first || topo->pus[i].os < first->os)
			first = &topo->pus[i];
	if (!first || first->numa < 0)
		return -1;
	node = hwloc_get_obj_by_type(topo->hw, HWLOC_OBJ_NUMANODE,
				     (unsigned int)first->numa);
	return node ? (int)node->os_index : -1;
}

int swtlb_meta_mem_resolve(const struct swtlb_topo *topo, const char *spec,
			   char *out, size_t len)
{
	int n;

	if (strcmp(spec, "boot") != 0)
		n = snprintf(out, len, "%s", spec);
	else if (swtlb_topo_boot_node(topo) >= 0)
		n = snprintf(out, len, "node:%d", swtlb_topo_boot_node(topo));
	else
		n = snprintf(out, len, "local");
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

void swtlb_pages_format(const unsigned int *counts, unsigned int ncounts,
			unsigned int absent, char *buf, size_t len)
{
	size_t used = 0;
	int w;

	if (!len)
		return;
	buf[0] = '\0';
	for (unsigned int n = 0; n < ncounts; n++) {
		if (!counts[n])
			continue;
		w = snprintf(buf + used, len - used, "%s%u:%u", used ? "+" : "",
			     n, counts[n]);
		if (w < 0 || (size_t)w >= len - used) {
			buf[0] = '\0';
			return;
		}
		used += (size_t)w;
	}
	if (absent) {
		w = snprintf(buf + used, len - used, "%sabsent:%u",
			     used ? "+" : "", absent);
		if (w < 0 || (size_t)w >= len - used)
			buf[0] = '\0';
	}
}

/* The number after `key:` in a meminfo line, or false. */
static bool meminfo_value(const char *line, const char *key, unsigned long *out)
{
	size_t klen = strlen(key);

	return strncmp(line, key, klen) == 0 && line[klen] == ':' &&
	       sscanf(line + klen + 1, "%lu", out) == 1;
}

int swtlb_hugepages_check(const char *root, size_t bytes,
			  unsigned long *page_kb, char *err, size_t errlen)
{
	unsigned long free_pages = 0, size_kb = 0, need;
	bool have_free = false, have_size = false;
	char path[4096], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/proc/meminfo",
		 root && *root ? root : "");
	f = fopen(path, "r");
	if (!f)
		return swtlb_topo_fail(
		    err, errlen, "--bounce-pages huge: cannot read %s", path);
	while (fgets(line, sizeof(line), f)) {
		have_free |= meminfo_value(line, "HugePages_Free", &free_pages);
		have_size |= meminfo_value(line, "Hugepagesize", &size_kb);
	}
	fclose(f);
	if (!have_free || !have_size || size_kb == 0)
		return swtlb_topo_fail(err, errlen,
				       "--bounce-pages huge: this kernel shows "
				       "no hugetlb pages (no HugePages_Free "
				       "in /proc/meminfo)");
	need = (unsigned long)((bytes + size_kb * 1024 - 1) / (size_kb * 1024));
	if (free_pages < need)
		return swtlb_topo_fail(
		    err, errlen,
		    "--bounce-pages huge: %zu MiB of bounce memory needs %lu "
		    "huge pages of %lu kB, %lu free (raise vm.nr_hugepages)",
		    bytes >> 20, need, size_kb, free_pages);
	*page_kb = size_kb;
	return 0;
}
