// SPDX-License-Identifier: GPL-2.0-only
/* reports/report.c: the scheme report (schemes vs a baseline): its tables,
 * notes and CSV rows; its head is in report_head.c. */
#include "reports/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/csv_read.h"
#include "reports/describe.h"
#include "reports/events.h"
#include "reports/handoff.h"
#include "reports/report_int.h"
#include "reports/summary.h"
#include "reports/table.h"

const char report_legend[] =
    "p: 2-sided Mann-Whitney U; * p<0.05, ** p<0.01; n/a: <3 reps a side";

enum col {
	C_SCHEME,
	C_REPS,
	C_MED,
	C_SPREAD,
	C_MIN,
	C_MAX,
	C_RATIO,
	C_P,
	C_TEST,
	C_CYC,
	C_INS,
	C_MISS,
	C_HW,
	C_TRUTH,
	C_ERR,
	C_FAILS,
	C_HO_NS,
	C_CEIL,
	C_HO_OP,
	C_JAIN,
	NCOL
};

static const struct table_col scheme_cols[NCOL] = {
    [C_SCHEME] = {"scheme", "scheme", 0, true, 0},
    [C_REPS] = {"reps", "reps", 5, false, 1},
    [C_MED] = {"ops/s", "median ops/s", 9, false, 1},
    [C_SPREAD] = {"min-max", NULL, 17, true, 1},
    [C_MIN] = {NULL, "min", 0, false, 1},
    [C_MAX] = {NULL, "max", 0, false, 1},
    [C_RATIO] = {"ratio", "ratio", 6, false, 1},
    [C_P] = {"p", "p", 11, true, 1},
    [C_TEST] = {NULL, "test", 0, true, 1},
    [C_CYC] = {"cyc/op", "cycles/op", 8, false, 2},
    [C_INS] = {"ins/op", "instructions/op", 8, false, 2},
    [C_MISS] = {"miss/op", "cache misses/op", 8, false, 2},
    [C_HW] = {"hiwater", "hiwater reported", 9, false, 2},
    [C_TRUTH] = {"truth", "hiwater truth", 9, false, 2},
    [C_ERR] = {"err%", "hiwater err %", 8, false, 2},
    [C_FAILS] = {NULL, "map failures", 0, false, 2},
    [C_HO_NS] = {"handoff", "hand-off ns", 9, false, 3},
    [C_CEIL] = {"ceiling", "ceiling ops/s", 10, false, 3},
    [C_HO_OP] = {"ho/op", "hand-offs/op", 8, false, 3},
    [C_JAIN] = {"jain", "Jain min", 8, false, 3},
};

/* The hand-off figures and the least fair repetition of s. */
struct handoff_view {
	struct opt_val ns, ceiling, per_op, jain_min;
};

static void handoff_view(const struct scheme_stats *s, const struct summary *sm,
			 struct handoff_view *h)
{
	memset(h, 0, sizeof(*h));
	h->ns = sm->per[M_HANDOFF];
	if (h->ns.known)
		h->ceiling.known = handoff_ceiling(h->ns.v, &h->ceiling.v);
	if (h->ns.known && sm->med.known)
		h->per_op.known =
		    handoffs_per_op(sm->med.v, h->ns.v, &h->per_op.v);
	if (s->m[M_JAIN].n)
		h->jain_min = (struct opt_val){
		    true, stats_min(s->m[M_JAIN].v, s->m[M_JAIN].n)};
}

/* Widest scheme name, kept between 6 and SCHEME_TEXT_MAX so every part
 * fits 72 columns. */
static int scheme_width(const struct results *r)
{
	size_t w = 6;

	for (size_t i = 0; i < r->ngroup; i++)
		for (size_t j = 0; j < r->group[i].nscheme; j++)
			if (strlen(r->group[i].scheme[j].name) > w)
				w = strlen(r->group[i].scheme[j].name);
	return w > SCHEME_TEXT_MAX ? SCHEME_TEXT_MAX : (int)w;
}

static void set_opt(struct table *t, size_t c, struct opt_val v,
		    void (*fmt)(char *, size_t, double))
{
	char b[64];

	if (!v.known)
		return;
	fmt(b, sizeof(b), v.v);
	table_set(t, c, "%s", b);
}

static void fmt_ratio(char *b, size_t len, double v)
{
	snprintf(b, len, "%.3f", v);
}

static void fmt_err(char *b, size_t len, double v)
{
	snprintf(b, len, "%+.1f", v);
}

static void fmt_per_op(char *b, size_t len, double v)
{
	snprintf(b, len, v < 100 ? "%.2f" : v < 10000 ? "%.1f" : "%.0f", v);
}

/* Fills one row of the table for scheme s. */
static void scheme_row(struct table *t, const struct scheme_stats *s,
		       const struct summary *sm)
{
	char lo[32], hi[32], p[32];
	struct handoff_view h;

	table_add_row(t);
	table_set(t, C_SCHEME, "%s", s->name);
	table_set(t, C_REPS, "%zu", sm->reps);
	set_opt(t, C_MED, sm->med, fmt_si);
	set_opt(t, C_MIN, sm->lo, fmt_si);
	set_opt(t, C_MAX, sm->hi, fmt_si);
	if (sm->lo.known) {
		fmt_si(lo, sizeof(lo), sm->lo.v);
		fmt_si(hi, sizeof(hi), sm->hi.v);
		table_set(t, C_SPREAD, "%s-%s", lo, hi);
	}
	set_opt(t, C_RATIO, sm->ratio, fmt_ratio);
	if (sm->is_reference) {
		table_set(t, C_P, "base");
		table_set(t, C_TEST, "baseline");
	} else if (sm->has_test) {
		table_set(t, C_TEST, "%s",
			  stats_mwu_method_name(sm->mwu.method));
		if (sm->mwu.method == MWU_NA) {
			table_set(t, C_P, "n/a");
		} else {
			fmt_p(p, sizeof(p), sm->mwu.p);
			table_set(t, C_P, "%s%s", p, p_marks(&sm->mwu));
		}
	}
	set_opt(t, C_CYC, sm->per[M_CYCLES], fmt_per_op);
	set_opt(t, C_INS, sm->per[M_INSNS], fmt_per_op);
	set_opt(t, C_MISS, sm->per[M_MISSES], fmt_per_op);
	set_opt(t, C_HW, sm->per[M_HW_REP], fmt_num);
	set_opt(t, C_TRUTH, sm->per[M_HW_TRUTH], fmt_num);
	set_opt(t, C_ERR, sm->per[M_HW_ERR], fmt_err);
	set_opt(t, C_FAILS, sm->map_fail_sum, fmt_num);
	handoff_view(s, sm, &h);
	set_opt(t, C_HO_NS, h.ns, fmt_num);
	set_opt(t, C_CEIL, h.ceiling, fmt_si);
	set_opt(t, C_HO_OP, h.per_op, fmt_per_op);
	if (h.jain_min.known)
		table_set(t, C_JAIN, "%.3f%s", h.jain_min.v,
			  jain_unfair(h.jain_min.v) ? "!" : "");
}

/* The baseline first, then the other schemes in order of appearance. */
static void group_order(const struct cfg_group *g,
			const struct scheme_stats *base,
			const struct scheme_stats **order)
{
	size_t n = 0;

	if (base)
		order[n++] = base;
	for (size_t i = 0; i < g->nscheme; i++)
		if (&g->scheme[i] != base)
			order[n++] = &g->scheme[i];
}

static bool group_has_ops(const struct cfg_group *g)
{
	for (size_t i = 0; i < g->nscheme; i++)
		if (g->scheme[i].m[M_OPS].n)
			return true;
	return false;
}

static void group_notes(const struct cfg_group *g,
			const struct scheme_stats *base, const char *baseline,
			enum report_format fmt, struct strbuf *out)
{
	const char *lead = fmt == FMT_MARKDOWN ? "- note: " : "note: ";
	struct strbuf line = STRBUF_INIT;

	if (!base) {
		sb_addf(&line,
			"baseline '%s' is not in this configuration: "
			"no ratio or p-value",
			baseline);
		wrap_text(out, lead, sb_str(&line), 6);
		sb_reset(&line);
	}
	if (!group_has_ops(g))
		wrap_text(out, lead, "no ops/s in this configuration's rows",
			  6);
	for (size_t i = 0; i < g->nscheme; i++) {
		const struct scheme_stats *s = &g->scheme[i];
		double fails = 0;

		for (size_t k = 0; k < s->m[M_MAP_FAILS].n; k++)
			fails += s->m[M_MAP_FAILS].v[k];
		if (fails > 0) {
			sb_addf(&line,
				"%s: %.0f map failures (swiotlb buffer full) "
				"over %zu reps",
				s->name, fails, s->rows);
			wrap_text(out, lead, sb_str(&line), 6);
			sb_reset(&line);
		}
		if (s->m[M_OPS].n && s->m[M_OPS].n < s->rows) {
			sb_addf(&line, "%s: ops/s measured in %zu of %zu reps",
				s->name, s->m[M_OPS].n, s->rows);
			wrap_text(out, lead, sb_str(&line), 6);
			sb_reset(&line);
		}
	}
	sb_free(&line);
}

void report_csv_opt(struct strbuf *out, bool known, double v)
{
	sb_add(out, ",");
	if (known)
		sb_addf(out, "%.10g", v);
}

void report_csv_header(struct strbuf *out, const char *const *tail, size_t n)
{
	for (int k = 0; k < NKEYS; k++)
		sb_addf(out, "%s%s", k ? "," : "", cfg_key_column[k]);
	for (size_t i = 0; i < n; i++)
		sb_addf(out, ",%s", tail[i]);
	sb_add(out, "\n");
}

void report_csv_keys(struct strbuf *out, const struct cfg_group *g)
{
	for (int k = 0; k < NKEYS; k++) {
		if (k)
			sb_add(out, ",");
		csv_put_field(out, g->key[k]);
	}
}

static void csv_scheme_row(struct strbuf *out, const struct cfg_group *g,
			   const struct scheme_stats *s,
			   const struct summary *sm, const char *baseline,
			   bool have_base)
{
	struct handoff_view h;

	report_csv_keys(out, g);
	sb_add(out, ",");
	csv_put_field(out, s->name);
	sb_addf(out, ",%zu,%zu", sm->reps, sm->nops);
	report_csv_opt(out, sm->med.known, sm->med.v);
	report_csv_opt(out, sm->lo.known, sm->lo.v);
	report_csv_opt(out, sm->hi.known, sm->hi.v);
	sb_add(out, ",");
	if (have_base)
		csv_put_field(out, baseline);
	report_csv_opt(out, sm->ratio.known, sm->ratio.v);
	report_csv_opt(out, sm->has_test && sm->mwu.method != MWU_NA,
		       sm->mwu.p);
	sb_add(out, ",");
	if (sm->is_reference)
		sb_add(out, "baseline");
	else if (sm->has_test)
		sb_add(out, stats_mwu_method_name(sm->mwu.method));
	for (int m = M_CYCLES; m <= M_HW_ERR; m++)
		report_csv_opt(out, sm->per[m].known, sm->per[m].v);
	report_csv_opt(out, sm->map_fail_sum.known, sm->map_fail_sum.v);
	handoff_view(s, sm, &h);
	report_csv_opt(out, h.ns.known, h.ns.v);
	report_csv_opt(out, h.ceiling.known, h.ceiling.v);
	report_csv_opt(out, h.per_op.known, h.per_op.v);
	report_csv_opt(out, h.jain_min.known, h.jain_min.v);
	sb_add(out, ",");
	if (h.jain_min.known)
		sb_add(out, jain_unfair(h.jain_min.v) ? "1" : "0");
	sb_add(out, "\n");
}

static const char *const scheme_csv_tail[] = {
    "scheme",
    "reps",
    "reps_measured",
    "ops_per_sec_median",
    "ops_per_sec_min",
    "ops_per_sec_max",
    "baseline",
    "ratio_to_baseline",
    "p_value",
    "p_method",
    "cycles_per_op_median",
    "instructions_per_op_median",
    "cache_misses_per_op_median",
    "hiwater_reported_median",
    "hiwater_truth_median",
    "hiwater_err_pct_median",
    "map_failures_total",
    "handoff_ns_median",
    "ceiling_ops_per_sec",
    "handoffs_per_op",
    "jain_index_min",
    "unfair",
};

void report_schemes(const struct results *r, const char *baseline,
		    enum report_format fmt, struct strbuf *out)
{
	struct table_col cols[NCOL];

	memcpy(cols, scheme_cols, sizeof(cols));
	cols[C_SCHEME].width = scheme_width(r);
	if (fmt == FMT_CSV)
		report_csv_header(out, scheme_csv_tail,
				  sizeof(scheme_csv_tail) /
				      sizeof(*scheme_csv_tail));
	else
		report_head(r, baseline, fmt, out);

	for (size_t i = 0; i < r->ngroup; i++) {
		const struct cfg_group *g = &r->group[i];
		const struct scheme_stats *base =
		    group_find_scheme(g, baseline);
		const struct scheme_stats *order[g->nscheme];
		struct table t;

		group_order(g, base, order);
		if (fmt == FMT_CSV) {
			for (size_t j = 0; j < g->nscheme; j++) {
				struct summary sm;

				summarize(order[j], base, &sm);
				csv_scheme_row(out, g, order[j], &sm, baseline,
					       base != NULL);
			}
			continue;
		}
		sb_add(out, "\n");
		if (fmt == FMT_MARKDOWN) {
			sb_addf(out, "### [%zu] ", i + 1);
			describe_cfg_line(g, NULL, out);
			sb_add(out, "\n\n");
		} else {
			char phrase[NKEYS][PHRASE_LEN];
			const char *p[NKEYS];
			char prefix[32];
			size_t n = describe_cfg(g, NULL, phrase);

			for (size_t k = 0; k < n; k++)
				p[k] = phrase[k];
			snprintf(prefix, sizeof(prefix), "[%zu] ", i + 1);
			wrap_phrases(out, prefix, p, n, 4);
		}
		table_init(&t, cols, NCOL);
		/* Simulator rows carry no throughput: their table would be
		 * all "-"; the note below says so instead. */
		t.hide_part1 = !group_has_ops(g);
		for (size_t j = 0; j < g->nscheme; j++) {
			struct summary sm;

			summarize(order[j], base, &sm);
			scheme_row(&t, order[j], &sm);
		}
		if (fmt == FMT_MARKDOWN) {
			table_markdown(&t, out);
			sb_add(out, "\n");
		} else {
			table_text(&t, out);
		}
		events_report(order, g->nscheme, fmt, out);
		group_notes(g, base, baseline, fmt, out);
		table_free(&t);
	}
}
