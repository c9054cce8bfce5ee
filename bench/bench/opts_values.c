// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/opts_values.c: see opts_values.h. */
#include "bench/bench/opts_values.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench/common/cli.h"
#include "util/num.h"

/* Unsigned integer in [lo, hi]; the whole string (cli.h's rules). */
int swtlb_opt_parse_uint(const char *s, unsigned long lo, unsigned long hi,
			 unsigned long *out)
{
	unsigned long long v;

	if (swtlb_cli_uint(s, lo, hi, &v))
		return -1;
	*out = (unsigned long)v;
	return 0;
}

/* Splits a comma list into items; -1 on an empty item. */
int swtlb_opt_for_each_item(const char *list, int (*fn)(const char *, void *),
			    void *ctx)
{
	char buf[1024];
	const char *p = list;

	if (!*list)
		return -1;
	while (1) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		if (n == 0 || n >= sizeof(buf))
			return -1;
		memcpy(buf, p, n);
		buf[n] = '\0';
		if (fn(buf, ctx))
			return -1;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

int swtlb_opt_add_scheme(const char *name, void *ctx)
{
	struct swtlb_bench_opts *o = ctx;
	const struct swtlb_scheme_ops *s = swtlb_scheme_find(name);

	if (!s || o->nschemes == SWTLB_BENCH_MAX_LIST)
		return -1;
	for (unsigned int i = 0; i < o->nschemes; i++)
		if (o->schemes[i] == s)
			return 0;
	o->schemes[o->nschemes++] = s;
	return 0;
}

int swtlb_opt_add_layout(const char *name, void *ctx)
{
	struct swtlb_bench_opts *o = ctx;

	/* "cpus:0,2,compact": items after cpus: that are CPU ids or ranges
	 * belong to its CPU list (the layout string keeps the comma; the CSV
	 * quotes it). */
	if (name[0] >= '0' && name[0] <= '9' && o->nlayouts &&
	    !strncmp(o->layouts[o->nlayouts - 1], "cpus:", 5)) {
		char *last = o->layouts[o->nlayouts - 1];
		size_t len = strlen(last);

		if (len + 1 + strlen(name) >= sizeof(o->layouts[0]))
			return -1;
		last[len] = ',';
		strcpy(last + len + 1, name);
		return 0;
	}
	if (o->nlayouts == SWTLB_BENCH_MAX_LIST ||
	    strlen(name) >= sizeof(o->layouts[0]))
		return -1;
	for (unsigned int i = 0; i < o->nlayouts; i++)
		if (!strcmp(o->layouts[i], name))
			return 0;
	strcpy(o->layouts[o->nlayouts++], name);
	return 0;
}

int swtlb_opt_add_threads(const char *s, void *ctx)
{
	struct swtlb_bench_opts *o = ctx;
	unsigned long v;

	if (!strcmp(s, "max"))
		v = SWTLB_BENCH_THREADS_MAX;
	else if (swtlb_opt_parse_uint(s, 1, 4096, &v))
		return -1;
	for (unsigned int i = 0; i < o->nthreads; i++)
		if (o->threads[i] == v)
			return 0;
	if (o->nthreads == SWTLB_BENCH_MAX_LIST)
		return -1;
	o->threads[o->nthreads++] = (unsigned int)v;
	return 0;
}

/* "a|b|both" -> 1 or 2 values of an enum-like pair. */
int swtlb_opt_parse_pair(const char *v, const char *a, const char *b, int *vals,
			 unsigned int *n)
{
	if (!strcmp(v, a)) {
		vals[0] = 0;
		*n = 1;
	} else if (!strcmp(v, b)) {
		vals[0] = 1;
		*n = 1;
	} else if (!strcmp(v, "both")) {
		vals[0] = 0;
		vals[1] = 1;
		*n = 2;
	} else {
		return -1;
	}
	return 0;
}

/* Seconds as digits[.digits], an optional 's' after (util/num.h). */
int swtlb_opt_parse_seconds(const char *s, double *out)
{
	char num[64];
	size_t n = s ? strlen(s) : 0;
	double v;

	if (n && s[n - 1] == 's')
		n--;
	if (!n || n >= sizeof(num))
		return -1;
	memcpy(num, s, n);
	num[n] = '\0';
	if (swtlb_parse_double(num, 0, 3600, &v) != SWTLB_NUM_OK || v <= 0)
		return -1;
	*out = v;
	return 0;
}

int swtlb_opt_copy_str(char *dst, size_t len, const char *v)
{
	if (strlen(v) >= len)
		return -1;
	strcpy(dst, v);
	return 0;
}
