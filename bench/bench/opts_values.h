/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/opts_values.h: the forms of swtlb-bench's option values
 * (numbers, comma lists, "a|b|both" pairs, seconds, bounded text), for
 * the option handlers of opts.c. Each returns 0, or -1 when the value is
 * not of its form; the handler names the option.
 */
#ifndef SWTLB_BENCH_OPTS_VALUES_H
#define SWTLB_BENCH_OPTS_VALUES_H

#include <stddef.h>

#include "bench/bench/opts.h"

/* Unsigned integer in [lo, hi] (cli.h's rules). */
int swtlb_opt_parse_uint(const char *s, unsigned long lo, unsigned long hi,
			 unsigned long *out);
/* Calls fn on every item of a comma list; -1 on an empty item. */
int swtlb_opt_for_each_item(const char *list, int (*fn)(const char *, void *),
			    void *ctx);
/* Items of --schemes, --layouts, --threads into the opts (ctx). */
int swtlb_opt_add_scheme(const char *name, void *ctx);
int swtlb_opt_add_layout(const char *name, void *ctx);
int swtlb_opt_add_threads(const char *s, void *ctx);
/* "a|b|both" -> 1 or 2 values (0 for a, 1 for b). */
int swtlb_opt_parse_pair(const char *v, const char *a, const char *b, int *vals,
			 unsigned int *n);
/* Seconds > 0, at most 3600, an optional trailing 's'. */
int swtlb_opt_parse_seconds(const char *s, double *out);
/* v into dst when it fits. */
int swtlb_opt_copy_str(char *dst, size_t len, const char *v);

#endif /* SWTLB_BENCH_OPTS_VALUES_H */
