// SPDX-License-Identifier: GPL-2.0-only
/* reports/plot.c: gnuplot charts, see plot.h. */
#include "reports/plot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reports/describe.h"
#include "reports/handoff.h"
#include "reports/output.h"
#include "reports/strbuf.h"
#include "reports/summary.h"

int plot_check_gnuplot(void)
{
	const char *path = getenv("PATH");
	struct strbuf sb = STRBUF_INIT;
	int found = 0;

	if (!path)
		return -1;
	while (*path && !found) {
		size_t n = strcspn(path, ":");

		sb_reset(&sb);
		if (n)
			sb_addn(&sb, path, n);
		else
			sb_add(&sb, ".");
		sb_add(&sb, "/gnuplot");
		found = access(sb_str(&sb), X_OK) == 0;
		path += n + (path[n] == ':');
	}
	sb_free(&sb);
	return found ? 0 : -1;
}

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

/*
 * Text from a CSV cell as a gnuplot string expression. gnuplot runs
 * `backquoted` commands and expands @macros everywhere but inside single
 * quotes, so the text is single-quoted; a quote in it is the expression
 * '."'".' (gnuplot 5.4 misparses some runs of doubled ''), a line break of
 * our own titles '."\n".'. Other control bytes never get
 * here (the CSV reader refuses them) and are replaced by '?' regardless.
 */
static void gp_str(struct strbuf *sb, const char *s)
{
	sb_add(sb, "'");
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '\n')
			sb_add(sb, "'.\"\\n\".'");
		else if (ch == '\'')
			sb_add(sb, "'.\"'\".'");
		else if (ch < 0x20 || ch == 0x7f)
			sb_add(sb, "?");
		else
			sb_addn(sb, s, 1);
	}
	sb_add(sb, "'");
}

/* A scheme name as a data-file column for xtic(): gnuplot data files run
 * no commands, but a quote or blank would split the column. */
static void dat_str(struct strbuf *sb, const char *s)
{
	sb_add(sb, "\"");
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		sb_addn(sb, ch == '"' || ch < 0x20 || ch == 0x7f ? "?" : s, 1);
	}
	sb_add(sb, "\"");
}

/* One chart: the groups it draws, which differ only in skipped keys. */
struct chart {
	size_t n;
	const struct cfg_group **g;
	bool skip[NKEYS]; /* keys that vary along the chart */
};

static bool same_except(const struct cfg_group *a, const struct cfg_group *b,
			const bool *skip)
{
	for (int k = 0; k < NKEYS; k++)
		if (!skip[k] && strcmp(a->key[k], b->key[k]) != 0)
			return false;
	return true;
}

static size_t make_charts(const struct results *r, const bool *skip,
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

static void free_charts(struct chart *c, size_t n)
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

static bool areas_single(const struct chart *c)
{
	for (size_t i = 1; i < c->n; i++)
		if (strcmp(c->g[0]->key[K_NAREAS], c->g[i]->key[K_NAREAS]))
			return false;
	return true;
}

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

static void free_series(struct series *s, size_t n)
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

static size_t chart_series(const struct results *r, const struct chart *c,
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
	if (skip[K_NAREAS] && areas_single(c))
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
	gp_str(sb, sb_str(&t));
	sb_free(&t);
}

static void script_head(struct strbuf *gp, const char *name)
{
	sb_add(gp, "# Written by swtlb-report --plot; edit and rerun with\n");
	sb_addf(gp, "#   gnuplot %s.gp\n", name);
	sb_add(gp, "# in this folder. Renders PNG (pngcairo, or png without "
		   "cairo) and SVG.\n");
	sb_add(gp, "if (strstrt(GPVAL_TERMINALS, \"pngcairo\") > 0) {\n"
		   "    set terminal pngcairo noenhanced size 1000,640 "
		   "font \",10\"\n"
		   "} else {\n"
		   "    set terminal png noenhanced size 1000,640\n"
		   "}\n");
	sb_addf(gp, "set output '%s.png'\n", name);
	sb_add(gp, "set grid\nset key outside right top\n"
		   "set datafile missing '?'\n");
}

static void script_tail(struct strbuf *gp, const char *name)
{
	sb_add(gp, "set terminal svg noenhanced size 1000,640 font \",10\"\n");
	sb_addf(gp, "set output '%s.svg'\nreplot\nunset output\n", name);
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

/* The first line of gnuplot's messages, for a one-line error. */
static void first_line(FILE *f, char *buf, size_t len)
{
	buf[0] = 0;
	rewind(f);
	if (fgets(buf, (int)len, f))
		buf[strcspn(buf, "\r\n")] = 0;
}

/*
 * Runs gnuplot on script in dir. Its stderr goes to a temporary file, so
 * harmless warnings ("empty x range" on a one-thread-count sweep) do not
 * reach the user; on failure its first line is in the one-line error.
 */
static int run_gnuplot(const char *dir, const char *script)
{
	FILE *msgs = tmpfile();
	char why[200];
	pid_t pid;
	int status;

	if (!msgs) {
		fprintf(stderr, "swtlb-report: tmpfile: %s\n", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "swtlb-report: fork: %s\n", strerror(errno));
		fclose(msgs);
		return -1;
	}
	if (pid == 0) {
		if (dup2(fileno(msgs), STDERR_FILENO) < 0 || chdir(dir) != 0)
			_exit(127);
		execlp("gnuplot", "gnuplot", script, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		first_line(msgs, why, sizeof(why));
		fprintf(stderr, "swtlb-report: gnuplot failed on %s/%s%s%s\n",
			dir, script, why[0] ? ": " : "", why);
		fclose(msgs);
		return -1;
	}
	fclose(msgs);
	return 0;
}

/* Writes NAME.dat and NAME.gp into dir, runs gnuplot, lists the chart. */
static int emit(const char *dir, const char *name, const struct strbuf *dat,
		const struct strbuf *gp, const char *what, struct strbuf *index)
{
	struct strbuf path = STRBUF_INIT;
	int rc = 0;

	sb_addf(&path, "%s/%s.dat", dir, name);
	rc = output_write(sb_str(&path), dat);
	sb_reset(&path);
	sb_addf(&path, "%s/%s.gp", dir, name);
	if (!rc)
		rc = output_write(sb_str(&path), gp);
	sb_reset(&path);
	sb_addf(&path, "%s.gp", name);
	if (!rc)
		rc = run_gnuplot(dir, sb_str(&path));
	sb_free(&path);
	sb_addf(index, "%s.png %s.svg: %s\n", name, name, what);
	return rc;
}

/* gnuplot's default cycle has 8 colours, and swtlb-bench has more schemes:
 * 12 colours, then a new dash pattern; point types differ throughout. */
static void series_style(struct strbuf *gp, size_t k)
{
	static const char *const colour[] = {
	    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
	    "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#000000", "#aec7e8",
	};
	size_t nc = sizeof(colour) / sizeof(*colour);

	sb_addf(gp, " lw 2 lc rgb '%s' pt %zu dt %zu", colour[k % nc],
		k % 13 + 1, k / nc + 1);
}

static double max_y(const struct series *s, size_t n, double floor_v)
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
static size_t ceiling_dat(const struct chart *c, struct strbuf *dat,
			  size_t index)
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

static int throughput_charts(const struct results *r, const char *baseline,
			     bool relative, const char *dir,
			     struct strbuf *index)
{
	bool skip[NKEYS] = {[K_THREADS] = true, [K_NAREAS] = true};
	struct chart *c;
	size_t nc = make_charts(r, skip, false, &c), done = 0;
	int rc = 0;

	for (size_t i = 0; i < nc && !rc; i++) {
		struct strbuf dat = STRBUF_INIT, gp = STRBUF_INIT,
			      what = STRBUF_INIT;
		struct series *s;
		size_t ns = chart_series(r, &c[i], baseline, relative, &s);
		char name[32];

		if (!ns) {
			free_series(s, ns);
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
		script_head(&gp, name);
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
			gp_str(&gp, sb_str(&what));
			/* Room above the highest ratio so the baseline's line
			 * at 1 never sits on the border. */
			sb_addf(&gp, "\nset yrange [0:%.4g]\n",
				1.15 * max_y(s, ns, 1.0));
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
			series_style(&gp, s[k].style);
			sb_add(&gp, " title ");
			gp_str(&gp, s[k].name);
		}
		if (relative) {
			sb_add(&gp, ", \\\n     1 with lines dt 2 lc 'black' "
				    "title ");
			gp_str(&gp, baseline);
		} else if (ceiling_dat(&c[i], &dat, ns)) {
			sb_addf(&gp,
				", \\\n     '%s.dat' index %zu using 1:2 with "
				"linespoints dt 3 lw 2 lc 'black' title "
				"'ceiling: one hand-off per op'",
				name, ns);
		}
		sb_add(&gp, "\n");
		script_tail(&gp, name);
		sb_reset(&what);
		sb_add(&what, relative ? "relative to the baseline, "
				       : "throughput vs threads, ");
		describe_cfg_line(c[i].g[0], c[i].skip, &what);
		rc = emit(dir, name, &dat, &gp, sb_str(&what), index);
		free_series(s, ns);
		sb_free(&dat);
		sb_free(&gp);
		sb_free(&what);
	}
	free_charts(c, nc);
	return rc;
}

static int hiwater_charts(const struct results *r, const char *dir,
			  struct strbuf *index)
{
	bool skip[NKEYS] = {false};
	struct chart *c;
	size_t nc = make_charts(r, skip, true, &c);
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
			dat_str(&dat, g->scheme[j].name);
			if (sm.per[M_HW_REP].known)
				sb_addf(&dat, " %.10g", sm.per[M_HW_REP].v);
			else
				sb_add(&dat, " ?");
			if (sm.per[M_HW_TRUTH].known)
				sb_addf(&dat, " %.10g\n", sm.per[M_HW_TRUTH].v);
			else
				sb_add(&dat, " ?\n");
		}
		script_head(&gp, name);
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
		script_tail(&gp, name);
		sb_add(&what, "reported vs true high-water, ");
		describe_cfg_line(g, NULL, &what);
		rc = emit(dir, name, &dat, &gp, sb_str(&what), index);
		sb_free(&dat);
		sb_free(&gp);
		sb_free(&what);
	}
	free_charts(c, nc);
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
