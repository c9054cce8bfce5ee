/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/filter.h: --benchmark_filter as swtlb-bench reads it, to
 * count the runs Google Benchmark will select (a POSIX extended regular
 * expression; a leading '-' negates it; "" or "all" selects every run).
 */
#ifndef SWTLB_BENCH_FILTER_H
#define SWTLB_BENCH_FILTER_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

struct swtlb_bench_filter {
	regex_t re;
	bool active, negated;
};

/* 0, or -1 with a one-line reason (not a regular expression). */
int swtlb_bench_filter_init(struct swtlb_bench_filter *f, const char *spec,
			    char *err, size_t errlen);
bool swtlb_bench_filter_selected(const struct swtlb_bench_filter *f,
				 const char *name);
void swtlb_bench_filter_free(struct swtlb_bench_filter *f);

#endif /* SWTLB_BENCH_FILTER_H */
