/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reports/plot.h: charts through gnuplot (Debian's gnuplot-nox).
 *
 * For every chart, DIR gets the data file (NAME.dat), the script (NAME.gp,
 * to tweak and rerun with `gnuplot NAME.gp` inside DIR) and its renderings
 * NAME.png and NAME.svg; DIR/index.txt lists the charts with their titles.
 * Charts: throughput vs threads per scheme (tput-*), the same relative to
 * the baseline (rel-*), one per layout, bounce setting and any other
 * configuration that differs; reported vs true high-water mark per scheme
 * (hiwater-*), for configurations whose rows carry hiwater_truth.
 */
#ifndef SWTLB_REPORTS_PLOT_H
#define SWTLB_REPORTS_PLOT_H

#include "reports/results.h"

/* 0 when a gnuplot executable is on PATH, else -1. */
int plot_check_gnuplot(void);
/* Writes every chart into dir (created if missing). Returns 0, or -1 after
 * a one-line message on stderr. */
int plot_write(const struct results *r, const char *baseline, const char *dir);

#endif /* SWTLB_REPORTS_PLOT_H */
