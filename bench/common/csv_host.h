/* SPDX-License-Identifier: GPL-2.0-only */
/* bench/common/csv_host.h: host facts for the CSV metadata
 * (bench/common/csv_host.c). */
#ifndef SWTLB_BENCH_CSV_HOST_H
#define SWTLB_BENCH_CSV_HOST_H

#include <stddef.h>

/* /proc/cpuinfo "model name" of the first CPU; "" when there is none. */
void swtlb_host_cpu_model(char *buf, size_t len);
/*
 * `git rev-parse --short HEAD` of the source tree, with "-dirty" appended
 * when tracked files differ from HEAD; "" when git or the tree is missing.
 */
void swtlb_host_git_rev(const char *srcdir, char *buf, size_t len);

#endif /* SWTLB_BENCH_CSV_HOST_H */
