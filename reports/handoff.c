// SPDX-License-Identifier: GPL-2.0-only
/* reports/handoff.c: see handoff.h. */
#include "reports/handoff.h"

#include <math.h>
#include <string.h>

#include "reports/describe.h"
#include "reports/table.h"

bool handoff_ceiling(double handoff_ns, double *ops_per_sec)
{
	if (!(handoff_ns > 0) || !isfinite(handoff_ns))
		return false;
	*ops_per_sec = 1e9 / handoff_ns;
	return true;
}

bool handoffs_per_op(double ops_per_sec, double handoff_ns, double *out)
{
	double ceiling;

	if (!(ops_per_sec > 0) || !isfinite(ops_per_sec) ||
	    !handoff_ceiling(handoff_ns, &ceiling))
		return false;
	*out = ceiling / ops_per_sec;
	return true;
}

bool jain_unfair(double jain)
{
	return jain < UNFAIR_JAIN;
}

static bool any_fact(const struct results *r)
{
	for (int m = META_FACTS; m < NMETA; m++)
		if (r->meta[m].n)
			return true;
	return false;
}

/* Is every value of field f equal to want? */
static bool all_are(const struct results *r, enum meta_field f,
		    const char *want)
{
	const struct meta_values *m = &r->meta[f];

	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->v[i], want) != 0)
			return false;
	return m->n > 0;
}

static bool any_starts(const struct results *r, enum meta_field f,
		       const char *prefix)
{
	const struct meta_values *m = &r->meta[f];

	for (size_t i = 0; i < m->n; i++)
		if (!strncmp(m->v[i], prefix, strlen(prefix)))
			return true;
	return false;
}

static void warnings(const struct results *r, bool md, struct strbuf *out)
{
	struct strbuf line = STRBUF_INIT;
	const char *lead = md ? "- **WARNING**: " : "WARNING: ";

	if (!all_are(r, META_GOVERNOR, "performance")) {
		sb_add(&line, "cpufreq governor ");
		describe_meta(r, META_GOVERNOR, &line);
		sb_add(&line, ", not performance: the clock may have moved");
		wrap_text(out, lead, sb_str(&line), 4);
		sb_reset(&line);
	}
	if (any_starts(r, META_VIRT, "vm")) {
		sb_add(&line, "a virtual machine (");
		describe_meta(r, META_VIRT, &line);
		sb_add(&line, "): not a bare-metal figure");
		wrap_text(out, lead, sb_str(&line), 4);
	}
	sb_free(&line);
}

/* "vulnerable=a+b;mitigated=c" -> "vulnerable: a, b; mitigated: c", so
 * that it wraps at spaces. */
static void mitigations_text(const struct results *r, struct strbuf *out)
{
	struct strbuf raw = STRBUF_INIT;

	describe_meta(r, META_MITIGATIONS, &raw);
	for (const char *p = sb_str(&raw); *p; p++) {
		if (*p == '+')
			sb_add(out, ", ");
		else if (*p == ';')
			sb_add(out, "; ");
		else if (*p == '=')
			sb_add(out, ": ");
		else
			sb_addf(out, "%c", *p);
	}
	sb_free(&raw);
}

void describe_facts(const struct results *r, bool md, struct strbuf *out)
{
	static const struct {
		enum meta_field f;
		const char *label;
	} facts[] = {
	    {META_DRIVER, "cpufreq"},
	    {META_GOVERNOR, "governor"},
	    {META_BOOST, "boost"},
	    {META_SMT, "smt"},
	    {META_MICROCODE, "ucode"},
	    {META_THP, "thp"},
	    {META_NUMA_BAL, "numa balancing"},
	    {META_VIRT, "virt"},
	};
	enum { NF = sizeof(facts) / sizeof(facts[0]) };
	struct strbuf text[NF], mit = STRBUF_INIT;
	const char *phrase[NF];

	if (!any_fact(r))
		return;
	for (int i = 0; i < NF; i++) {
		text[i] = (struct strbuf)STRBUF_INIT;
		sb_addf(&text[i], "%s ", facts[i].label);
		describe_meta(r, facts[i].f, &text[i]);
		phrase[i] = sb_str(&text[i]);
	}
	mitigations_text(r, &mit);
	if (md) {
		sb_add(out, "- host facts: ");
		for (int i = 0; i < NF; i++)
			sb_addf(out, "%s%s", i ? ", " : "", phrase[i]);
		sb_addf(out, "\n- mitigations: %s\n", sb_str(&mit));
	} else {
		wrap_phrases(out, "facts: ", phrase, NF, 4);
		wrap_text(out, "mitigations: ", sb_str(&mit), 4);
	}
	warnings(r, md, out);
	for (int i = 0; i < NF; i++)
		sb_free(&text[i]);
	sb_free(&mit);
}
