/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reports/report.h: the two reports. The scheme report compares the
 * schemes of each configuration against a baseline scheme; the compare
 * report compares each configuration and scheme across two runs.
 */
#ifndef SWTLB_REPORTS_REPORT_H
#define SWTLB_REPORTS_REPORT_H

#include "reports/results.h"
#include "reports/strbuf.h"

enum report_format { FMT_TEXT, FMT_MARKDOWN, FMT_CSV };

void report_schemes(const struct results *r, const char *baseline,
		    enum report_format fmt, struct strbuf *out);
void report_compare(const struct results *old_r, const char *old_name,
		    const struct results *new_r, const char *new_name,
		    enum report_format fmt, struct strbuf *out);

/* CSV output pieces shared by both reports. */
void report_csv_header(struct strbuf *out, const char *const *tail, size_t n);
void report_csv_keys(struct strbuf *out, const struct cfg_group *g);
void report_csv_opt(struct strbuf *out, bool known, double v);

/* "N tests, uncorrected: about N/20 would get * by chance alone" (the
 * tests are not corrected for multiple comparisons); nothing for N < 2. */
void report_chance_line(size_t ntests, size_t nweak, struct strbuf *out);
/* Whether a summary's test can reach p < 0.05 at its sample sizes. */
struct summary;
bool summary_test_too_weak(const struct summary *sm);

/* The legend of the significance marks (one line, no newline). */
extern const char report_legend[];

#endif /* SWTLB_REPORTS_REPORT_H */
