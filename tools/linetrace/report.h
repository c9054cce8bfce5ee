/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tools/linetrace/report.h: the analyser's tables (report.c).
 */
#ifndef LT_REPORT_H
#define LT_REPORT_H

#include <stdio.h>

#include "tools/linetrace/linetrace.h"

#define LT_MAX_LATENCIES 8

struct lt_report_opts {
	double latency[LT_MAX_LATENCIES]; /* ns per line transfer */
	unsigned int nlatency;
	double insn_ns;	     /* ns per instruction */
	double jitter_ns;    /* most random pause before an op */
	unsigned int repeat; /* the traced ops replayed this many times */
	unsigned int seeds;  /* replays averaged */
};

/* "25,180,560": 0, or -1 (nothing changed). */
int lt_parse_latencies(const char *s, struct lt_report_opts *o);
void lt_report(const struct lt_run *r, const struct lt_report_opts *o,
	       FILE *out);

#endif /* LT_REPORT_H */
