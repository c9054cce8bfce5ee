// SPDX-License-Identifier: GPL-2.0-only
/* reports/events.c: see events.h. */
#include "reports/events.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/stats.h"
#include "reports/table.h"

#define MAX_EVENTS 64
#define MAX_NAME   95

/* Entry k of a ';'-joined list (its start and length); false past the
 * end. */
static bool entry(const char *list, size_t k, const char **start, size_t *n)
{
	const char *p = list;

	for (; k > 0; k--) {
		p = strchr(p, ';');
		if (!p)
			return false;
		p++;
	}
	*start = p;
	*n = strcspn(p, ";");
	return true;
}

static bool valid_name(const char *s, size_t n)
{
	if (n == 0 || n > MAX_NAME)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || (c && strchr("_:.=-", c))))
			return false;
	}
	return true;
}

static struct event_stats *get_event(struct scheme_stats *s, const char *name,
				     size_t n)
{
	for (size_t i = 0; i < s->nevent; i++)
		if (strlen(s->event[i].name) == n &&
		    !strncmp(s->event[i].name, name, n))
			return &s->event[i];
	s->event = xrealloc(s->event, (s->nevent + 1) * sizeof(*s->event));
	memset(&s->event[s->nevent], 0, sizeof(*s->event));
	s->event[s->nevent].name = xrealloc(NULL, n + 1);
	memcpy(s->event[s->nevent].name, name, n);
	s->event[s->nevent].name[n] = '\0';
	return &s->event[s->nevent++];
}

/* A per-op entry: empty (unknown) or a plain non-negative number. */
static int parse_per_op(const char *p, size_t n, bool *known, double *v)
{
	char buf[32], *end;

	*known = n > 0;
	if (!n)
		return 0;
	if (n >= sizeof(buf) || !((*p >= '0' && *p <= '9') || *p == '.'))
		return -1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	if (strpbrk(buf, "xXpP"))
		return -1;
	errno = 0;
	*v = strtod(buf, &end);
	return errno || *end ? -1 : 0;
}

int events_add_row(struct scheme_stats *s, const char *names,
		   const char *per_op, const char *scaled, char *why,
		   size_t len)
{
	const char *p, *q;
	size_t n, m;

	if (!*names) {
		if (*per_op || *scaled)
			return snprintf(why, len,
					"pmu_per_op without pmu_events"),
			       -1;
		return 0;
	}
	for (size_t k = 0; entry(names, k, &p, &n); k++) {
		struct event_stats *e;
		bool known;
		double v = 0;

		if (k == MAX_EVENTS)
			return snprintf(why, len, "more than %d events",
					MAX_EVENTS),
			       -1;
		if (!valid_name(p, n))
			return snprintf(why, len,
					"pmu_events: entry %zu is no event "
					"name",
					k + 1),
			       -1;
		if (!entry(per_op, k, &q, &m))
			m = 0;
		if (parse_per_op(q, m, &known, &v))
			return snprintf(why, len,
					"pmu_per_op: entry %zu is not a "
					"number",
					k + 1),
			       -1;
		e = get_event(s, p, n);
		if (!known)
			continue;
		samples_push(&e->per_op, v);
		if (entry(scaled, k, &q, &m) && m == 1 && *q == '1')
			e->scaled++;
	}
	return 0;
}

void events_free(struct scheme_stats *s)
{
	for (size_t i = 0; i < s->nevent; i++) {
		free(s->event[i].name);
		free(s->event[i].per_op.v);
	}
	free(s->event);
	s->event = NULL;
	s->nevent = 0;
}

static const struct event_stats *find(const struct scheme_stats *s,
				      const char *name)
{
	for (size_t i = 0; i < s->nevent; i++)
		if (!strcmp(s->event[i].name, name))
			return &s->event[i];
	return NULL;
}

/* "scheme 0.0123" (or "-", and "*" when scaled in some rep). */
static void phrase(const struct scheme_stats *s, const char *event, char *buf,
		   size_t len)
{
	const struct event_stats *e = find(s, event);

	if (!e || !e->per_op.n) {
		snprintf(buf, len, "%s -", s->name);
		return;
	}
	snprintf(buf, len, "%s %.4g%s", s->name,
		 stats_median(e->per_op.v, e->per_op.n), e->scaled ? "*" : "");
}

void events_report(const struct scheme_stats *const *order, size_t n,
		   enum report_format fmt, struct strbuf *out)
{
	bool md = fmt == FMT_MARKDOWN, head = false;

	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < order[i]->nevent; k++) {
			const char *name = order[i]->event[k].name;
			char(*ph)[160] = xrealloc(NULL, n * sizeof(*ph));
			const char **p = xrealloc(NULL, n * sizeof(*p));
			bool seen = false;

			/* Print each event once: where it first appears. */
			for (size_t j = 0; j < i && !seen; j++)
				seen = find(order[j], name) != NULL;
			for (size_t j = 0; j < k && !seen; j++)
				seen = !strcmp(order[i]->event[j].name, name);
			if (!seen && !head) {
				sb_add(out, "events per op (median; * scaled "
					    "for multiplexing in a rep):\n");
				head = true;
			}
			if (!seen) {
				for (size_t j = 0; j < n; j++) {
					phrase(order[j], name, ph[j],
					       sizeof(ph[j]));
					p[j] = ph[j];
				}
				sb_addf(out, "%s%s\n", md ? "- " : "  ", name);
				wrap_phrases(out, md ? "  " : "    ", p, n,
					     md ? 2 : 4);
			}
			free(ph);
			free(p);
		}
	}
}
