/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/common/cli.h: the command line of every tool of bench/, one style.
 *
 * Options are long only, `--name VALUE` or `--name=VALUE`, described by
 * tables of { name, has_arg, set }; a tool may parse with several tables
 * (its own, a workload's), each with its own target. set() checks and
 * stores one value, or fails with a one-line reason naming the option.
 * Anything not starting with "--" is positional. Errors of usage end in
 * swtlb_cli_die(): one line on stderr, exit status 2, before any work.
 */
#ifndef SWTLB_BENCH_CLI_H
#define SWTLB_BENCH_CLI_H

#include <stdbool.h>
#include <stddef.h>

#define SWTLB_EXIT_USAGE 2

struct swtlb_cli_opt {
	const char *name; /* without the leading "--" */
	bool has_arg;
	/* value is NULL for an option without one. 0, or -1 with err. */
	int (*set)(void *target, const char *value, char *err, size_t errlen);
};

/* One table (NULL-name terminated) and what its set() writes into. */
struct swtlb_cli_table {
	const struct swtlb_cli_opt *opts;
	void *target;
};

/*
 * Parses argv[1..argc-1] against ntables tables (first match wins).
 * Positional arguments are collected in order into pos (at most maxpos;
 * *npos gets their count; pos NULL: none allowed). 0, or -1 with a
 * one-line reason (unknown option, missing or unexpected value, what a
 * set() refused).
 */
int swtlb_cli_parse(int argc, char **argv, const struct swtlb_cli_table *tables,
		    unsigned int ntables, const char **pos, unsigned int maxpos,
		    unsigned int *npos, char *err, size_t errlen);

/* Unsigned integer in [lo, hi], decimal by the parser of every tool
 * (util/num.h): no sign, blank, hex or octal ("010" is ten). 0, or -1. */
int swtlb_cli_uint(const char *s, unsigned long long lo, unsigned long long hi,
		   unsigned long long *out);
/* A bit mask: the same, or hexadecimal after 0x. 0, or -1. */
int swtlb_cli_mask(const char *s, unsigned long long hi,
		   unsigned long long *out);

/* "PROG: message" on stderr and exit status 2. */
_Noreturn void swtlb_cli_die(const char *prog, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* SWTLB_BENCH_CLI_H */
