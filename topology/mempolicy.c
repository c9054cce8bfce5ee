// SPDX-License-Identifier: GPL-2.0-only
/*
 * topology/mempolicy.c: where the pool's memory lives.
 *
 *   local       libnuma numa_alloc_local: the node of the CPU that first
 *               touches the pages, i.e. the allocating thread.
 *   node:N      libnuma numa_alloc_onnode: NUMA node N (OS index).
 *   interleave  libnuma numa_alloc_interleaved_subset over the allowed
 *               memory nodes (cpuset.mems), page by page.
 *
 * Without NUMA support (numa_available() < 0) or on a synthetic/XML topology
 * the memory is a plain anonymous mmap (page-aligned) and the description
 * says so. Every allocation is written in full before it is returned, so the
 * pages exist, on their final node, before anything is measured.
 */
#include <numa.h>
#include <numaif.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "topology/topo_internal.h"
#include "topology/topology.h"

enum mem_kind { MEM_LOCAL, MEM_NODE, MEM_INTERLEAVE };

struct swtlb_mem_policy {
	enum mem_kind kind;
	bool numa;	       /* false: plain mmap */
	int node;	       /* MEM_NODE: OS index */
	struct bitmask *mems;  /* MEM_INTERLEAVE: allowed memory nodes */
	bool warned;	       /* desc already carries a misplacement warning */
	unsigned long huge_kb; /* hugetlb page size, 0 = base pages */
	char desc[320];
};

/* Why NUMA placement is not applied, or NULL when it is. */
static const char *no_numa_reason(const struct swtlb_topo *topo)
{
	if (!swtlb_topo_is_host(topo))
		return "topology is not this host";
	if (numa_available() < 0)
		return "no NUMA support (numa_available() < 0)";
	return NULL;
}

/* Node list of a libnuma mask, "0-1" style via hwloc. */
static void mask_list(const struct bitmask *mask, char *buf, size_t len)
{
	hwloc_bitmap_t set = hwloc_bitmap_alloc();

	if (!set) {
		snprintf(buf, len, "?");
		return;
	}
	for (unsigned int n = 0; n < mask->size; n++)
		if (numa_bitmask_isbitset(mask, n))
			hwloc_bitmap_set(set, n);
	hwloc_bitmap_list_snprintf(buf, len, set);
	hwloc_bitmap_free(set);
}

static int parse_kind(struct swtlb_mem_policy *p, const struct swtlb_topo *topo,
		      const char *spec, char *err, size_t errlen)
{
	if (strcmp(spec, "local") == 0) {
		p->kind = MEM_LOCAL;
		return 0;
	}
	if (strcmp(spec, "interleave") == 0) {
		p->kind = MEM_INTERLEAVE;
		return 0;
	}
	if (strncmp(spec, "node:", 5) == 0) {
		int logical =
		    swtlb_topo_numa_by_os(topo, spec + 5, err, errlen);

		if (logical < 0)
			return -1;
		p->kind = MEM_NODE;
		p->node =
		    (int)hwloc_get_obj_by_type(topo->hw, HWLOC_OBJ_NUMANODE,
					       (unsigned int)logical)
			->os_index;
		return 0;
	}
	return swtlb_topo_fail(err, errlen,
			       "unknown memory placement '%s' (expected "
			       "local, node:N or interleave)",
			       spec);
}

struct swtlb_mem_policy *swtlb_mem_policy_parse(const struct swtlb_topo *topo,
						const char *spec, char *err,
						size_t errlen)
{
	struct swtlb_mem_policy *p = calloc(1, sizeof(*p));
	const char *why;
	char nodes[128];

	if (!p) {
		swtlb_topo_fail(err, errlen, "out of memory");
		return NULL;
	}
	if (!spec || !*spec)
		spec = "local";
	if (parse_kind(p, topo, spec, err, errlen) < 0)
		goto fail;
	why = no_numa_reason(topo);
	if (why) {
		snprintf(p->desc, sizeof(p->desc),
			 "%s not applied: %s; plain mmap, pages pre-faulted",
			 spec, why);
		return p;
	}
	p->numa = true;
	switch (p->kind) {
	case MEM_LOCAL:
		snprintf(
		    p->desc, sizeof(p->desc),
		    "local: node of the allocating CPU (numa_alloc_local), "
		    "pages pre-faulted");
		break;
	case MEM_NODE:
		p->mems = numa_get_mems_allowed();
		if (!p->mems ||
		    !numa_bitmask_isbitset(p->mems, (unsigned int)p->node)) {
			if (p->mems)
				mask_list(p->mems, nodes, sizeof(nodes));
			swtlb_topo_fail(err, errlen,
					"NUMA node %d is outside the allowed "
					"memory nodes (cpuset.mems: %s)",
					p->node, p->mems ? nodes : "?");
			goto fail;
		}
		/* libnuma only warns when binding to a node without memory
		 * fails, and the pages land elsewhere: refuse it here. */
		if (numa_node_size64(p->node, NULL) <= 0) {
			swtlb_topo_fail(err, errlen,
					"NUMA node %d has no memory to place "
					"the pool on",
					p->node);
			goto fail;
		}
		snprintf(p->desc, sizeof(p->desc),
			 "node:%d: bound to NUMA node %d (numa_alloc_onnode), "
			 "pages pre-faulted",
			 p->node, p->node);
		break;
	case MEM_INTERLEAVE:
		p->mems = numa_get_mems_allowed();
		if (!p->mems) {
			swtlb_topo_fail(err, errlen,
					"cannot read the allowed memory nodes");
			goto fail;
		}
		mask_list(p->mems, nodes, sizeof(nodes));
		snprintf(p->desc, sizeof(p->desc),
			 "interleave over %u %s (%s) page by page "
			 "(numa_alloc_interleaved_subset), pages pre-faulted",
			 numa_bitmask_weight(p->mems),
			 numa_bitmask_weight(p->mems) == 1 ? "node" : "nodes",
			 nodes);
		break;
	}
	return p;
fail:
	swtlb_mem_policy_free(p);
	return NULL;
}

void swtlb_mem_policy_free(struct swtlb_mem_policy *policy)
{
	if (!policy)
		return;
	if (policy->mems)
		numa_bitmask_free(policy->mems);
	free(policy);
}

const char *swtlb_mem_policy_describe(const struct swtlb_mem_policy *policy)
{
	return policy->desc;
}

static void *plain_alloc(size_t bytes)
{
	void *mem = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return mem == MAP_FAILED ? NULL : mem;
}

/* Say so in the description if pages missed the node (it is reported with
 * the results): a placement that silently failed must not pass as done. */
static void check_on_node(struct swtlb_mem_policy *p, const void *mem,
			  size_t bytes)
{
	unsigned int counts[1024], absent = 0;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t npages = (bytes + page - 1) / page;
	size_t len = strlen(p->desc);

	if (p->warned || p->node >= 1024 ||
	    swtlb_mem_pages_by_node(mem, bytes, counts, 1024, &absent) < 0 ||
	    counts[p->node] == npages)
		return;
	snprintf(p->desc + len, sizeof(p->desc) - len,
		 "; WARNING: only %u of %zu pages on node %d", counts[p->node],
		 npages, p->node);
	p->warned = true;
}

void swtlb_mem_policy_set_huge(struct swtlb_mem_policy *policy,
			       unsigned long page_kb)
{
	size_t len = strlen(policy->desc);

	policy->huge_kb = page_kb;
	if (page_kb)
		snprintf(policy->desc + len, sizeof(policy->desc) - len,
			 "; hugetlb pages of %lu kB", page_kb);
}

static size_t huge_round(const struct swtlb_mem_policy *p, size_t bytes)
{
	size_t page = (size_t)p->huge_kb * 1024;

	return (bytes + page - 1) / page * page;
}

/* hugetlb pages, then the policy's placement set with mbind() before the
 * first touch (numa_alloc_* take base pages only). */
static void *huge_alloc(struct swtlb_mem_policy *p, size_t bytes)
{
	unsigned long mask = 0, shift = 0;
	size_t len = huge_round(p, bytes);
	void *mem;
	long rc = 0;

	while ((1UL << shift) < p->huge_kb * 1024)
		shift++;
	mem = mmap(NULL, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB |
		       (int)(shift << MAP_HUGE_SHIFT),
		   -1, 0);
	if (mem == MAP_FAILED)
		return NULL;
	if (p->numa && p->kind == MEM_NODE && p->node < 64) {
		mask = 1UL << p->node;
		rc = mbind(mem, len, MPOL_BIND, &mask, 65, 0);
	} else if (p->numa && p->kind == MEM_INTERLEAVE) {
		rc = mbind(mem, len, MPOL_INTERLEAVE, p->mems->maskp,
			   p->mems->size + 1, 0);
	}
	if (rc != 0) {
		munmap(mem, len);
		return NULL;
	}
	return mem;
}

void *swtlb_mem_alloc(size_t bytes, void *policy)
{
	struct swtlb_mem_policy *p = policy;
	void *mem;

	if (bytes == 0)
		return NULL;
	if (p && p->huge_kb)
		mem = huge_alloc(p, bytes);
	else if (!p || !p->numa)
		mem = plain_alloc(bytes);
	else if (p->kind == MEM_NODE)
		mem = numa_alloc_onnode(bytes, p->node);
	else if (p->kind == MEM_INTERLEAVE)
		mem = numa_alloc_interleaved_subset(bytes, p->mems);
	else
		mem = numa_alloc_local(bytes);
	if (!mem)
		return NULL;
	/* Fault every page in now, under the policy set above, so placement
	 * and page-fault cost are not part of the measurement. */
	memset(mem, 0, bytes);
	if (p && p->numa && p->kind == MEM_NODE)
		check_on_node(p, mem, bytes);
	return mem;
}

void swtlb_mem_free(void *mem, size_t bytes, void *policy)
{
	struct swtlb_mem_policy *p = policy;

	if (!mem)
		return;
	if (p && p->huge_kb)
		munmap(mem, huge_round(p, bytes));
	else if (p && p->numa)
		numa_free(mem, bytes);
	else
		munmap(mem, bytes);
}

int swtlb_mem_pages_by_node(const void *mem, size_t bytes, unsigned int *counts,
			    unsigned int ncounts, unsigned int *absent)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t npages = (bytes + (size_t)page - 1) / (size_t)page;
	void **pages = calloc(npages ? npages : 1, sizeof(*pages));
	int *status = calloc(npages ? npages : 1, sizeof(*status));
	int rc = -1;

	memset(counts, 0, ncounts * sizeof(*counts));
	*absent = 0;
	if (!pages || !status)
		goto out;
	for (size_t i = 0; i < npages; i++)
		pages[i] = (char *)mem + i * (size_t)page;
	/* nodes == NULL: move_pages only reports where each page is. */
	if (numa_move_pages(0, npages, pages, NULL, status, 0) < 0)
		goto out;
	for (size_t i = 0; i < npages; i++) {
		if (status[i] >= 0 && (unsigned int)status[i] < ncounts)
			counts[status[i]]++;
		else
			(*absent)++;
	}
	rc = 0;
out:
	free(pages);
	free(status);
	return rc;
}
