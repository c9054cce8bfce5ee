/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * topology/cpulist.h: parse an explicit CPU list, the kernel's cpulist
 * syntax without strides: "0-3,8,10-11" (OS CPU ids, kept in the order
 * written, ranges ascending).
 */
#ifndef SWTLB_TOPOLOGY_CPULIST_H
#define SWTLB_TOPOLOGY_CPULIST_H

#include <stddef.h>

/* Largest CPU id accepted (Linux NR_CPUS is at most 8192 today). */
#define SWTLB_CPULIST_MAX_ID 65535u

/*
 * Parse list into a malloc'd array *ids of *n ids. A CPU named twice is an
 * error. 0, or -1 with a one-line reason naming the bad part.
 */
int swtlb_cpulist_parse(const char *list, unsigned int **ids, unsigned int *n,
			char *err, size_t errlen);

#endif /* SWTLB_TOPOLOGY_CPULIST_H */
