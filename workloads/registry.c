// SPDX-License-Identifier: GPL-2.0-only
/*
 * workloads/registry.c: every workload, one a line. Adding one: its folder
 * workloads/NAME/ (NAME.c defining swtlb_workload_NAME, a CMakeLists.txt
 * adding it to swtlb_workloads) and a line here.
 */
#include <string.h>

#include "workloads/workload.h"

extern const struct swtlb_workload_ops swtlb_workload_swiotlb;
extern const struct swtlb_workload_ops swtlb_workload_harness;

/* One workload a line; the first is the default of every tool. */
// clang-format off
const struct swtlb_workload_ops *const swtlb_workloads[] = {
    &swtlb_workload_swiotlb,
    &swtlb_workload_harness,
    NULL,
};
// clang-format on

const struct swtlb_workload_ops *swtlb_workload_find(const char *name)
{
	for (unsigned int i = 0; swtlb_workloads[i]; i++)
		if (!strcmp(swtlb_workloads[i]->name, name))
			return swtlb_workloads[i];
	return NULL;
}
