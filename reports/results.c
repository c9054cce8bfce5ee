// SPDX-License-Identifier: GPL-2.0-only
/* reports/results.c: see results.h. */
#include "reports/results.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/events.h"
#include "reports/strbuf.h"
#include "util/num.h"

const char *const cfg_key_column[NKEYS] = {
    [K_WORKLOAD] = "workload",	     [K_WORKLOAD_PARAMS] = "workload_params",
    [K_LAYOUT] = "layout",	     [K_THREADS] = "threads",
    [K_SIZE_DIST] = "size_dist",     [K_QUEUE_DEPTH] = "queue_depth",
    [K_BOUNCE] = "bounce",	     [K_KCONFIG] = "kconfig",
    [K_AREA_LAYOUT] = "area_layout", [K_NAREAS] = "nareas",
    [K_NSLABS] = "nslabs",	     [K_SRC_SET] = "src_set",
};

/* Integer-valued configuration columns: validated as integers. */
static const bool cfg_key_is_int[NKEYS] = {
    [K_THREADS] = true, [K_QUEUE_DEPTH] = true, [K_BOUNCE] = true,
    [K_NAREAS] = true,	[K_NSLABS] = true,
};

/* Columns a configuration may leave empty: the workload's parameters
 * (absent before schema 2: every row ""), the bounce source set (idem),
 * its size distribution if it draws none, and the swiotlb pool's cells
 * for a workload without it. */
static const bool cfg_key_optional[NKEYS] = {
    [K_WORKLOAD_PARAMS] = true, [K_SRC_SET] = true};
static const bool cfg_key_empty_ok[NKEYS] = {
    [K_WORKLOAD_PARAMS] = true, [K_SIZE_DIST] = true, [K_KCONFIG] = true,
    [K_AREA_LAYOUT] = true,	[K_NAREAS] = true,    [K_NSLABS] = true,
    [K_SRC_SET] = true,
};

const char *const metric_column[NMETRICS] = {
    [M_OPS] = "ops_per_sec",	       [M_CYCLES] = "cycles_per_op",
    [M_INSNS] = "instructions_per_op", [M_MISSES] = "cache_misses_per_op",
    [M_HW_REP] = "hiwater_reported",   [M_HW_TRUTH] = "hiwater_truth",
    [M_HW_ERR] = "hiwater_err_pct",    [M_MAP_FAILS] = "map_failures",
    [M_JAIN] = "jain_index",	       [M_HANDOFF] = "handoff_ns",
};

static const char *const meta_column[NMETA] = {
    [META_HOST] = "host",     [META_CPU] = "cpu_model",
    [META_KERNEL] = "kernel", [META_REV] = "git_rev",
    [META_RUN] = "run_id",    [META_POOL] = "nslabs_spec",
    [META_SRC] = "src_set",   [META_PERIODIC] = "periodic_on",
    [META_DRIVER] = "cpufreq_driver",
    [META_GOVERNOR] = "cpufreq_governor",
    [META_BOOST] = "boost",
    [META_SMT] = "smt",
    [META_MICROCODE] = "microcode",
    [META_MITIGATIONS] = "mitigations",
    [META_THP] = "thp",
    [META_NUMA_BAL] = "numa_balancing",
    [META_VIRT] = "virt",
};

void samples_push(struct samples *s, double v)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = v;
}

/* Numbers as swtlb-bench writes them (util/num.h): no blank, sign or hex
 * prefix, so "+2" threads cannot form a configuration apart from "2". */
static bool parse_long(const char *s, long *out)
{
	uint64_t v;

	if (swtlb_parse_u64(s, LONG_MAX, &v) != SWTLB_NUM_OK)
		return false;
	*out = (long)v;
	return true;
}

static bool parse_double(const char *s, double *out)
{
	return swtlb_parse_double(s, SWTLB_NUM_NEG | SWTLB_NUM_EXP, DBL_MAX,
				  out) == SWTLB_NUM_OK;
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 14695981039346656037ull; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void seen_grow(struct results *r)
{
	struct row_seen *old = r->seen;
	size_t oldcap = r->nseen_cap;

	r->nseen_cap = oldcap ? oldcap * 2 : 1024;
	r->seen = xmalloc(r->nseen_cap * sizeof(*r->seen));
	memset(r->seen, 0, r->nseen_cap * sizeof(*r->seen));
	for (size_t i = 0; i < oldcap; i++) {
		size_t j;

		if (!old[i].key)
			continue;
		j = hash_str(old[i].key) & (r->nseen_cap - 1);
		while (r->seen[j].key)
			j = (j + 1) & (r->nseen_cap - 1);
		r->seen[j] = old[i];
	}
	free(old);
}

/* Adds key; returns the earlier row with the same key, or NULL. */
static const struct row_seen *seen_add(struct results *r, char *key,
				       const char *path, long line)
{
	size_t j;

	if (2 * (r->nseen + 1) > r->nseen_cap)
		seen_grow(r);
	j = hash_str(key) & (r->nseen_cap - 1);
	for (; r->seen[j].key; j = (j + 1) & (r->nseen_cap - 1))
		if (!strcmp(r->seen[j].key, key)) {
			free(key);
			return &r->seen[j];
		}
	r->seen[j] = (struct row_seen){key, path, line};
	r->nseen++;
	return NULL;
}

/* run_id, every configuration column, scheme, rep: one measurement. */
static char *row_key(const char *run_id, const struct cfg_group *like,
		     const char *scheme, const char *rep)
{
	struct strbuf sb = STRBUF_INIT;

	sb_add(&sb, run_id);
	for (int k = 0; k < NKEYS; k++) {
		sb_add(&sb, "\x1f");
		sb_add(&sb, like->key[k]);
	}
	sb_addf(&sb, "\x1f%s\x1f%s", scheme, rep);
	return sb.s;
}

static bool same_cfg(const struct cfg_group *a, const struct cfg_group *b)
{
	for (int k = 0; k < NKEYS; k++)
		if (strcmp(a->key[k], b->key[k]) != 0)
			return false;
	return true;
}

const struct cfg_group *results_find_group(const struct results *r,
					   const struct cfg_group *like)
{
	for (size_t i = 0; i < r->ngroup; i++)
		if (same_cfg(&r->group[i], like))
			return &r->group[i];
	return NULL;
}

const struct scheme_stats *group_find_scheme(const struct cfg_group *g,
					     const char *name)
{
	for (size_t i = 0; i < g->nscheme; i++)
		if (strcmp(g->scheme[i].name, name) == 0)
			return &g->scheme[i];
	return NULL;
}

static struct cfg_group *get_group(struct results *r,
				   const struct cfg_group *like)
{
	struct cfg_group *g = (struct cfg_group *)results_find_group(r, like);

	if (g)
		return g;
	r->group = xrealloc(r->group, (r->ngroup + 1) * sizeof(*r->group));
	g = &r->group[r->ngroup++];
	*g = *like;
	g->nscheme = 0;
	g->scheme = NULL;
	return g;
}

static struct scheme_stats *get_scheme(struct cfg_group *g, const char *name)
{
	struct scheme_stats *s =
	    (struct scheme_stats *)group_find_scheme(g, name);

	if (s)
		return s;
	g->scheme = xrealloc(g->scheme, (g->nscheme + 1) * sizeof(*g->scheme));
	s = &g->scheme[g->nscheme++];
	memset(s, 0, sizeof(*s));
	s->name = name;
	return s;
}

static void add_meta(struct meta_values *m, const char *v)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->v[i], v) == 0)
			return;
	m->v = xrealloc(m->v, (m->n + 1) * sizeof(*m->v));
	m->v[m->n++] = v;
}

int row_filter_parse(const char *spec, struct row_filter *f, char *err,
		     size_t errlen)
{
	const char *eq = strchr(spec, '=');
	size_t n = eq ? (size_t)(eq - spec) : 0;

	if (!eq || !n) {
		snprintf(err, errlen, "--where: '%s' is not COLUMN=VALUE",
			 spec);
		return -1;
	}
	f->value = eq + 1;
	if (n == 6 && !strncmp(spec, "scheme", 6)) {
		f->key = NKEYS;
		return 0;
	}
	for (int k = 0; k < NKEYS; k++)
		if (strlen(cfg_key_column[k]) == n &&
		    !strncmp(spec, cfg_key_column[k], n)) {
			f->key = k;
			return 0;
		}
	snprintf(err, errlen,
		 "--where: '%.*s' is not a configuration column or scheme",
		 (int)n, spec);
	return -1;
}

static bool filters_pass(const struct results *r, const struct cfg_group *g,
			 const char *scheme)
{
	for (int k = 0; k <= NKEYS; k++) {
		const char *v = k < NKEYS ? g->key[k] : scheme;
		bool constrained = false, match = false;

		for (size_t i = 0; i < r->nfilter; i++) {
			if (r->filter[i].key != k)
				continue;
			constrained = true;
			match |= !strcmp(r->filter[i].value, v);
		}
		if (constrained && !match)
			return false;
	}
	return true;
}

static int need_column(const struct csv_file *f, const char *name, char *err,
		       size_t errlen)
{
	int c = csv_column(f, name);

	if (c < 0)
		snprintf(err, errlen, "%s:%ld: missing required column '%s'",
			 f->path, f->header.line, name);
	return c;
}

static bool is_header_again(const struct csv_file *f,
			    const struct csv_record *rec)
{
	for (size_t i = 0; i < rec->nfield; i++)
		if (strcmp(rec->field[i], f->header.field[i]) != 0)
			return false;
	return true;
}

int results_add_csv(struct results *r, struct csv_file *f, char *err,
		    size_t errlen)
{
	int kcol[NKEYS], mcol[NMETRICS], metacol[NMETA], scol, rcol, vcol, icol;
	int ecol[3];

	r->file = xrealloc(r->file, (r->nfile + 1) * sizeof(*r->file));
	r->file[r->nfile++] = *f;
	f = &r->file[r->nfile - 1];
	for (int k = 0; k < NKEYS; k++)
		if (cfg_key_optional[k])
			kcol[k] = csv_column(f, cfg_key_column[k]);
		else if ((kcol[k] = need_column(f, cfg_key_column[k], err,
						errlen)) < 0)
			return -1;
	if ((scol = need_column(f, "scheme", err, errlen)) < 0 ||
	    (rcol = need_column(f, "rep", err, errlen)) < 0 ||
	    need_column(f, "ops_per_sec", err, errlen) < 0)
		return -1;
	vcol = csv_column(f, "schema_version");
	icol = csv_column(f, "iterations");
	for (int m = 0; m < NMETRICS; m++)
		mcol[m] = csv_column(f, metric_column[m]);
	for (int m = 0; m < NMETA; m++)
		metacol[m] = csv_column(f, meta_column[m]);
	/* Schema 2 (absent in version-1 files: no events). */
	ecol[0] = csv_column(f, "pmu_events");
	ecol[1] = csv_column(f, "pmu_per_op");
	ecol[2] = csv_column(f, "pmu_scaled");

	for (size_t i = 0; i < f->nrec; i++) {
		const struct csv_record *rec = &f->rec[i];
		struct cfg_group like;
		struct cfg_group *g;
		struct scheme_stats *s;
		const struct row_seen *dup;
		bool zero_iter;
		long lv = 0;
		double dv;

		if (is_header_again(f, rec)) {
			snprintf(err, errlen,
				 "%s:%ld: header line repeated (files joined "
				 "with cat? pass them as separate arguments)",
				 f->path, rec->line);
			return -1;
		}
		if (vcol >= 0 &&
		    (!parse_long(rec->field[vcol], &lv) || lv < 1)) {
			snprintf(err, errlen,
				 "%s:%ld: schema_version: '%s' is not a "
				 "version number",
				 f->path, rec->line, rec->field[vcol]);
			return -1;
		}
		memset(&like, 0, sizeof(like));
		for (int k = 0; k < NKEYS; k++) {
			const char *v = kcol[k] >= 0 ? rec->field[kcol[k]] : "";

			if (!*v && cfg_key_empty_ok[k]) {
				like.key[k] = v;
				continue;
			}
			if (cfg_key_is_int[k] && !parse_long(v, &lv)) {
				snprintf(err, errlen,
					 "%s:%ld: %s: '%s' is not a whole "
					 "number",
					 f->path, rec->line, cfg_key_column[k],
					 v);
				return -1;
			}
			if (!*v) {
				snprintf(err, errlen, "%s:%ld: %s is empty",
					 f->path, rec->line, cfg_key_column[k]);
				return -1;
			}
			if (k == K_THREADS)
				like.threads = lv;
			like.key[k] = v;
		}
		if (!*rec->field[scol]) {
			snprintf(err, errlen, "%s:%ld: scheme is empty",
				 f->path, rec->line);
			return -1;
		}
		if (!parse_long(rec->field[rcol], &lv)) {
			snprintf(err, errlen,
				 "%s:%ld: rep: '%s' is not a whole number",
				 f->path, rec->line, rec->field[rcol]);
			return -1;
		}
		if (!filters_pass(r, &like, rec->field[scol])) {
			r->nskipped++;
			continue;
		}
		if ((dup = seen_add(r,
				    row_key(metacol[META_RUN] >= 0
						? rec->field[metacol[META_RUN]]
						: "",
					    &like, rec->field[scol],
					    rec->field[rcol]),
				    f->path, rec->line))) {
			snprintf(err, errlen,
				 "%s:%ld: duplicate row: same run_id, "
				 "configuration, scheme and rep as %s:%ld (a "
				 "file given twice?)",
				 f->path, rec->line, dup->path, dup->line);
			return -1;
		}
		/* A run that completed no iteration measured no rate: its
		 * ops/s (0 or empty) must not pull a median down. */
		zero_iter =
		    icol >= 0 && parse_long(rec->field[icol], &lv) && lv == 0;
		r->nzero_iter += zero_iter;
		g = get_group(r, &like);
		s = get_scheme(g, rec->field[scol]);
		s->rows++;
		for (int m = 0; m < NMETRICS; m++) {
			const char *v;

			if (mcol[m] < 0 || (m == M_OPS && zero_iter))
				continue;
			v = rec->field[mcol[m]];
			if (!*v)
				continue; /* not measured */
			if (!parse_double(v, &dv) ||
			    (m != M_HW_ERR && dv < 0)) {
				snprintf(err, errlen,
					 "%s:%ld: %s: '%s' is not a valid "
					 "number",
					 f->path, rec->line, metric_column[m],
					 v);
				return -1;
			}
			samples_push(&s->m[m], dv);
		}
		if (ecol[0] >= 0) {
			char why[128];

			if (events_add_row(
				s, rec->field[ecol[0]],
				ecol[1] >= 0 ? rec->field[ecol[1]] : "",
				ecol[2] >= 0 ? rec->field[ecol[2]] : "", why,
				sizeof(why))) {
				snprintf(err, errlen, "%s:%ld: %s", f->path,
					 rec->line, why);
				return -1;
			}
		}
		for (int m = 0; m < NMETA; m++)
			if (metacol[m] >= 0 && *rec->field[metacol[m]])
				add_meta(&r->meta[m], rec->field[metacol[m]]);
		r->nrows++;
	}
	return 0;
}

int results_load(struct results *r, const char *path, char *err, size_t errlen)
{
	struct csv_file f;

	if (csv_read_file(path, &f, err, errlen) < 0)
		return -1;
	return results_add_csv(r, &f, err, errlen);
}

void results_free(struct results *r)
{
	for (size_t i = 0; i < r->ngroup; i++) {
		for (size_t j = 0; j < r->group[i].nscheme; j++) {
			for (int m = 0; m < NMETRICS; m++)
				free(r->group[i].scheme[j].m[m].v);
			events_free(&r->group[i].scheme[j]);
		}
		free(r->group[i].scheme);
	}
	free(r->group);
	for (size_t i = 0; i < r->nfile; i++)
		csv_free(&r->file[i]);
	free(r->file);
	for (int m = 0; m < NMETA; m++)
		free(r->meta[m].v);
	for (size_t i = 0; i < r->nseen_cap; i++)
		free(r->seen[i].key);
	free(r->seen);
	memset(r, 0, sizeof(*r));
}
