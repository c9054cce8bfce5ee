// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/bench/check_results.c: validates a swtlb-bench results CSV against
 * docs/csv.md, for the command-line tests.
 *
 *   check_results FILE SCHEMA_MD [--rows N] [--schemes a,b,..]
 *                 [--threads a,b,..] [--truth|--no-truth]
 *
 * Checks: the header is the schema's column list; every row has every cell;
 * numbers are numbers; iterations, wall time and rates are positive; the
 * perf cells agree with counters_status (no assumption about what this
 * machine can count); truth cells are all empty or all filled as asked;
 * each (configuration, rep) appears once. Prints "ok: N rows" or the first
 * problem, exit status 0 or 1.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/bench/plan.h"
#include "bench/common/results.h"
#include "bench/common/csv.h"

#define MAXF 128

static char *cols[MAXF];
static int ncols;
/* "key#rep" of every row; static so the early failure returns leak none. */
static char **keys;

static int fail(const char *fmt, const char *a, long line)
{
	fprintf(stderr, "check_results: line %ld: ", line);
	fprintf(stderr, fmt, a);
	fputc('\n', stderr);
	return 1;
}

static int col(const char *name);
static bool is_uint(const char *s);

/* Issue 11's cells: the pool rule is there exactly when the pool is, where
 * periodic work ran is one of its names, the context switch counts are
 * integers with max <= sum, and source bytes are there exactly when the
 * run bounced (a swiotlb row with bounce 1). */
static int issue11_cells(char **f, long line)
{
	const char *on = f[col("periodic_on")];
	bool bounced = !strcmp(f[col("bounce")], "1") &&
		       !strcmp(f[col("workload")], "swiotlb");
	bool pool = *f[col("nslabs")] != '\0';

	if (pool != (*f[col("nslabs_spec")] != '\0'))
		return fail("nslabs_spec %s", "disagrees with nslabs", line);
	if (strcmp(on, "none") && strcmp(on, "worker0") &&
	    strcmp(on, "ticker") && strncmp(on, "cpu:", 4))
		return fail("periodic_on %s unknown", on, line);
	if (!is_uint(f[col("worker_nivcsw_sum")]) ||
	    !is_uint(f[col("worker_nivcsw_max")]))
		return fail("%s not an integer", "worker_nivcsw_*", line);
	if (strtoull(f[col("worker_nivcsw_max")], 0, 10) >
	    strtoull(f[col("worker_nivcsw_sum")], 0, 10))
		return fail("%s: max above sum", "worker_nivcsw", line);
	if (bounced != (*f[col("src_set_bytes")] != '\0'))
		return fail("src_set_bytes %s",
			    "filled without bounce, or empty with it", line);
	if (bounced && !is_uint(f[col("src_set_bytes")]))
		return fail("%s not an integer", "src_set_bytes", line);
	return 0;
}

static int col(const char *name)
{
	for (int i = 0; i < ncols; i++)
		if (!strcmp(cols[i], name))
			return i;
	fprintf(stderr, "check_results: no column %s\n", name);
	exit(1);
}

/* Column names of the schema table: "| name | type | meaning |" rows. */
static int schema_columns(const char *md, char names[][64], int max)
{
	FILE *f = fopen(md, "r");
	char line[1024];
	int n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f) && n < max) {
		char name[64];

		if (sscanf(line, "| %63[a-z0-9_] |", name) != 1 ||
		    !strcmp(name, "column"))
			continue;
		strcpy(names[n++], name);
	}
	fclose(f);
	return n;
}

static bool is_uint(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool is_num(const char *s)
{
	char *end;

	if (!*s)
		return false;
	strtod(s, &end);
	return *end == '\0';
}

/* Entry k of a ';'-joined list into buf ("" past the end). */
static void entry(const char *list, int k, char *buf, size_t len)
{
	const char *p = list;
	size_t n;

	for (; k > 0 && p; k--) {
		p = strchr(p, ';');
		p = p ? p + 1 : NULL;
	}
	n = p ? strcspn(p, ";") : 0;
	if (n >= len)
		n = len - 1;
	memcpy(buf, p ? p : "", n);
	buf[n] = '\0';
}

static int entries(const char *list)
{
	int n = *list ? 1 : 0;

	for (; *list; list++)
		n += *list == ';';
	return n;
}

/* The --events lists: as many entries each; a count is an integer or
 * empty, and so are its per-op value and scaled flag (0/1) with it.
 * Returns how many events were counted, -1 if the lists disagree. */
static int check_pmu_lists(const char *names, const char *counts,
			   const char *per_op, const char *scaled)
{
	int n = entries(names), counted = 0;

	if (entries(counts) > n || entries(per_op) > n || entries(scaled) > n)
		return -1;
	/* One event not counted is one empty entry: "" has 0 entries. */
	if (entries(counts) != n && !(n == 1 && !*counts))
		return -1;
	for (int k = 0; k < n; k++) {
		char c[64], o[64], sc[8];

		entry(counts, k, c, sizeof(c));
		entry(per_op, k, o, sizeof(o));
		entry(scaled, k, sc, sizeof(sc));
		if (!*c) {
			if (*o || *sc)
				return -1;
			continue;
		}
		if (!is_uint(c) || (*o && !is_num(o)) ||
		    (strcmp(sc, "0") && strcmp(sc, "1")))
			return -1;
		counted++;
	}
	return counted;
}

static bool in_list(const char *list, const char *item)
{
	size_t n = strlen(item);

	for (const char *p = list; p && *p;) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);

		if (len == n && !strncmp(p, item, n))
			return true;
		p = c ? c + 1 : NULL;
	}
	return false;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	static char data[1 << 22], hbuf[8192], rbuf[8192], names[MAXF][64];
	const char *want_schemes = NULL, *want_threads = NULL;
	long want_rows = -1, nrows = 0, line = 1;
	int truth = -1, nnames;
	char *p, *nl, *f[MAXF];
	size_t len;
	FILE *in;

	if (argc < 3)
		return fprintf(stderr, "usage: check_results FILE SCHEMA\n"), 2;
	for (int i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--rows") && i + 1 < argc)
			want_rows = atol(argv[++i]);
		else if (!strcmp(argv[i], "--schemes") && i + 1 < argc)
			want_schemes = argv[++i];
		else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
			want_threads = argv[++i];
		else if (!strcmp(argv[i], "--truth"))
			truth = 1;
		else if (!strcmp(argv[i], "--no-truth"))
			truth = 0;
		else
			return fprintf(stderr, "bad option %s\n", argv[i]), 2;
	}
	in = fopen(argv[1], "r");
	if (!in)
		return fail("cannot open %s", argv[1], 0);
	len = fread(data, 1, sizeof(data) - 1, in);
	fclose(in);
	data[len] = '\0';
	if (len == 0 || data[len - 1] != '\n')
		return fail("%s: empty or not ending in a newline", argv[1], 0);
	nl = strchr(data, '\n');
	ncols = swtlb_csv_split(data, (size_t)(nl - data), hbuf, sizeof(hbuf),
				cols, MAXF);
	nnames = schema_columns(argv[2], names, MAXF);
	if (nnames <= 0)
		return fail("cannot read the schema %s", argv[2], 0);
	if (ncols != nnames)
		return fail("header has another column count than %s", argv[2],
			    1);
	for (int i = 0; i < ncols; i++)
		if (strcmp(cols[i], names[i]))
			return fail("header column differs from schema: %s",
				    cols[i], 1);
	for (p = nl + 1; *p; p = nl + 1) {
		static const char *hw_cells[] = {
		    "cycles_per_op", "instructions_per_op",
		    "cache_misses_per_op", "l1d_misses_per_op",
		    "llc_misses_per_op"};
		static const char *sw_cells[] = {"context_switches",
						 "cpu_migrations"};
		static const char *uints[] = {
		    "schema_version", "threads", "numa_nodes",
		    "queue_depth",    "bounce",	 "rep",
		    "iterations",     "wall_ns", "map_failures"};
		static const char *pool_cells[] = {"nareas", "nslabs",
						   "kconfig", "area_layout"};
		int npool = 0;
		int n, nhw = 0, nsw = 0, npmu;
		const char *status, *scheme;
		char key[1200];

		line++;
		nl = strchr(p, '\n');
		n = swtlb_csv_split(p, (size_t)(nl - p), rbuf, sizeof(rbuf), f,
				    MAXF);
		if (n != ncols)
			return fail("row has %s cells",
				    n < ncols ? "too few" : "too many", line);
		for (size_t k = 0; k < sizeof(uints) / sizeof(uints[0]); k++)
			if (!is_uint(f[col(uints[k])]))
				return fail("%s is not an integer", uints[k],
					    line);
		if (strcmp(f[col("schema_version")], "2"))
			return fail("schema_version is not %s", "2", line);
		if (issue11_cells(f, line))
			return 1;
		/* The pool's cells: all filled (swiotlb) or all empty (a
		 * workload without the pool). */
		for (int k = 0; k < 4; k++)
			npool += *f[col(pool_cells[k])] != '\0';
		if (npool != 0 && npool != 4)
			return fail("pool cells partly filled (%s)",
				    f[col("workload")], line);
		if (npool &&
		    (!is_uint(f[col("nareas")]) || !is_uint(f[col("nslabs")])))
			return fail("%s: nareas or nslabs not an integer",
				    f[col("workload")], line);
		if (!strcmp(f[col("workload")], "swiotlb") && !npool)
			return fail("%s row without its pool cells", "swiotlb",
				    line);
		npmu =
		    check_pmu_lists(f[col("pmu_events")], f[col("pmu_counts")],
				    f[col("pmu_per_op")], f[col("pmu_scaled")]);
		if (npmu < 0)
			return fail("%s lists disagree", "pmu_*", line);
		if (!strtoull(f[col("iterations")], 0, 10) ||
		    !strtoull(f[col("wall_ns")], 0, 10))
			return fail("%s: no operation or no time", "iterations",
				    line);
		if (!is_num(f[col("ops_per_sec")]) ||
		    !is_num(f[col("ns_per_op")]) ||
		    atof(f[col("ops_per_sec")]) <= 0)
			return fail("%s missing or not positive", "ops_per_sec",
				    line);
		for (int k = 0; k < 5; k++)
			if (*f[col(hw_cells[k])]) {
				if (!is_num(f[col(hw_cells[k])]))
					return fail("%s not a number",
						    hw_cells[k], line);
				nhw++;
			}
		for (int k = 0; k < 2; k++)
			if (*f[col(sw_cells[k])]) {
				if (!is_uint(f[col(sw_cells[k])]))
					return fail("%s not an integer",
						    sw_cells[k], line);
				nsw++;
			}
		status = f[col("counters_status")];
		if (!strcmp(status, "hw") || !strcmp(status, "multiplexed")) {
			if (!nhw && !npmu)
				return fail("status %s with no hardware cell",
					    status, line);
		} else if (!strcmp(status, "sw-only")) {
			if (nhw || !nsw)
				return fail("status %s disagrees with cells",
					    status, line);
		} else if (!strcmp(status, "none")) {
			if (nhw || nsw)
				return fail("status %s with counted cells",
					    status, line);
		} else {
			return fail("unknown counters_status %s", status, line);
		}
		scheme = f[col("scheme")];
		if (*f[col("hiwater_reported")] &&
		    !is_uint(f[col("hiwater_reported")]))
			return fail("hiwater_reported %s not an integer",
				    f[col("hiwater_reported")], line);
		if (truth == 0 &&
		    (*f[col("hiwater_truth")] || *f[col("hiwater_err_pct")]))
			return fail("truth cells filled without %s", "--truth",
				    line);
		if (truth == 1 && !is_uint(f[col("hiwater_truth")]))
			return fail("hiwater_truth missing for %s", scheme,
				    line);
		if (truth == 1 && (*f[col("hiwater_reported")] != '\0') !=
				      (*f[col("hiwater_err_pct")] != '\0'))
			return fail("hiwater_err_pct inconsistent (%s)", scheme,
				    line);
		if (want_threads && !in_list(want_threads, f[col("threads")]))
			return fail("unexpected thread count %s",
				    f[col("threads")], line);
		swtlb_bench_key(
		    key, sizeof(key) - 16, f[col("workload")],
		    f[col("workload_params")], scheme, f[col("layout")],
		    (unsigned int)atoi(f[col("threads")]), f[col("size_dist")],
		    (unsigned int)atoi(f[col("queue_depth")]),
		    atoi(f[col("bounce")]),
		    (unsigned int)atoi(f[col("nareas")]),
		    strtoul(f[col("nslabs")], 0, 10), f[col("kconfig")],
		    f[col("area_layout")], f[col("src_set")]);
		strcat(key, "#");
		strcat(key, f[col("rep")]);
		keys = realloc(keys, (size_t)(nrows + 1) * sizeof(*keys));
		keys[nrows++] = strdup(key);
	}
	qsort(keys, (size_t)nrows, sizeof(*keys), cmp);
	for (long i = 1; i < nrows; i++)
		if (!strcmp(keys[i], keys[i - 1]))
			return fail("duplicate configuration and rep %s",
				    keys[i], 0);
	if (want_rows >= 0 && nrows != want_rows) {
		fprintf(stderr, "check_results: %ld rows, want %ld\n", nrows,
			want_rows);
		return 1;
	}
	for (const char *s = want_schemes; s && *s;) {
		const char *c = strchr(s, ',');
		char name[80];
		bool found = false;

		/* The key: workload|workload_params|scheme|... */
		snprintf(name, sizeof(name), "|%.*s|",
			 (int)(c ? (size_t)(c - s) : strlen(s)), s);
		for (long i = 0; i < nrows; i++) {
			const char *p = keys[i] + strlen("swiotlb|");

			if (strncmp(keys[i], "swiotlb|", strlen("swiotlb|")))
				continue;
			p = strchr(p, '|'); /* past workload_params */
			found = found || (p && !strncmp(p, name, strlen(name)));
		}
		if (!found)
			return fail("no row for scheme %s", name, 0);
		s = c ? c + 1 : NULL;
	}
	printf("ok: %ld rows\n", nrows);
	return 0;
}
