/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * topology/placement.h: where the pool's hot lines go and where they are
 * (issue 12, item 5).
 *
 * In the kernel, io_tlb_default_mem is a static of the kernel image and the
 * slot and area arrays come from memblock at boot: all on the boot CPU's
 * node. `--meta-mem boot` (the default) puts the copies there; the other
 * placements are those of --pool-mem. After the pool is built, every hot
 * page is looked up (move_pages, nothing moved) and the answer recorded.
 */
#ifndef SWTLB_TOPOLOGY_PLACEMENT_H
#define SWTLB_TOPOLOGY_PLACEMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "topology/topology.h"

/* OS index of the NUMA node of the host's first CPU (the lowest OS id, the
 * boot CPU); -1 when the topology has no NUMA node. */
int swtlb_topo_boot_node(const struct swtlb_topo *topo);

/*
 * "boot" -> "node:N" of swtlb_topo_boot_node() (or "local" without a NUMA
 * node); any other spec is copied as is, to be checked by
 * swtlb_mem_policy_parse(). 0, or -1 when it does not fit.
 */
int swtlb_meta_mem_resolve(const struct swtlb_topo *topo, const char *spec,
			   char *out, size_t len);

/*
 * Pages per node as text: "0:130+1:2", with "absent:N" for pages not
 * faulted in; "" when there are no pages or the text does not fit.
 */
void swtlb_pages_format(const unsigned int *counts, unsigned int ncounts,
			unsigned int absent, char *buf, size_t len);

/*
 * Huge pages for `bytes` of bounce memory, from root/proc/meminfo
 * (HugePages_Free, Hugepagesize): 0 with *page_kb set when enough are free,
 * or -1 with a one-line reason (none configured, too few free, unreadable).
 */
int swtlb_hugepages_check(const char *root, size_t bytes,
			  unsigned long *page_kb, char *err, size_t errlen);

#endif /* SWTLB_TOPOLOGY_PLACEMENT_H */
