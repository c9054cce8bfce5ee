/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/resume.h: what swtlb-bench --resume finds already done: the
 * (configuration, rep) pairs of an existing results file
 * (bench/common/results.h reads it), which are not run again.
 */
#ifndef SWTLB_BENCH_RESUME_H
#define SWTLB_BENCH_RESUME_H

#include <stdbool.h>
#include <stddef.h>

#include "bench/common/results.h"

struct swtlb_bench_existing {
	struct swtlb_results_existing file;
	char **done; /* sorted "key\x1frep" strings */
	size_t ndone;
};

/* 0, or -1 with a one-line reason (see swtlb_results_load()). */
int swtlb_bench_existing_load(const char *path, const char *this_host,
			      struct swtlb_bench_existing *ex, char *err,
			      size_t errlen);
bool swtlb_bench_existing_has(const struct swtlb_bench_existing *ex,
			      const char *key, unsigned int rep);
void swtlb_bench_existing_free(struct swtlb_bench_existing *ex);

#endif /* SWTLB_BENCH_RESUME_H */
