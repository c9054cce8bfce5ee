// SPDX-License-Identifier: GPL-2.0-only
/*
 * workloads/registry.c: every workload, one a line. Adding one: its folder
 * workloads/NAME/ (NAME.c defining swtlb_workload_NAME, a CMakeLists.txt
 * adding it to swtlb_workloads) and an X(NAME) line below.
 */
#include <string.h>

#include "workloads/workload.h"

/* One workload a line, by the name of its swtlb_workload_NAME; the first
 * is the default of every tool. */
// clang-format off
#define SWTLB_WORKLOAD_LIST(X) \
    X(swiotlb)                 \
    X(memcg)                   \
    X(harness)
// clang-format on

#define DECLARE(name)                                                          \
	extern const struct swtlb_workload_ops swtlb_workload_##name;
#define ENTRY(name) &swtlb_workload_##name,
SWTLB_WORKLOAD_LIST(DECLARE)

const struct swtlb_workload_ops *const swtlb_workloads[] = {
    SWTLB_WORKLOAD_LIST(ENTRY) NULL,
};

const struct swtlb_workload_ops *swtlb_workload_find(const char *name)
{
	for (unsigned int i = 0; swtlb_workloads[i]; i++)
		if (!strcmp(swtlb_workloads[i]->name, name))
			return swtlb_workloads[i];
	return NULL;
}
