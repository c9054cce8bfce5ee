/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reports/report_int.h: what report.c and report_head.c share; internal
 * to the scheme report of report.h.
 */
#ifndef SWTLB_REPORTS_REPORT_INT_H
#define SWTLB_REPORTS_REPORT_INT_H

#include "reports/report.h"

#define SCHEME_TEXT_MAX 20

/* The lines above the first configuration (text and Markdown). */
void report_head(const struct results *r, const char *baseline,
		 enum report_format fmt, struct strbuf *out);

#endif /* SWTLB_REPORTS_REPORT_INT_H */
