/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reports/describe.h: words and numbers as the reports print them: a
 * configuration as phrases, the host it ran on, and compact number formats.
 */
#ifndef SWTLB_REPORTS_DESCRIBE_H
#define SWTLB_REPORTS_DESCRIBE_H

#include <stddef.h>

#include "reports/results.h"
#include "reports/strbuf.h"
#include "reports/summary.h"

#define PHRASE_LEN 160

/* The configuration of g as phrases ("layout compact", "2 threads", ...).
 * Phrases of keys set in skip[] (may be NULL) are left out. Returns n. */
size_t describe_cfg(const struct cfg_group *g, const bool *skip,
		    char phrase[NKEYS][PHRASE_LEN]);
/* The same joined by ", " on one line. */
void describe_cfg_line(const struct cfg_group *g, const bool *skip,
		       struct strbuf *out);
/* "host X, kernel Y, rev Z, run R, cpu C" lines, wrapped to 72 columns,
 * after prefix. Unknown values print as "unknown". */
void describe_host(const struct results *r, const char *prefix,
		   struct strbuf *out);
/* One metadata field, all distinct values joined by " / ". */
void describe_meta(const struct results *r, enum meta_field f,
		   struct strbuf *out);

/* 12345678 -> "12.35M": three to four significant digits and a suffix. */
void fmt_si(char *buf, size_t len, double v);
/* p-value with 3 decimals, or scientific below 0.001. */
void fmt_p(char *buf, size_t len, double p);
/* Whole numbers without decimals, others with one. */
void fmt_num(char *buf, size_t len, double v);

#endif /* SWTLB_REPORTS_DESCRIBE_H */
