// SPDX-License-Identifier: GPL-2.0-only
/*
 * reports/compare.c: the compare report. The same configuration and scheme
 * in two runs (two kernels, two hosts, before and after a patch): median
 * ops/s of each, new over old, and the U test between the two runs'
 * repetitions. A configuration or scheme found in one run only is listed
 * with "-" on the other side, never dropped.
 */
#include <stdio.h>
#include <string.h>

#include "reports/csv_read.h"
#include "reports/describe.h"
#include "reports/report.h"
#include "reports/summary.h"
#include "reports/table.h"

enum col {
	C_SCHEME,
	C_REPS,
	C_OLD,
	C_NEW,
	C_OLD_MIN,
	C_OLD_MAX,
	C_NEW_MIN,
	C_NEW_MAX,
	C_RATIO,
	C_P,
	C_TEST,
	NCOL
};

static const struct table_col compare_cols[NCOL] = {
    [C_SCHEME] = {"scheme", "scheme", 18, true, 0},
    [C_REPS] = {"reps", "reps old/new", 8, false, 1},
    [C_OLD] = {"old ops/s", "old median ops/s", 11, false, 1},
    [C_NEW] = {"new ops/s", "new median ops/s", 11, false, 1},
    [C_OLD_MIN] = {NULL, "old min", 0, false, 1},
    [C_OLD_MAX] = {NULL, "old max", 0, false, 1},
    [C_NEW_MIN] = {NULL, "new min", 0, false, 1},
    [C_NEW_MAX] = {NULL, "new max", 0, false, 1},
    [C_RATIO] = {"new/old", "new/old", 8, false, 1},
    [C_P] = {"p", "p", 12, true, 1},
    [C_TEST] = {NULL, "test", 0, true, 1},
};

static void set_si(struct table *t, size_t c, struct opt_val v)
{
	char b[32];

	if (v.known) {
		fmt_si(b, sizeof(b), v.v);
		table_set(t, c, "%s", b);
	}
}

/* Summaries of one scheme on both sides; either may be absent. */
struct pair {
	const char *name;
	const struct scheme_stats *old_s, *new_s;
	struct summary old_sm, new_sm; /* new_sm is tested against old */
};

static void pair_fill(struct pair *p)
{
	static const struct scheme_stats empty;

	summarize(p->old_s ? p->old_s : &empty, NULL, &p->old_sm);
	if (p->new_s)
		summarize(p->new_s, p->old_s, &p->new_sm);
	else
		summarize(&empty, NULL, &p->new_sm);
}

static void pair_row(struct table *t, const struct pair *p)
{
	char b[32];

	table_add_row(t);
	table_set(t, C_SCHEME, "%s", p->name);
	if (p->old_s && p->new_s)
		table_set(t, C_REPS, "%zu/%zu", p->old_sm.reps, p->new_sm.reps);
	else if (p->old_s)
		table_set(t, C_REPS, "%zu/-", p->old_sm.reps);
	else
		table_set(t, C_REPS, "-/%zu", p->new_sm.reps);
	set_si(t, C_OLD, p->old_sm.med);
	set_si(t, C_OLD_MIN, p->old_sm.lo);
	set_si(t, C_OLD_MAX, p->old_sm.hi);
	set_si(t, C_NEW, p->new_sm.med);
	set_si(t, C_NEW_MIN, p->new_sm.lo);
	set_si(t, C_NEW_MAX, p->new_sm.hi);
	if (p->new_sm.ratio.known)
		table_set(t, C_RATIO, "%.3f", p->new_sm.ratio.v);
	if (p->new_sm.has_test) {
		table_set(t, C_TEST, "%s",
			  stats_mwu_method_name(p->new_sm.mwu.method));
		if (p->new_sm.mwu.method == MWU_NA) {
			table_set(t, C_P, "n/a");
		} else {
			fmt_p(b, sizeof(b), p->new_sm.mwu.p);
			table_set(t, C_P, "%s%s", b, p_marks(&p->new_sm.mwu));
		}
	}
}

static void pair_csv(struct strbuf *out, const struct cfg_group *g,
		     const struct pair *p)
{
	const struct summary *o = &p->old_sm, *n = &p->new_sm;

	report_csv_keys(out, g);
	sb_add(out, ",");
	csv_put_field(out, p->name);
	sb_addf(out, ",%zu,%zu", o->reps, n->reps);
	report_csv_opt(out, o->med.known, o->med.v);
	report_csv_opt(out, o->lo.known, o->lo.v);
	report_csv_opt(out, o->hi.known, o->hi.v);
	report_csv_opt(out, n->med.known, n->med.v);
	report_csv_opt(out, n->lo.known, n->lo.v);
	report_csv_opt(out, n->hi.known, n->hi.v);
	report_csv_opt(out, n->ratio.known, n->ratio.v);
	report_csv_opt(out, n->has_test && n->mwu.method != MWU_NA, n->mwu.p);
	sb_add(out, ",");
	if (n->has_test)
		sb_add(out, stats_mwu_method_name(n->mwu.method));
	sb_add(out, "\n");
}

static const char *const compare_csv_tail[] = {
    "scheme",
    "old_reps",
    "new_reps",
    "old_ops_per_sec_median",
    "old_ops_per_sec_min",
    "old_ops_per_sec_max",
    "new_ops_per_sec_median",
    "new_ops_per_sec_min",
    "new_ops_per_sec_max",
    "new_over_old",
    "p_value",
    "p_method",
};

static void compare_head(const struct results *old_r, const char *old_name,
			 const struct results *new_r, const char *new_name,
			 size_t npairs, size_t ntests, size_t nweak,
			 enum report_format fmt, struct strbuf *out)
{
	struct strbuf line = STRBUF_INIT;
	bool md = fmt == FMT_MARKDOWN;

	sb_addf(&line, "%zu configuration+scheme pairs in both runs", npairs);
	wrap_text(out,
		  md ? "**swtlb-report --compare**: "
		     : "swtlb-report --compare: ",
		  sb_str(&line), 4);
	if (md)
		sb_add(out, "\n");
	sb_reset(&line);
	sb_addf(&line, md ? "- old `%s`: " : "old: %s", old_name);
	if (!md) {
		wrap_text(out, "", sb_str(&line), 4);
		sb_reset(&line);
		sb_add(&line, "    ");
	}
	describe_host(old_r, sb_str(&line), out);
	sb_reset(&line);
	sb_addf(&line, md ? "- new `%s`: " : "new: %s", new_name);
	if (!md) {
		wrap_text(out, "", sb_str(&line), 4);
		sb_reset(&line);
		sb_add(&line, "    ");
	}
	describe_host(new_r, sb_str(&line), out);
	sb_free(&line);
	if (md)
		sb_add(out, "\n");
	sb_addf(out, "%s\n", report_legend);
	report_chance_line(ntests, nweak, out);
	sb_add(out, "new/old: new median ops/s over old; -: not in that "
		    "run\n");
}

/* Every scheme of old group og and new group ng, old's order first. */
static size_t group_pairs(const struct cfg_group *og,
			  const struct cfg_group *ng, struct pair *p)
{
	size_t n = 0;

	for (size_t i = 0; og && i < og->nscheme; i++) {
		p[n].name = og->scheme[i].name;
		p[n].old_s = &og->scheme[i];
		p[n].new_s = ng ? group_find_scheme(ng, p[n].name) : NULL;
		n++;
	}
	for (size_t i = 0; ng && i < ng->nscheme; i++) {
		if (og && group_find_scheme(og, ng->scheme[i].name))
			continue;
		p[n].name = ng->scheme[i].name;
		p[n].old_s = NULL;
		p[n].new_s = &ng->scheme[i];
		n++;
	}
	for (size_t i = 0; i < n; i++)
		pair_fill(&p[i]);
	return n;
}

static void compare_group(const struct cfg_group *og,
			  const struct cfg_group *ng, size_t index,
			  enum report_format fmt, struct strbuf *out)
{
	const struct cfg_group *g = og ? og : ng;
	struct pair p[(og ? og->nscheme : 0) + (ng ? ng->nscheme : 0)];
	size_t n = group_pairs(og, ng, p);
	struct table t;

	if (fmt == FMT_CSV) {
		for (size_t i = 0; i < n; i++)
			pair_csv(out, g, &p[i]);
		return;
	}
	sb_add(out, "\n");
	if (fmt == FMT_MARKDOWN) {
		sb_addf(out, "### [%zu] ", index);
		describe_cfg_line(g, NULL, out);
		sb_addf(out, "%s\n\n",
			!og   ? " (new run only)"
			: !ng ? " (old run only)"
			      : "");
	} else {
		char phrase[NKEYS + 1][PHRASE_LEN];
		const char *ph[NKEYS + 1];
		char prefix[32];
		size_t k = describe_cfg(g, NULL, phrase);

		if (!og || !ng)
			snprintf(phrase[k++], PHRASE_LEN, "%s run only",
				 og ? "old" : "new");
		for (size_t i = 0; i < k; i++)
			ph[i] = phrase[i];
		snprintf(prefix, sizeof(prefix), "[%zu] ", index);
		wrap_phrases(out, prefix, ph, k, 4);
	}
	table_init(&t, compare_cols, NCOL);
	for (size_t i = 0; i < n; i++)
		pair_row(&t, &p[i]);
	if (fmt == FMT_MARKDOWN)
		table_markdown(&t, out);
	else
		table_text(&t, out);
	table_free(&t);
}

/* Pairs found in both runs, and how many of them get a p-value. */
static size_t count_pairs(const struct results *old_r,
			  const struct results *new_r, size_t *ntests,
			  size_t *nweak)
{
	size_t n = 0;

	*ntests = *nweak = 0;
	for (size_t i = 0; i < old_r->ngroup; i++) {
		const struct cfg_group *og = &old_r->group[i];
		const struct cfg_group *ng = results_find_group(new_r, og);

		for (size_t j = 0; ng && j < og->nscheme; j++) {
			const struct scheme_stats *ns =
			    group_find_scheme(ng, og->scheme[j].name);
			struct summary sm;

			if (!ns)
				continue;
			n++;
			summarize(ns, &og->scheme[j], &sm);
			*ntests += sm.has_test && sm.mwu.method != MWU_NA;
			*nweak += summary_test_too_weak(&sm);
		}
	}
	return n;
}

void report_compare(const struct results *old_r, const char *old_name,
		    const struct results *new_r, const char *new_name,
		    enum report_format fmt, struct strbuf *out)
{
	size_t index = 0;

	if (fmt == FMT_CSV)
		report_csv_header(out, compare_csv_tail,
				  sizeof(compare_csv_tail) /
				      sizeof(*compare_csv_tail));
	else {
		size_t ntests, nweak,
		    npairs = count_pairs(old_r, new_r, &ntests, &nweak);

		compare_head(old_r, old_name, new_r, new_name, npairs, ntests,
			     nweak, fmt, out);
	}
	for (size_t i = 0; i < old_r->ngroup; i++)
		compare_group(&old_r->group[i],
			      results_find_group(new_r, &old_r->group[i]),
			      ++index, fmt, out);
	for (size_t i = 0; i < new_r->ngroup; i++)
		if (!results_find_group(old_r, &new_r->group[i]))
			compare_group(NULL, &new_r->group[i], ++index, fmt,
				      out);
}
