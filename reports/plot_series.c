// SPDX-License-Identifier: GPL-2.0-only
/*
 * reports/plot_series.c: the data of the charts (see plot.h): which
 * configurations share a chart, the series of each chart, and the
 * hand-off ceiling drawn over the throughput charts.
 */
#include "reports/plot_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/handoff.h"
#include "reports/stats.h"
#include "reports/summary.h"

static bool same_except(const struct cfg_group *a, const struct cfg_group *b,
			const bool *skip)
{
	for (int k = 0; k < NKEYS; k++)
		if (!skip[k] && strcmp(a->key[k], b->key[k]) != 0)
			return false;
	return true;
}

size_t plot_make_charts(const struct results *r, const bool *skip,
			bool need_truth, struct chart **out)
{
	struct chart *c = NULL;
	size_t n = 0;

	for (size_t i = 0; i < r->ngroup; i++) {
		const struct cfg_group *g = &r->group[i];
		size_t j;

		if (need_truth) {
			bool any = false;

			for (size_t s = 0; s < g->nscheme; s++)
				any |= g->scheme[s].m[M_HW_TRUTH].n > 0;
			if (!any)
				continue;
		}
		for (j = 0; j < n; j++)
			if (same_except(c[j].g[0], g, skip))
				break;
		if (j == n) {
			c = xrealloc(c, (n + 1) * sizeof(*c));
			memset(&c[n], 0, sizeof(*c));
			memcpy(c[n].skip, skip, sizeof(c[n].skip));
			n++;
		}
		c[j].g = xrealloc(c[j].g, (c[j].n + 1) * sizeof(*c[j].g));
		c[j].g[c[j].n++] = g;
	}
	*out = c;
	return n;
}

void plot_free_charts(struct chart *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c[i].g);
	free(c);
}

/* Two groups at the same thread count with different area counts: the
 * series must then name the area count. */
static bool areas_vary_per_threads(const struct chart *c)
{
	for (size_t i = 0; i < c->n; i++)
		for (size_t j = i + 1; j < c->n; j++)
			if (c->g[i]->threads == c->g[j]->threads &&
			    strcmp(c->g[i]->key[K_NAREAS],
				   c->g[j]->key[K_NAREAS]) != 0)
				return true;
	return false;
}

bool plot_areas_single(const struct chart *c)
{
	for (size_t i = 1; i < c->n; i++)
		if (strcmp(c->g[0]->key[K_NAREAS], c->g[i]->key[K_NAREAS]))
			return false;
	return true;
}

static struct series *series_get(struct series **s, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*s)[i].name, name))
			return &(*s)[i];
	*s = xrealloc(*s, (*n + 1) * sizeof(**s));
	memset(&(*s)[*n], 0, sizeof(**s));
	snprintf((*s)[*n].name, sizeof((*s)[*n].name), "%s", name);
	return &(*s)[(*n)++];
}

static void series_push(struct series *s, struct point p)
{
	s->p = xrealloc(s->p, (s->n + 1) * sizeof(*s->p));
	s->p[s->n++] = p;
}

static int cmp_point(const void *a, const void *b)
{
	long x = ((const struct point *)a)->threads;
	long y = ((const struct point *)b)->threads;

	return (x > y) - (x < y);
}

void plot_free_series(struct series *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i].p);
	free(s);
}

/*
 * The series of a chart: absolute ops/s (relative == false) or the ratio
 * to the baseline's median in the same configuration.
 */
/* Place of a scheme's first appearance among all rows. */
static size_t scheme_index(const struct results *r, const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < r->ngroup; i++)
		for (size_t j = 0; j < r->group[i].nscheme; j++) {
			const char *s = r->group[i].scheme[j].name;
			bool before = false;

			if (!strcmp(s, name))
				return n;
			/* count each distinct name once */
			for (size_t a = 0; a <= i && !before; a++)
				for (size_t b = 0; b < r->group[a].nscheme;
				     b++) {
					if (a == i && b == j)
						break;
					if (!strcmp(r->group[a].scheme[b].name,
						    s)) {
						before = true;
						break;
					}
				}
			n += !before;
		}
	return n;
}

size_t plot_chart_series(const struct results *r, const struct chart *c,
			 const char *baseline, bool relative,
			 struct series **out)
{
	bool by_areas = areas_vary_per_threads(c);
	struct series *s = NULL;
	size_t n = 0;

	for (size_t i = 0; i < c->n; i++) {
		const struct cfg_group *g = c->g[i];
		const struct scheme_stats *base =
		    group_find_scheme(g, baseline);

		for (size_t j = 0; j < g->nscheme; j++) {
			const struct scheme_stats *st = &g->scheme[j];
			struct summary sm;
			char name[160];

			if (relative && (!base || st == base))
				continue;
			summarize(st, relative ? base : NULL, &sm);
			if (relative ? !sm.ratio.known : !sm.med.known)
				continue;
			if (by_areas)
				snprintf(name, sizeof(name), "%s, %s areas",
					 st->name, g->key[K_NAREAS]);
			else
				snprintf(name, sizeof(name), "%s", st->name);
			series_get(&s, &n, name)->style =
			    scheme_index(r, st->name);
			if (relative)
				series_push(series_get(&s, &n, name),
					    (struct point){g->threads,
							   sm.ratio.v, 0, 0});
			else
				series_push(series_get(&s, &n, name),
					    (struct point){g->threads, sm.med.v,
							   sm.lo.v, sm.hi.v});
		}
	}
	for (size_t i = 0; i < n; i++)
		qsort(s[i].p, s[i].n, sizeof(*s[i].p), cmp_point);
	*out = s;
	return n;
}

double plot_max_y(const struct series *s, size_t n, double floor_v)
{
	double m = floor_v;

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < s[i].n; j++)
			if (s[i].p[j].y > m)
				m = s[i].p[j].y;
	return m;
}

/*
 * Issue 12: the ceiling of each thread count of a chart (one contended
 * line, one hand-off per op: 1 / median handoff_ns of its rows), as one
 * more data set of the .dat file. Returns the points written.
 */
size_t plot_ceiling_dat(const struct chart *c, struct strbuf *dat, size_t index)
{
	struct point *p = NULL;
	size_t n = 0;

	for (size_t i = 0; i < c->n; i++) {
		const struct cfg_group *g = c->g[i];
		struct samples all = {0, 0, NULL};
		double ceiling;

		for (size_t j = 0; j < g->nscheme; j++)
			for (size_t k = 0; k < g->scheme[j].m[M_HANDOFF].n; k++)
				samples_push(&all,
					     g->scheme[j].m[M_HANDOFF].v[k]);
		if (all.n &&
		    handoff_ceiling(stats_median(all.v, all.n), &ceiling)) {
			p = xrealloc(p, (n + 1) * sizeof(*p));
			p[n++] = (struct point){g->threads, ceiling, 0, 0};
		}
		free(all.v);
	}
	if (n) {
		qsort(p, n, sizeof(*p), cmp_point);
		sb_addf(dat, "# series %zu: ceiling\n", index);
		sb_add(dat, "# threads ops_per_sec_at_one_handoff_per_op\n");
		for (size_t i = 0; i < n; i++)
			sb_addf(dat, "%ld %.10g\n", p[i].threads, p[i].y);
		sb_add(dat, "\n\n");
	}
	free(p);
	return n;
}
