// SPDX-License-Identifier: GPL-2.0-only
/*
 * topology/topo_load.c: load a topology (host, synthetic, XML) through hwloc
 * and flatten it into the PU table of topo_internal.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "topology/topo_internal.h"
#include "topology/topology.h"

#define SYNTHETIC_PREFIX "synthetic:"
#define XML_PREFIX	 "xml:"
/* The largest lstopo exports (thousands of PUs with I/O) are a few MiB. */
#define XML_MAX_BYTES (64 << 20)
/* Largest synthetic topology: x86's NR_CPUS maximum. */
#define SWTLB_SYNTHETIC_MAX_PUS 8192U

int swtlb_topo_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * The NUMA node a PU belongs to: the smallest node whose cpuset holds it
 * (lowest logical index on a tie, e.g. DDR before an HBM node with the same
 * CPUs). -1 if none does.
 */
static int numa_of(hwloc_topology_t hw, hwloc_const_cpuset_t pu_set)
{
	int n = hwloc_get_nbobjs_by_type(hw, HWLOC_OBJ_NUMANODE);
	int best = -1, best_weight = 0;

	for (int i = 0; i < n; i++) {
		hwloc_obj_t node = hwloc_get_obj_by_type(hw, HWLOC_OBJ_NUMANODE,
							 (unsigned int)i);
		int w;

		if (!node->cpuset ||
		    !hwloc_bitmap_isincluded(pu_set, node->cpuset))
			continue;
		w = hwloc_bitmap_weight(node->cpuset);
		if (best < 0 || w < best_weight) {
			best = i;
			best_weight = w;
		}
	}
	return best;
}

/* Do NUMA nodes contain packages (rather than packages containing nodes)?
 * True when there are fewer nodes than packages and every package lies
 * inside one node: then scatter must spread over nodes first. */
static bool numa_above_package(hwloc_topology_t hw)
{
	int npkg = hwloc_get_nbobjs_by_type(hw, HWLOC_OBJ_PACKAGE);
	int nnuma = hwloc_get_nbobjs_by_type(hw, HWLOC_OBJ_NUMANODE);

	if (npkg <= 0 || nnuma <= 0 || nnuma >= npkg)
		return false;
	for (int p = 0; p < npkg; p++) {
		hwloc_obj_t pkg = hwloc_get_obj_by_type(hw, HWLOC_OBJ_PACKAGE,
							(unsigned int)p);
		bool inside = false;

		for (int n = 0; n < nnuma && !inside; n++) {
			hwloc_obj_t node = hwloc_get_obj_by_type(
			    hw, HWLOC_OBJ_NUMANODE, (unsigned int)n);
			inside = node->cpuset && hwloc_bitmap_isincluded(
						     pkg->cpuset, node->cpuset);
		}
		if (!inside)
			return false;
	}
	return true;
}

static int flatten(struct swtlb_topo *topo, char *err, size_t errlen)
{
	hwloc_topology_t hw = topo->hw;
	hwloc_const_cpuset_t allowed = hwloc_topology_get_allowed_cpuset(hw);
	int npus = hwloc_get_nbobjs_by_type(hw, HWLOC_OBJ_PU);
	int ncores_hw = hwloc_get_nbobjs_by_type(hw, HWLOC_OBJ_CORE);
	unsigned int *per_core;
	unsigned int coreless = 0;

	if (npus <= 0)
		return swtlb_topo_fail(
		    err, errlen, "topology '%s' has no PUs (CPUs)", topo->spec);
	if (ncores_hw < 0)
		ncores_hw = 0;
	topo->pus = calloc((size_t)npus, sizeof(*topo->pus));
	per_core = calloc((size_t)ncores_hw + (size_t)npus, sizeof(*per_core));
	if (!topo->pus || !per_core) {
		free(per_core);
		return swtlb_topo_fail(err, errlen, "out of memory");
	}
	topo->npus = (unsigned int)npus;
	for (unsigned int i = 0; i < topo->npus; i++) {
		hwloc_obj_t obj = hwloc_get_obj_by_type(hw, HWLOC_OBJ_PU, i);
		hwloc_obj_t core =
		    hwloc_get_ancestor_obj_by_type(hw, HWLOC_OBJ_CORE, obj);
		hwloc_obj_t pkg =
		    hwloc_get_ancestor_obj_by_type(hw, HWLOC_OBJ_PACKAGE, obj);
		struct swtlb_pu *pu = &topo->pus[i];

		pu->os = obj->os_index;
		pu->logical = obj->logical_index;
		/* A PU without a Core object is a core of its own. */
		pu->core = core ? core->logical_index
				: (unsigned int)ncores_hw + coreless++;
		pu->smt = per_core[pu->core]++;
		pu->package = pkg ? (int)pkg->logical_index : -1;
		pu->numa = numa_of(hw, obj->cpuset);
		pu->allowed = hwloc_bitmap_isset(allowed, obj->os_index);
		if (pu->allowed)
			topo->nallowed++;
		if (pu->os + 1 > topo->max_cpu)
			topo->max_cpu = pu->os + 1;
	}
	topo->ncores = (unsigned int)ncores_hw + coreless;
	topo->smt_min = ~0u;
	for (unsigned int c = 0; c < topo->ncores; c++) {
		if (!per_core[c])
			continue; /* a core without PUs: ignore */
		if (per_core[c] < topo->smt_min)
			topo->smt_min = per_core[c];
		if (per_core[c] > topo->smt_max)
			topo->smt_max = per_core[c];
	}
	free(per_core);
	topo->npackages =
	    (unsigned int)hwloc_get_nbobjs_by_type(hw, HWLOC_OBJ_PACKAGE);
	topo->nnuma =
	    (unsigned int)hwloc_get_nbobjs_by_type(hw, HWLOC_OBJ_NUMANODE);
	topo->numa_above_package = numa_above_package(hw);
	return 0;
}

/*
 * The number of PUs a synthetic description asks for: the product of its
 * level arities ("pack:2 core:8 pu:2", "2 8 2"; attributes in (...) and
 * memory children in [...] ignored), saturating at max + 1. hwloc builds
 * whatever it is given, so "pack:99999 core:99999" would never finish.
 */
static unsigned long synthetic_pus(const char *desc, unsigned long max)
{
	unsigned long pus = 1;
	int depth = 0;
	const char *p = desc;

	while (*p) {
		const char *head = p, *end, *colon = NULL;
		unsigned long arity = 0;
		bool digits = true;

		if (*p == ' ' || *p == '\t' || *p == '\n') {
			p++;
			continue;
		}
		/* Token head: up to a blank, '(' or '[' at depth 0. */
		while (*p && (depth || (*p != ' ' && *p != '\t' && *p != '\n' &&
					*p != '(' && *p != '['))) {
			if (*p == ')' || *p == ']')
				depth -= depth > 0;
			p++;
		}
		end = p;
		/* Skip the token's attributes / memory children. */
		while (*p &&
		       (depth || (*p != ' ' && *p != '\t' && *p != '\n'))) {
			if (*p == '(' || *p == '[')
				depth++;
			else if ((*p == ')' || *p == ']') && depth)
				depth--;
			p++;
		}
		for (const char *q = head; q < end; q++)
			if (*q == ':')
				colon = q;
		for (const char *q = colon ? colon + 1 : head; q < end; q++) {
			if (*q < '0' || *q > '9') {
				digits = false;
				break;
			}
			arity = arity > max ? arity : arity * 10 + (*q - '0');
		}
		if (!digits || end == (colon ? colon + 1 : head))
			continue; /* not an arity: hwloc judges it */
		if (arity && pus > (max + 1) / arity)
			return max + 1;
		if (arity)
			pus *= arity;
	}
	return pus > max ? max + 1 : pus;
}

/* Point hwloc at the source named by spec. */
static int select_source(struct swtlb_topo *topo, const char *spec, char *err,
			 size_t errlen)
{
	if (starts_with(spec, SYNTHETIC_PREFIX)) {
		const char *desc = spec + strlen(SYNTHETIC_PREFIX);

		topo->source = SWTLB_TOPO_SYNTHETIC;
		if (!*desc)
			return swtlb_topo_fail(
			    err, errlen,
			    "empty synthetic topology: give a description, "
			    "e.g. 'synthetic:pack:2 numa:2 core:8 pu:2'");
		if (synthetic_pus(desc, SWTLB_SYNTHETIC_MAX_PUS) >
		    SWTLB_SYNTHETIC_MAX_PUS)
			return swtlb_topo_fail(
			    err, errlen,
			    "synthetic topology '%s' has more than %u PUs "
			    "(the kernel's largest NR_CPUS)",
			    desc, SWTLB_SYNTHETIC_MAX_PUS);
		if (hwloc_topology_set_synthetic(topo->hw, desc) < 0)
			return swtlb_topo_fail(
			    err, errlen,
			    "invalid synthetic topology description '%s' "
			    "(hwloc synthetic syntax, e.g. "
			    "'pack:2 numa:2 core:8 pu:2')",
			    desc);
		return 0;
	}
	if (starts_with(spec, XML_PREFIX)) {
		const char *file = spec + strlen(XML_PREFIX);
		struct stat st;
		int fd;

		topo->source = SWTLB_TOPO_XML;
		if (!*file)
			return swtlb_topo_fail(err, errlen,
					       "empty XML topology file name "
					       "(expected xml:<file>)");
		/* hwloc's own errors are vague: name the file problem here. */
		/* O_NONBLOCK: a FIFO without a writer must not hang us. */
		fd = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			return swtlb_topo_fail(err, errlen,
					       "cannot read XML topology '%s': "
					       "%s",
					       file, strerror(errno));
		if (fstat(fd, &st) != 0)
			st.st_mode = 0;
		close(fd);
		if (S_ISDIR(st.st_mode))
			return swtlb_topo_fail(err, errlen,
					       "cannot read XML topology '%s': "
					       "is a directory",
					       file);
		/* hwloc reads /dev/zero or a FIFO without end. */
		if (!S_ISREG(st.st_mode))
			return swtlb_topo_fail(err, errlen,
					       "cannot read XML topology '%s': "
					       "not a regular file",
					       file);
		if (st.st_size > XML_MAX_BYTES)
			return swtlb_topo_fail(err, errlen,
					       "cannot read XML topology '%s': "
					       "larger than %d MiB",
					       file, XML_MAX_BYTES >> 20);
		if (hwloc_topology_set_xml(topo->hw, file) < 0)
			return swtlb_topo_fail(
			    err, errlen,
			    "cannot load XML topology '%s': not a valid hwloc "
			    "XML export (lstopo --of xml)",
			    file);
		return 0;
	}
	if (strcmp(spec, "host") != 0)
		return swtlb_topo_fail(err, errlen,
				       "unknown topology '%s' (expected host, "
				       "synthetic:<desc> or xml:<file>)",
				       spec);
	topo->source = SWTLB_TOPO_HOST;
	return 0;
}

struct swtlb_topo *swtlb_topo_load(const char *spec, char *err, size_t errlen)
{
	struct swtlb_topo *topo = calloc(1, sizeof(*topo));

	if (!spec || !*spec)
		spec = "host";
	if (!topo || !(topo->spec = strdup(spec))) {
		free(topo);
		swtlb_topo_fail(err, errlen, "out of memory");
		return NULL;
	}
	if (hwloc_topology_init(&topo->hw) < 0) {
		topo->hw = NULL;
		swtlb_topo_fail(err, errlen, "hwloc_topology_init failed: %s",
				strerror(errno));
		goto fail;
	}
	/* Keep CPUs outside our cgroup/cpuset so asking for one can be named
	 * as such instead of looking absent. Layouts skip them. */
	hwloc_topology_set_flags(topo->hw,
				 HWLOC_TOPOLOGY_FLAG_INCLUDE_DISALLOWED);
	if (select_source(topo, spec, err, errlen) < 0)
		goto fail;
	if (hwloc_topology_load(topo->hw) < 0) {
		if (topo->source == SWTLB_TOPO_XML)
			swtlb_topo_fail(err, errlen,
					"cannot load XML topology '%s': not a "
					"valid hwloc XML export (lstopo --of "
					"xml)",
					spec + strlen(XML_PREFIX));
		else
			swtlb_topo_fail(err, errlen,
					"cannot load topology '%s' (hwloc: %s)",
					spec, strerror(errno));
		goto fail;
	}
	if (flatten(topo, err, errlen) < 0)
		goto fail;
	if (topo->nallowed == 0) {
		swtlb_topo_fail(err, errlen,
				"topology '%s' has no allowed CPU (cpuset)",
				spec);
		goto fail;
	}
	return topo;
fail:
	swtlb_topo_free(topo);
	return NULL;
}

void swtlb_topo_free(struct swtlb_topo *topo)
{
	if (!topo)
		return;
	if (topo->hw)
		hwloc_topology_destroy(topo->hw);
	free(topo->pus);
	free(topo->spec);
	free(topo);
}

bool swtlb_topo_is_host(const struct swtlb_topo *topo)
{
	return topo->source == SWTLB_TOPO_HOST &&
	       hwloc_topology_is_thissystem(topo->hw);
}

unsigned int swtlb_topo_npus(const struct swtlb_topo *topo)
{
	return topo->nallowed;
}

unsigned int swtlb_topo_max_cpu(const struct swtlb_topo *topo)
{
	return topo->max_cpu;
}

const char *swtlb_topo_spec(const struct swtlb_topo *topo)
{
	return topo->spec;
}

int swtlb_topo_find_os(const struct swtlb_topo *topo, unsigned int os)
{
	for (unsigned int i = 0; i < topo->npus; i++)
		if (topo->pus[i].os == os)
			return (int)i;
	return -1;
}

void swtlb_topo_format_cpus(const struct swtlb_topo *topo,
			    bool (*want)(const struct swtlb_pu *pu, int arg),
			    int arg, char *buf, size_t len)
{
	hwloc_bitmap_t set = hwloc_bitmap_alloc();

	if (!set) {
		snprintf(buf, len, "?");
		return;
	}
	for (unsigned int i = 0; i < topo->npus; i++)
		if (want(&topo->pus[i], arg))
			hwloc_bitmap_set(set, topo->pus[i].os);
	if (hwloc_bitmap_iszero(set))
		snprintf(buf, len, "none");
	else
		hwloc_bitmap_list_snprintf(buf, len, set);
	hwloc_bitmap_free(set);
}

static const char *plural(unsigned int n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int swtlb_topo_describe(const struct swtlb_topo *topo, char *buf, size_t len)
{
	char smt[32];

	if (topo->smt_min == topo->smt_max)
		snprintf(smt, sizeof(smt), "%u", topo->smt_max);
	else
		snprintf(smt, sizeof(smt), "%u-%u", topo->smt_min,
			 topo->smt_max);
	return snprintf(buf, len,
			"%s: %u %s, %u NUMA %s, %u %s, %u %s (%u allowed), "
			"%s threads per core",
			topo->spec, topo->npackages,
			plural(topo->npackages, "package", "packages"),
			topo->nnuma, plural(topo->nnuma, "node", "nodes"),
			topo->ncores, plural(topo->ncores, "core", "cores"),
			topo->npus, plural(topo->npus, "PU", "PUs"),
			topo->nallowed, smt);
}

int swtlb_topo_numa_by_os(const struct swtlb_topo *topo, const char *text,
			  char *err, size_t errlen)
{
	hwloc_const_nodeset_t all =
	    hwloc_topology_get_topology_nodeset(topo->hw);
	char nodes[256];
	unsigned long n = 0;
	const char *s = text;
	hwloc_obj_t node;

	hwloc_bitmap_list_snprintf(nodes, sizeof(nodes), all);
	if (!*s)
		return swtlb_topo_fail(err, errlen,
				       "missing NUMA node number (nodes by OS "
				       "index: %s)",
				       nodes);
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || n > 1000000)
			return swtlb_topo_fail(
			    err, errlen,
			    "bad NUMA node '%s': expected an OS node number "
			    "(nodes by OS index: %s)",
			    text, nodes);
		n = n * 10 + (unsigned long)(*s - '0');
	}
	node =
	    n <= 1000000
		? hwloc_get_numanode_obj_by_os_index(topo->hw, (unsigned int)n)
		: NULL;
	if (!node)
		return swtlb_topo_fail(err, errlen,
				       "NUMA node %lu does not exist in "
				       "topology '%s' (nodes by OS index: %s)",
				       n, topo->spec, nodes);
	return (int)node->logical_index;
}
