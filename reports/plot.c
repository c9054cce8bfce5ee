// SPDX-License-Identifier: GPL-2.0-only
/*
 * reports/plot.c: gnuplot charts, see plot.h: their titles and scripts,
 * one kind of chart at a time, and plot_write over them all. The gnuplot
 * quoting and running is in plot_gp.c, the charts' data in plot_series.c.
 */
#include "reports/plot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "reports/describe.h"
#include "reports/output.h"
#include "reports/plot_int.h"
#include "reports/strbuf.h"
#include "reports/summary.h"

/* mkdir -p */
static int make_dir(const char *dir)
{
	char *p = xstrdup(dir);
	struct stat st;

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			break;
		*s = '/';
	}
	free(p);
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "swtlb-report: --plot %s: %s\n", dir,
			strerror(errno));
		return -1;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "swtlb-report: --plot %s: not a directory\n",
			dir);
		return -1;
	}
	return 0;
}

/* "host H, kernel K, rev R" with the first value of each and a count of
 * the others when runs are mixed. */
static void host_line(const struct results *r, struct strbuf *sb)
{
	static const char *const label[] = {"host", "cpu", "kernel", "rev"};
	static const enum meta_field f[] = {META_HOST, META_CPU, META_KERNEL,
					    META_REV};

	for (int i = 0; i < 4; i++) {
		const struct meta_values *m = &r->meta[f[i]];

		sb_addf(sb, "%s%s %s", i ? ", " : "", label[i],
			m->n ? m->v[0] : "unknown");
		if (m->n > 1)
			sb_addf(sb, " (+%zu more)", m->n - 1);
	}
}

/* Title: what, the configuration (lines of at most ~90 characters), host. */
static void title(const struct results *r, const struct chart *c,
		  const char *what, struct strbuf *sb)
{
	char phrase[NKEYS][PHRASE_LEN];
	bool skip[NKEYS];
	struct strbuf t = STRBUF_INIT;
	size_t n, col;

	memcpy(skip, c->skip, sizeof(skip));
	if (skip[K_NAREAS] && plot_areas_single(c))
		skip[K_NAREAS] = false;
	n = describe_cfg(c->g[0], skip, phrase);
	sb_add(&t, what);
	col = t.len;
	for (size_t i = 0; i < n; i++) {
		if (col + strlen(phrase[i]) > 90) {
			sb_add(&t, "\n");
			col = 0;
		} else if (i || col) {
			sb_add(&t, i ? ", " : ": ");
			col += 2;
		}
		sb_add(&t, phrase[i]);
		col += strlen(phrase[i]);
	}
	sb_add(&t, "\n");
	host_line(r, &t);
	plot_gp_str(sb, sb_str(&t));
	sb_free(&t);
}

static void xtics(struct strbuf *gp, const struct chart *c)
{
	long seen[c->n];
	size_t n = 0;

	sb_add(gp, "set xtics (");
	for (size_t i = 0; i < c->n; i++) {
		size_t j;

		for (j = 0; j < n && seen[j] != c->g[i]->threads; j++)
			;
		if (j < n)
			continue;
		seen[n++] = c->g[i]->threads;
		sb_addf(gp, "%s%ld", n > 1 ? ", " : "", c->g[i]->threads);
	}
	sb_add(gp, ")\nset xlabel 'worker threads'\n");
}

static int throughput_charts(const struct results *r, const char *baseline,
			     bool relative, const char *dir,
			     struct strbuf *index)
{
	bool skip[NKEYS] = {[K_THREADS] = true, [K_NAREAS] = true};
	struct chart *c;
	size_t nc = plot_make_charts(r, skip, false, &c), done = 0;
	int rc = 0;

	for (size_t i = 0; i < nc && !rc; i++) {
		struct strbuf dat = STRBUF_INIT, gp = STRBUF_INIT,
			      what = STRBUF_INIT;
		struct series *s;
		size_t ns = plot_chart_series(r, &c[i], baseline, relative, &s);
		char name[32];

		if (!ns) {
			plot_free_series(s, ns);
			continue;
		}
		snprintf(name, sizeof(name), "%s-%02zu",
			 relative ? "rel" : "tput", ++done);
		for (size_t k = 0; k < ns; k++) {
			sb_addf(&dat, "# series %zu: %s\n", k, s[k].name);
			sb_add(&dat, relative ? "# threads ratio_of_medians\n"
					      : "# threads median_ops_per_sec "
						"min max\n");
			for (size_t j = 0; j < s[k].n; j++) {
				const struct point *p = &s[k].p[j];

				if (relative)
					sb_addf(&dat, "%ld %.6g\n", p->threads,
						p->y);
				else
					sb_addf(&dat, "%ld %.10g %.10g %.10g\n",
						p->threads, p->y, p->lo, p->hi);
			}
			sb_add(&dat, "\n\n");
		}
		plot_script_head(&gp, name);
		if (relative)
			sb_addf(&what, "ops/s relative to %s", baseline);
		else
			sb_add(&what, "map+unmap throughput");
		sb_add(&gp, "set title ");
		title(r, &c[i], sb_str(&what), &gp);
		sb_add(&gp, "\n");
		xtics(&gp, &c[i]);
		if (relative) {
			sb_add(&gp, "set ylabel ");
			sb_addf(&what, " (ratio of median ops/s, 1 = %s)",
				baseline);
			plot_gp_str(&gp, sb_str(&what));
			/* Room above the highest ratio so the baseline's line
			 * at 1 never sits on the border. */
			sb_addf(&gp, "\nset yrange [0:%.4g]\n",
				1.15 * plot_max_y(s, ns, 1.0));
		} else {
			sb_add(&gp,
			       "set ylabel 'map+unmap pairs per second "
			       "(median; bars: min-max over reps)'\n"
			       "set format y '%.1s%c'\nset yrange [0:*]\n");
		}
		sb_add(&gp, "plot ");
		for (size_t k = 0; k < ns; k++) {
			sb_addf(&gp, "%s'%s.dat' index %zu using ",
				k ? ", \\\n     " : "", name, k);
			sb_add(&gp, relative ? "1:2 with linespoints"
					     : "1:2:3:4 with yerrorlines");
			plot_series_style(&gp, s[k].style);
			sb_add(&gp, " title ");
			plot_gp_str(&gp, s[k].name);
		}
		if (relative) {
			sb_add(&gp, ", \\\n     1 with lines dt 2 lc 'black' "
				    "title ");
			plot_gp_str(&gp, baseline);
		} else if (plot_ceiling_dat(&c[i], &dat, ns)) {
			sb_addf(&gp,
				", \\\n     '%s.dat' index %zu using 1:2 with "
				"linespoints dt 3 lw 2 lc 'black' title "
				"'ceiling: one hand-off per op'",
				name, ns);
		}
		sb_add(&gp, "\n");
		plot_script_tail(&gp, name);
		sb_reset(&what);
		sb_add(&what, relative ? "relative to the baseline, "
				       : "throughput vs threads, ");
		describe_cfg_line(c[i].g[0], c[i].skip, &what);
		rc = plot_emit(dir, name, &dat, &gp, sb_str(&what), index);
		plot_free_series(s, ns);
		sb_free(&dat);
		sb_free(&gp);
		sb_free(&what);
	}
	plot_free_charts(c, nc);
	return rc;
}

static int hiwater_charts(const struct results *r, const char *dir,
			  struct strbuf *index)
{
	bool skip[NKEYS] = {false};
	struct chart *c;
	size_t nc = plot_make_charts(r, skip, true, &c);
	int rc = 0;

	for (size_t i = 0; i < nc && !rc; i++) {
		const struct cfg_group *g = c[i].g[0];
		struct strbuf dat = STRBUF_INIT, gp = STRBUF_INIT,
			      what = STRBUF_INIT;
		char name[32];

		snprintf(name, sizeof(name), "hiwater-%02zu", i + 1);
		sb_add(&dat, "# scheme hiwater_reported hiwater_truth "
			     "(median slots over reps; ? = not measured)\n");
		for (size_t j = 0; j < g->nscheme; j++) {
			struct summary sm;

			summarize(&g->scheme[j], NULL, &sm);
			plot_dat_str(&dat, g->scheme[j].name);
			if (sm.per[M_HW_REP].known)
				sb_addf(&dat, " %.10g", sm.per[M_HW_REP].v);
			else
				sb_add(&dat, " ?");
			if (sm.per[M_HW_TRUTH].known)
				sb_addf(&dat, " %.10g\n", sm.per[M_HW_TRUTH].v);
			else
				sb_add(&dat, " ?\n");
		}
		plot_script_head(&gp, name);
		sb_add(&gp, "set title ");
		title(r, &c[i], "reported vs true high-water mark", &gp);
		sb_add(&gp, "\nset style data histogram\n"
			    "set style histogram cluster gap 1\n"
			    "set style fill solid 0.8 border -1\n"
			    "set xtics rotate by -30\n"
			    "set xlabel 'accounting scheme'\n"
			    "set ylabel 'high-water mark (slots of 2 KiB)'\n"
			    "set yrange [0:*]\n");
		sb_addf(&gp,
			"plot '%s.dat' using 2:xtic(1) title 'reported', "
			"'' using 3 title 'true (exact)'\n",
			name);
		plot_script_tail(&gp, name);
		sb_add(&what, "reported vs true high-water, ");
		describe_cfg_line(g, NULL, &what);
		rc = plot_emit(dir, name, &dat, &gp, sb_str(&what), index);
		sb_free(&dat);
		sb_free(&gp);
		sb_free(&what);
	}
	plot_free_charts(c, nc);
	return rc;
}

int plot_write(const struct results *r, const char *baseline, const char *dir)
{
	struct strbuf index = STRBUF_INIT, path = STRBUF_INIT;
	int rc;

	if (make_dir(dir) < 0)
		return -1;
	rc = throughput_charts(r, baseline, false, dir, &index);
	if (!rc)
		rc = throughput_charts(r, baseline, true, dir, &index);
	if (!rc)
		rc = hiwater_charts(r, dir, &index);
	if (!rc) {
		sb_addf(&path, "%s/index.txt", dir);
		rc = output_write(sb_str(&path), &index);
	}
	sb_free(&index);
	sb_free(&path);
	return rc ? -1 : 0;
}
