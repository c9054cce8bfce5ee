// SPDX-License-Identifier: GPL-2.0-only
/*
 * reports/report_head.c: the head of the scheme report (report.c): the
 * row and configuration counts, the run's facts, the long scheme names,
 * the legend and how many marks chance alone would give.
 */
#include "reports/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/describe.h"
#include "reports/handoff.h"
#include "reports/report_int.h"
#include "reports/summary.h"
#include "reports/table.h"

/* Plain text cuts scheme names at SCHEME_TEXT_MAX columns ("~" marks the
 * cut): the full names are listed once at the top. */
static void long_names(const struct results *r, struct strbuf *out)
{
	struct strbuf line = STRBUF_INIT;
	struct meta_values seen = {0, NULL};

	for (size_t i = 0; i < r->ngroup; i++)
		for (size_t j = 0; j < r->group[i].nscheme; j++) {
			const char *n = r->group[i].scheme[j].name;
			size_t k;

			if (strlen(n) <= SCHEME_TEXT_MAX)
				continue;
			for (k = 0; k < seen.n && strcmp(seen.v[k], n); k++)
				;
			if (k < seen.n)
				continue;
			seen.v =
			    xrealloc(seen.v, (seen.n + 1) * sizeof(*seen.v));
			seen.v[seen.n++] = n;
			sb_addf(&line, "%.*s~ is %s", SCHEME_TEXT_MAX - 1, n,
				n);
			wrap_text(out, "scheme: ", sb_str(&line), 4);
			sb_reset(&line);
		}
	free(seen.v);
	sb_free(&line);
}

/* U tests the report will print, to say how many marks chance alone would
 * give (the tests are not corrected for multiple comparisons). */
static size_t count_tests(const struct results *r, const char *baseline,
			  size_t *nweak)
{
	size_t n = 0;

	*nweak = 0;
	for (size_t i = 0; i < r->ngroup; i++) {
		const struct cfg_group *g = &r->group[i];
		const struct scheme_stats *base =
		    group_find_scheme(g, baseline);

		for (size_t j = 0; base && j < g->nscheme; j++) {
			struct summary sm;

			summarize(&g->scheme[j], base, &sm);
			n += sm.has_test && sm.mwu.method != MWU_NA;
			*nweak += summary_test_too_weak(&sm);
		}
	}
	return n;
}

bool summary_test_too_weak(const struct summary *sm)
{
	return sm->has_test && sm->mwu.method != MWU_NA && sm->mwu.min_p > 0.05;
}

void report_chance_line(size_t ntests, size_t nweak, struct strbuf *out)
{
	if (ntests > 1)
		sb_addf(out,
			"%zu tests, uncorrected: about %.1f would get * by "
			"chance alone\n",
			ntests, (double)ntests * 0.05);
	/* 3 reps a side can never give p < 0.05: say so rather than let
	 * an absent mark read as "no difference". */
	if (nweak)
		sb_addf(out,
			"%zu of %zu tests cannot reach p<0.05 whatever the "
			"data: too few reps\n",
			nweak, ntests);
}

/* "N rows, M configurations, baseline B[, K rows left out by --where]" */
static void counts(const struct results *r, const char *baseline, bool md,
		   struct strbuf *out)
{
	sb_addf(out, "%zu row%s, %zu configuration%s, baseline %s%s%s",
		r->nrows, r->nrows == 1 ? "" : "s", r->ngroup,
		r->ngroup == 1 ? "" : "s", md ? "`" : "", baseline,
		md ? "`" : "");
	if (r->nskipped)
		sb_addf(out, ", %zu rows left out by --where", r->nskipped);
	if (r->nzero_iter)
		sb_addf(out, ", %zu row%s with 0 iterations (ops/s not used)",
			r->nzero_iter, r->nzero_iter == 1 ? "" : "s");
}

static bool any_handoff(const struct results *r)
{
	for (size_t i = 0; i < r->ngroup; i++)
		for (size_t j = 0; j < r->group[i].nscheme; j++)
			if (r->group[i].scheme[j].m[M_HANDOFF].n ||
			    r->group[i].scheme[j].m[M_JAIN].n)
				return true;
	return false;
}

void report_head(const struct results *r, const char *baseline,
		 enum report_format fmt, struct strbuf *out)
{
	if (fmt == FMT_MARKDOWN) {
		static const char *const label[NMETA] = {
		    [META_HOST] = "host",
		    [META_CPU] = "cpu",
		    [META_KERNEL] = "kernel",
		    [META_REV] = "git rev",
		    [META_RUN] = "run",
		    [META_POOL] = "pool (--nslabs)",
		    [META_SRC] = "bounce sources (--src-set)",
		    [META_PERIODIC] = "periodic work",
		};

		sb_add(out, "**swtlb-report**: ");
		counts(r, baseline, true, out);
		sb_add(out, "\n\n");
		for (int m = 0; m < META_FACTS; m++) {
			sb_addf(out, "- %s: ", label[m]);
			describe_meta(r, (enum meta_field)m, out);
			sb_add(out, "\n");
		}
		describe_facts(r, true, out);
		sb_addf(out,
			"\n%s; `-`: not measured; ratio: median ops/s "
			"over the baseline's.\n",
			report_legend);
		{
			size_t nweak, n = count_tests(r, baseline, &nweak);

			report_chance_line(n, nweak, out);
		}
		return;
	}
	{
		struct strbuf line = STRBUF_INIT;

		counts(r, baseline, false, &line);
		wrap_text(out, "swtlb-report: ", sb_str(&line), 4);
		sb_free(&line);
	}
	describe_host(r, "", out);
	describe_facts(r, false, out);
	long_names(r, out);
	sb_addf(out, "%s\n", report_legend);
	{
		size_t nweak, n = count_tests(r, baseline, &nweak);

		report_chance_line(n, nweak, out);
	}
	sb_add(out, "ratio: median ops/s over the baseline's; -: not "
		    "measured\n");
	if (any_handoff(r)) {
		struct strbuf line = STRBUF_INIT;

		sb_addf(&line,
			"ns one way; ceiling: 1/handoff ops/s; ho/op: ceiling "
			"over ops/s; jain: least fair rep, ! below %.2f",
			UNFAIR_JAIN);
		wrap_text(out, "handoff: ", sb_str(&line), 4);
		sb_free(&line);
	}
}
