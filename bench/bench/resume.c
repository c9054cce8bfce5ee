// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/resume.c: see resume.h. */
#include "bench/bench/resume.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/bench/plan.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct cols {
	int workload, workload_params, scheme, layout, threads, size_dist, qd,
	    bounce, nareas, nslabs, kconfig, area_layout, rep, src_set;
};

static int find_cols(char **hdr, int n, struct cols *c)
{
	c->workload = swtlb_results_column(hdr, n, "workload");
	c->workload_params = swtlb_results_column(hdr, n, "workload_params");
	c->scheme = swtlb_results_column(hdr, n, "scheme");
	c->layout = swtlb_results_column(hdr, n, "layout");
	c->threads = swtlb_results_column(hdr, n, "threads");
	c->size_dist = swtlb_results_column(hdr, n, "size_dist");
	c->qd = swtlb_results_column(hdr, n, "queue_depth");
	c->bounce = swtlb_results_column(hdr, n, "bounce");
	c->nareas = swtlb_results_column(hdr, n, "nareas");
	c->nslabs = swtlb_results_column(hdr, n, "nslabs");
	c->kconfig = swtlb_results_column(hdr, n, "kconfig");
	c->area_layout = swtlb_results_column(hdr, n, "area_layout");
	c->rep = swtlb_results_column(hdr, n, "rep");
	c->src_set = swtlb_results_column(hdr, n, "src_set");
	for (const int *p = &c->workload; p <= &c->src_set; p++)
		if (*p < 0)
			return -1;
	return 0;
}

static int add_done(struct swtlb_bench_existing *ex, char **f,
		    const struct cols *c)
{
	char key[1024], *entry, **grown;
	const char *scheme = f[c->scheme][0] ? f[c->scheme] : NULL;

	swtlb_bench_key(key, sizeof(key), f[c->workload], f[c->workload_params],
			scheme, f[c->layout],
			(unsigned int)strtoul(f[c->threads], 0, 10),
			f[c->size_dist], (unsigned int)strtoul(f[c->qd], 0, 10),
			strtoul(f[c->bounce], 0, 10) != 0,
			(unsigned int)strtoul(f[c->nareas], 0, 10),
			strtoul(f[c->nslabs], 0, 10), f[c->kconfig],
			f[c->area_layout], f[c->src_set]);
	entry = malloc(strlen(key) + 16);
	grown = realloc(ex->done, (ex->ndone + 1) * sizeof(*ex->done));
	if (!entry || !grown) {
		free(entry);
		if (grown)
			ex->done = grown;
		return -1;
	}
	ex->done = grown;
	sprintf(entry, "%s\x1f%s", key, f[c->rep]);
	ex->done[ex->ndone++] = entry;
	return 0;
}

/* swtlb_results_row_fn: the row's key, from the columns that make it. */
static int on_row(void *arg, char **hdr, char **row, int n)
{
	struct swtlb_bench_existing *ex = arg;
	struct cols c;

	/* A header of this schema has them all. */
	if (find_cols(hdr, n, &c))
		return -1;
	return add_done(ex, row, &c);
}

int swtlb_bench_existing_load(const char *path, const char *this_host,
			      struct swtlb_bench_existing *ex, char *err,
			      size_t errlen)
{
	memset(ex, 0, sizeof(*ex));
	if (swtlb_results_load(path, this_host, &ex->file, on_row, ex, err,
			       errlen)) {
		swtlb_bench_existing_free(ex);
		return -1;
	}
	if (ex->ndone) /* qsort() wants an array, even of nothing */
		qsort(ex->done, ex->ndone, sizeof(*ex->done), cmp_str);
	return 0;
}

bool swtlb_bench_existing_has(const struct swtlb_bench_existing *ex,
			      const char *key, unsigned int rep)
{
	char probe[1024], *p = probe;

	if (!ex || !ex->ndone)
		return false;
	snprintf(probe, sizeof(probe), "%s\x1f%u", key, rep);
	return bsearch(&p, ex->done, ex->ndone, sizeof(*ex->done), cmp_str) !=
	       NULL;
}

void swtlb_bench_existing_free(struct swtlb_bench_existing *ex)
{
	for (size_t i = 0; i < ex->ndone; i++)
		free(ex->done[i]);
	free(ex->done);
	ex->done = NULL;
	ex->ndone = 0;
}
