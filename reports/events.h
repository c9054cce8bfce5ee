/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reports/events.h: the --events columns of a results file (schema 2:
 * pmu_events, pmu_per_op, pmu_scaled; lists joined by ';'), gathered per
 * scheme and printed per configuration as each event's median per op.
 *
 * The lists come from a file a user may have received: event names must
 * be libpfm4-style names (letters, digits, _:.=-), at most 95 characters
 * and 64 events a row, or the row is refused.
 */
#ifndef SWTLB_REPORTS_EVENTS_H
#define SWTLB_REPORTS_EVENTS_H

#include <stddef.h>

#include "reports/report.h"
#include "reports/results.h"
#include "reports/strbuf.h"

/* Adds one row's lists to s. 0, or -1 with what is wrong in why. */
int events_add_row(struct scheme_stats *s, const char *names,
		   const char *per_op, const char *scaled, char *why,
		   size_t len);
void events_free(struct scheme_stats *s);

/* Text or Markdown lines: for each event of the configuration, every
 * scheme's median per op ("-" if not counted; "*" if scaled in a rep). */
void events_report(const struct scheme_stats *const *order, size_t n,
		   enum report_format fmt, struct strbuf *out);

#endif /* SWTLB_REPORTS_EVENTS_H */
