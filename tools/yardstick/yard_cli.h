/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tools/yardstick/yard_cli.h: the option errors and numbers of the two
 * harness programs (yardstick-*, linetrace-*), which scripts/yardstick and
 * scripts/linetrace call: one line on stderr and exit status 2; numbers by
 * the project's one parser (util/num.h).
 */
#ifndef SWTLB_TOOLS_YARDSTICK_YARD_CLI_H
#define SWTLB_TOOLS_YARDSTICK_YARD_CLI_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/num.h"

/* The program's name in its error lines; each program defines it. */
extern const char yard_cli_tool[];

static inline _Noreturn void bad(const char *opt, const char *val,
				 const char *want)
{
	fprintf(stderr, "%s: %s %s: want %s\n", yard_cli_tool, opt,
		val ? val : "", want);
	exit(2);
}

static inline unsigned long number(const char *opt, const char *s,
				   unsigned long lo, unsigned long hi)
{
	uint64_t v = 0;

	if (!s || swtlb_parse_u64(s, hi, &v) != SWTLB_NUM_OK || v < lo) {
		char want[64];

		snprintf(want, sizeof(want), "a number %lu..%lu", lo, hi);
		bad(opt, s, want);
	}
	return (unsigned long)v;
}

#endif /* SWTLB_TOOLS_YARDSTICK_YARD_CLI_H */
