/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reports/handoff.h: what the hand-off and fairness columns mean in a
 * report (issue 12), and the host facts in its head.
 *
 * The ceiling of a thread set is the most ops/s one contended cache line
 * allows when every op needs the line once: 1 / handoff_ns. A scheme's
 * cost per op in hand-offs is the wall time of one op of the whole run
 * over one hand-off: ceiling / ops_per_sec. 1.0 runs at the ceiling; 3.0
 * spends three hand-offs' time per op; below 1.0 the ops are not
 * serialised on one line (e.g. areas on lines of their own).
 */
#ifndef SWTLB_REPORTS_HANDOFF_H
#define SWTLB_REPORTS_HANDOFF_H

#include <stdbool.h>

#include "reports/results.h"
#include "reports/strbuf.h"

/* A run is marked unfair below this Jain index: at 2 threads, one thread
 * doing more than twice the other's work ((1 + 2)^2 / (2 x 5) = 0.9). */
#define UNFAIR_JAIN 0.9

/* ops/s at one hand-off per op; false for an unknown or non-positive
 * hand-off. */
bool handoff_ceiling(double handoff_ns, double *ops_per_sec);
/* Hand-offs per op; false when either figure is unknown or not positive. */
bool handoffs_per_op(double ops_per_sec, double handoff_ns, double *out);
bool jain_unfair(double jain);

/* The host facts and their warnings for a report head, "" when the files
 * carry none (schema 1). md: Markdown list items. */
void describe_facts(const struct results *r, bool md, struct strbuf *out);

#endif /* SWTLB_REPORTS_HANDOFF_H */
