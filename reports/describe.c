// SPDX-License-Identifier: GPL-2.0-only
/* reports/describe.c: see describe.h. */
#include "reports/describe.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "reports/table.h"

size_t describe_cfg(const struct cfg_group *g, const bool *skip,
		    char phrase[NKEYS][PHRASE_LEN])
{
	size_t n = 0;

	for (int k = 0; k < NKEYS; k++) {
		const char *v = g->key[k];
		char *p = phrase[n];

		/* An empty cell: the workload has no such thing. */
		if ((skip && skip[k]) || !*v)
			continue;
		/* Sources matter only where data was copied. */
		if (k == K_SRC_SET && (!*v || !strcmp(g->key[K_BOUNCE], "0")))
			continue;
		switch (k) {
		case K_WORKLOAD:
		case K_WORKLOAD_PARAMS:
		case K_KCONFIG:
			snprintf(p, PHRASE_LEN, "%s", v);
			break;
		case K_LAYOUT:
			snprintf(p, PHRASE_LEN, "layout %s", v);
			break;
		case K_THREADS:
			snprintf(p, PHRASE_LEN, "%s thread%s", v,
				 strcmp(v, "1") ? "s" : "");
			break;
		case K_SIZE_DIST:
			snprintf(p, PHRASE_LEN, "sizes %s", v);
			break;
		case K_QUEUE_DEPTH:
			snprintf(p, PHRASE_LEN, "queue depth %s", v);
			break;
		case K_BOUNCE:
			if (!strcmp(v, "0") || !strcmp(v, "1"))
				snprintf(p, PHRASE_LEN, "bounce %s",
					 strcmp(v, "0") ? "on" : "off");
			else
				snprintf(p, PHRASE_LEN, "bounce %s", v);
			break;
		case K_AREA_LAYOUT:
			snprintf(p, PHRASE_LEN, "%s areas", v);
			break;
		case K_NAREAS:
			snprintf(p, PHRASE_LEN, "%s area%s", v,
				 strcmp(v, "1") ? "s" : "");
			break;
		case K_NSLABS:
			snprintf(p, PHRASE_LEN, "%s slots", v);
			break;
		case K_SRC_SET:
			snprintf(p, PHRASE_LEN, "sources %s", v);
			break;
		}
		n++;
	}
	return n;
}

void describe_cfg_line(const struct cfg_group *g, const bool *skip,
		       struct strbuf *out)
{
	char phrase[NKEYS][PHRASE_LEN];
	size_t n = describe_cfg(g, skip, phrase);

	for (size_t i = 0; i < n; i++)
		sb_addf(out, "%s%s", i ? ", " : "", phrase[i]);
}

void describe_meta(const struct results *r, enum meta_field f,
		   struct strbuf *out)
{
	const struct meta_values *m = &r->meta[f];

	if (!m->n)
		sb_add(out, "unknown");
	for (size_t i = 0; i < m->n; i++)
		sb_addf(out, "%s%s", i ? " / " : "", m->v[i]);
}

void describe_host(const struct results *r, const char *prefix,
		   struct strbuf *out)
{
	static const char *const label[META_FACTS] = {
	    [META_HOST] = "host",   [META_KERNEL] = "kernel",
	    [META_REV] = "rev",	    [META_RUN] = "run",
	    [META_CPU] = "cpu",	    [META_POOL] = "pool",
	    [META_SRC] = "sources", [META_PERIODIC] = "periodic work",
	};
	static const enum meta_field order[META_FACTS] = {
	    META_HOST, META_KERNEL, META_REV, META_RUN,
	    META_CPU,  META_POOL,   META_SRC, META_PERIODIC};
	struct strbuf text[META_FACTS];
	const char *phrase[META_FACTS];

	for (int i = 0; i < META_FACTS; i++) {
		text[i] = (struct strbuf)STRBUF_INIT;
		sb_addf(&text[i], "%s ", label[order[i]]);
		describe_meta(r, order[i], &text[i]);
		phrase[i] = sb_str(&text[i]);
	}
	wrap_phrases(out, prefix, phrase, META_FACTS, 4);
	for (int i = 0; i < META_FACTS; i++)
		sb_free(&text[i]);
}

void fmt_si(char *buf, size_t len, double v)
{
	static const char *const suffix[] = {"", "k", "M", "G", "T"};
	int i = 0;

	while (fabs(v) >= 1000 && i < 4) {
		v /= 1000;
		i++;
	}
	snprintf(buf, len, "%.2f%s", v, suffix[i]);
}

void fmt_p(char *buf, size_t len, double p)
{
	if (p >= 0.001)
		snprintf(buf, len, "%.3f", p);
	else
		snprintf(buf, len, "%.1e", p);
}

void fmt_num(char *buf, size_t len, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.1f", v);
}
