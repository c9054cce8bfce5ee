/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reports/plot_int.h: what plot.c, plot_gp.c and plot_series.c share;
 * internal to the charts of plot.h.
 */
#ifndef SWTLB_REPORTS_PLOT_INT_H
#define SWTLB_REPORTS_PLOT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "reports/results.h"
#include "reports/strbuf.h"

/* One chart: the groups it draws, which differ only in skipped keys. */
struct chart {
	size_t n;
	const struct cfg_group **g;
	bool skip[NKEYS]; /* keys that vary along the chart */
};

struct point {
	long threads;
	double y, lo, hi;
};

struct series {
	char name[160];
	size_t style; /* the scheme's place in the whole run: same colour in
			 every chart */
	size_t n;
	struct point *p;
};

/* plot_gp.c */
void plot_gp_str(struct strbuf *sb, const char *s);
void plot_dat_str(struct strbuf *sb, const char *s);
void plot_script_head(struct strbuf *gp, const char *name);
void plot_script_tail(struct strbuf *gp, const char *name);
int plot_emit(const char *dir, const char *name, const struct strbuf *dat,
	      const struct strbuf *gp, const char *what, struct strbuf *index);
void plot_series_style(struct strbuf *gp, size_t k);

/* plot_series.c */
size_t plot_make_charts(const struct results *r, const bool *skip,
			bool need_truth, struct chart **out);
void plot_free_charts(struct chart *c, size_t n);
bool plot_areas_single(const struct chart *c);
void plot_free_series(struct series *s, size_t n);
size_t plot_chart_series(const struct results *r, const struct chart *c,
			 const char *baseline, bool relative,
			 struct series **out);
double plot_max_y(const struct series *s, size_t n, double floor_v);
size_t plot_ceiling_dat(const struct chart *c, struct strbuf *dat,
			size_t index);

#endif /* SWTLB_REPORTS_PLOT_INT_H */
