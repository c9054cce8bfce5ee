// SPDX-License-Identifier: GPL-2.0-only
/* bench/sim/lat_from.c: the model's latencies from the hand-off pre-flight
 * recorded in a results CSV (lat_from.h). */
#include "bench/sim/lat_from.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/csv_read.h"
#include "topology/handoff.h"
#include "util/num.h"
#include "util/text.h"

/* The largest one-way hand-off believed, ns: a figure above it is no
 * cache-line hand-off (a cross-socket one is a few hundred). */
#define HANDOFF_MAX_NS 1e6

const char *model_lat_src_name(enum model_lat_src s)
{
	static const char *const names[] = {"default", "file", "flag"};

	return (unsigned int)s < 3 ? names[s] : "?";
}

double model_lat_from_handoff(double one_way_ns)
{
	return one_way_ns / 2;
}

/* The model's class of a pre-flight class name (handoff.h), -1 if none. */
static int model_class(const char *name, size_t len)
{
	static const enum swtlb_model_dist to_model[SWTLB_DIST_N] = {
	    [SWTLB_DIST_SMT] = SWTLB_MODEL_DIST_SMT,
	    [SWTLB_DIST_CACHE] = SWTLB_MODEL_DIST_CACHE,
	    [SWTLB_DIST_DIE] = SWTLB_MODEL_DIST_PACKAGE,
	    /* The pre-flight's node is one NUMA node (nothing nearer
	     * shared), its package two nodes of one package (SNC, NPS):
	     * the model's package and node. */
	    [SWTLB_DIST_NODE] = SWTLB_MODEL_DIST_PACKAGE,
	    [SWTLB_DIST_PACKAGE] = SWTLB_MODEL_DIST_NODE,
	    [SWTLB_DIST_REMOTE] = SWTLB_MODEL_DIST_REMOTE,
	};

	/* same-cpu is never a measured pair. */
	for (int d = SWTLB_DIST_SMT; d < SWTLB_DIST_N; d++) {
		const char *n = swtlb_dist_name((enum swtlb_dist)d);

		if (strlen(n) == len && !memcmp(n, name, len))
			return (int)to_model[d];
	}
	return -1;
}

/*
 * One entry, "class:A-B=ns", "class:A-B=?" or "class:A-B": 1 with *cls
 * and *ns when measured, 0 when not, -1 with *why when malformed.
 */
static int parse_entry(const char *e, size_t len, int *cls, double *ns,
		       const char **why)
{
	const char *end = e + len, *colon = memchr(e, ':', len), *eq, *stop,
		   *dash;
	uint64_t cpu;
	char num[32];
	size_t n;

	if (!colon || (*cls = model_class(e, (size_t)(colon - e))) < 0)
		return *why = "not a known class before ':'", -1;
	eq = memchr(colon, '=', (size_t)(end - colon));
	stop = eq ? eq : end;
	dash = memchr(colon + 1, '-', (size_t)(stop - colon - 1));
	if (!dash ||
	    swtlb_parse_u64n(colon + 1, (size_t)(dash - colon - 1), UINT32_MAX,
			     &cpu) != SWTLB_NUM_OK ||
	    swtlb_parse_u64n(dash + 1, (size_t)(stop - dash - 1), UINT32_MAX,
			     &cpu) != SWTLB_NUM_OK)
		return *why = "not a CPU pair A-B after the class", -1;
	if (!eq || (end - eq == 2 && eq[1] == '?'))
		return 0;
	n = (size_t)(end - eq - 1);
	if (n >= sizeof(num))
		return *why = "hand-off is not a number in (0, 1e6] ns", -1;
	memcpy(num, eq + 1, n);
	num[n] = '\0';
	if (swtlb_parse_double(num, 0, HANDOFF_MAX_NS, ns) != SWTLB_NUM_OK ||
	    !(*ns > 0))
		return *why = "hand-off is not a number in (0, 1e6] ns", -1;
	return 1;
}

struct samples {
	double *v;
	size_t n, cap;
};

static int push(struct samples *s, double x)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		double *v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = x;
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median (the mean of the middle two of an even count); n > 0. */
static double median(struct samples *s)
{
	qsort(s->v, s->n, sizeof(*s->v), cmp_double);
	return s->n % 2 ? s->v[s->n / 2]
			: (s->v[s->n / 2 - 1] + s->v[s->n / 2]) / 2;
}

/* Every entry of one row's cell into its class's samples; 0 or -1. */
static int read_cell(const struct csv_file *f, const struct csv_record *r,
		     const char *cell, struct samples *by_class, char *err,
		     size_t errlen)
{
	const char *e = cell, *why = NULL;

	if (!*cell)
		return 0; /* one thread, or a workload without a pre-flight */
	for (;;) {
		const char *semi = strchr(e, ';');
		size_t len = semi ? (size_t)(semi - e) : strlen(e);
		char shown[48], entry[48];
		double ns;
		int cls, rc = parse_entry(e, len, &cls, &ns, &why);

		if (rc == 1 && push(&by_class[cls], ns))
			return snprintf(err, errlen, "out of memory reading %s",
					f->path),
			       -1;
		if (rc < 0) {
			snprintf(entry, sizeof(entry), "%.*s",
				 (int)(len < 40 ? len : 40), e);
			swtlb_text_printable(entry, shown, sizeof(shown), 40);
			return snprintf(
				   err, errlen,
				   "%s:%ld: handoff_pairs entry \"%s\": %s",
				   f->path, r->line, shown, why),
			       -1;
		}
		if (!semi)
			break;
		e = semi + 1;
	}
	return 0;
}

/* Hand-offs of two hosts would make one median of two machines. */
static int check_host(const struct csv_file *f, int col, char *err,
		      size_t errlen)
{
	char a[40], b[40];

	for (size_t i = 1; col >= 0 && i < f->nrec; i++) {
		const char *h0 = f->rec[0].field[col],
			   *h = f->rec[i].field[col];

		if (strcmp(h0, h))
			return snprintf(
				   err, errlen,
				   "%s:%ld: rows of two hosts (\"%s\", "
				   "\"%s\"): hand-offs of one host "
				   "expected",
				   f->path, f->rec[i].line,
				   swtlb_text_printable(h0, a, sizeof(a), 32),
				   swtlb_text_printable(h, b, sizeof(b), 32)),
			       -1;
	}
	return 0;
}

static int read_pairs(const struct csv_file *f, struct samples *by_class,
		      char *err, size_t errlen)
{
	int col = csv_column(f, "handoff_pairs");

	if (col < 0)
		return snprintf(err, errlen,
				"%s: no handoff_pairs column: not a "
				"swtlb-bench results CSV of schema 2 or later",
				f->path),
		       -1;
	if (check_host(f, csv_column(f, "host"), err, errlen))
		return -1;
	for (size_t i = 0; i < f->nrec; i++)
		if (read_cell(f, &f->rec[i], f->rec[i].field[col], by_class,
			      err, errlen))
			return -1;
	return 0;
}

int model_lat_read(const char *path, struct model_lat_file *out, char *err,
		   size_t errlen)
{
	struct samples by_class[SWTLB_MODEL_DIST_NCLASSES] = {{0}};
	struct csv_file f;
	bool any = false;
	int rc;

	memset(out, 0, sizeof(*out));
	if (csv_read_regular_file(path, &f, err, errlen))
		return -1;
	rc = read_pairs(&f, by_class, err, errlen);
	for (int c = 0; c < SWTLB_MODEL_DIST_NCLASSES; c++) {
		if (!rc && by_class[c].n) {
			out->npairs[c] = (unsigned int)by_class[c].n;
			out->median_handoff_ns[c] = median(&by_class[c]);
			out->ns[c] =
			    model_lat_from_handoff(out->median_handoff_ns[c]);
			any = true;
		}
		free(by_class[c].v);
	}
	csv_free(&f);
	if (rc || any)
		return rc;
	snprintf(err, errlen,
		 "%s: no measured hand-off in handoff_pairs (each cell empty "
		 "or =?: measure with swtlb-bench --handoff-ms N, 2+ threads)",
		 path);
	return -1;
}
