// SPDX-License-Identifier: GPL-2.0-only
/* reports/summary.c: see summary.h. */
#include "reports/summary.h"

#include <string.h>

static struct opt_val median_of(const struct samples *s)
{
	struct opt_val o = {false, 0};

	if (s->n) {
		o.known = true;
		o.v = stats_median(s->v, s->n);
	}
	return o;
}

void summarize(const struct scheme_stats *s, const struct scheme_stats *ref,
	       struct summary *out)
{
	const struct samples *ops = &s->m[M_OPS];

	memset(out, 0, sizeof(*out));
	out->reps = s->rows;
	out->nops = ops->n;
	out->mwu.method = MWU_NA;
	if (ops->n) {
		out->med = median_of(ops);
		out->lo = (struct opt_val){true, stats_min(ops->v, ops->n)};
		out->hi = (struct opt_val){true, stats_max(ops->v, ops->n)};
	}
	for (int m = 0; m < NMETRICS; m++)
		out->per[m] = median_of(&s->m[m]);
	if (s->m[M_MAP_FAILS].n) {
		out->map_fail_sum.known = true;
		for (size_t i = 0; i < s->m[M_MAP_FAILS].n; i++)
			out->map_fail_sum.v += s->m[M_MAP_FAILS].v[i];
	}
	if (!ref)
		return;
	out->is_reference = ref == s;
	if (out->is_reference) {
		if (out->med.known && out->med.v > 0)
			out->ratio = (struct opt_val){true, 1.0};
		return;
	}
	const struct samples *rops = &ref->m[M_OPS];

	if (out->med.known && rops->n) {
		double rmed = stats_median(rops->v, rops->n);

		if (rmed > 0)
			out->ratio = (struct opt_val){true, out->med.v / rmed};
	}
	if (ops->n && rops->n) {
		out->has_test = true;
		out->mwu = stats_mann_whitney(ops->v, ops->n, rops->v, rops->n);
	}
}

const char *p_marks(const struct mwu_result *r)
{
	if (r->method == MWU_NA)
		return "";
	if (r->p < 0.01)
		return "**";
	if (r->p < 0.05)
		return "*";
	return "";
}
