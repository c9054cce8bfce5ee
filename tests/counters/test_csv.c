/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/counters/test_csv.c: the CSV writer against csv-schema.md.
 * The expected column list is parsed from the schema's Markdown table, so
 * the writer and the document cannot drift apart silently.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "bench/common/csv.h"

#define MAX_FIELDS 128

/* Splits one RFC 4180 record (no trailing newline) into fields. */
static int parse_record(const char *line, char fields[][256], int max)
{
	int n = 0;
	const char *p = line;

	for (;;) {
		size_t k = 0;

		assert_true(n < max);
		if (*p == '"') {
			p++;
			for (;;) {
				assert_true(*p !=
					    '\0'); /* unterminated quote */
				if (*p == '"' && p[1] == '"') {
					fields[n][k++] = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					fields[n][k++] = *p++;
				}
				assert_true(k < 255);
			}
		} else {
			while (*p && *p != ',') {
				fields[n][k++] = *p++;
				assert_true(k < 255);
			}
		}
		fields[n++][k] = '\0';
		if (*p == '\0')
			return n;
		assert_int_equal(*p, ',');
		p++;
	}
}

/* The `| column | type | meaning |` table of csv-schema.md, in order. */
static int schema_columns(char cols[][256], int max)
{
	char path[4096], line[1024];
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "%s", SWTLB_CSV_DOC);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char name[256];

		if (sscanf(line, "| %255[a-z0-9_] |", name) != 1 ||
		    strcmp(name, "column") == 0)
			continue;
		assert_true(n < max);
		strcpy(cols[n++], name);
	}
	fclose(f);
	return n;
}

static void test_header_matches_schema(void **state)
{
	static char want[MAX_FIELDS][256], got[MAX_FIELDS][256];
	int nw, ng;

	(void)state;
	nw = schema_columns(want, MAX_FIELDS);
	ng = parse_record(swtlb_csv_header(), got, MAX_FIELDS);
	assert_true(nw > 30);
	assert_int_equal(ng, nw);
	for (int i = 0; i < nw; i++)
		assert_string_equal(got[i], want[i]);
}

static int column_index(const char *name)
{
	static char cols[MAX_FIELDS][256];
	int n = parse_record(swtlb_csv_header(), cols, MAX_FIELDS);

	for (int i = 0; i < n; i++)
		if (strcmp(cols[i], name) == 0)
			return i;
	fail_msg("no column %s", name);
	return -1;
}

static struct swtlb_host_meta meta = {.run_id = "r1",
				      .host = "h",
				      .cpu_model = "Intel(R) \"X\", 2.0GHz",
				      .kernel = "6.1.0",
				      .git_rev = "abc1234"};

static struct swtlb_csv_row base_row(void)
{
	struct swtlb_csv_row r = {
	    .meta = &meta,
	    .workload = "swiotlb",
	    .scheme = "global-atomic",
	    .layout = "compact",
	    .threads = 2,
	    .cpus = "0-1",
	    .numa_nodes = 1,
	    .nareas = {true, 2},
	    .nslabs = {true, 32768},
	    .size_dist = "4k:70,16k:30",
	    .queue_depth = 16,
	    .bounce = true,
	    .kconfig = "dynamic-off",
	    .area_layout = "packed",
	    .rep = 1,
	    .iterations = 1000,
	    .wall_ns = 2000000,
	    .counters_status = "sw-only",
	    .map_failures = 3,
	};
	return r;
}

/* Formats r and returns its fields; checks the line shape. */
static int row_fields(const struct swtlb_csv_row *r, char f[][256])
{
	char buf[4096];
	int len = swtlb_csv_format_row(r, buf, sizeof(buf));

	assert_true(len > 0);
	assert_int_equal((size_t)len, strlen(buf));
	assert_int_equal(buf[len - 1], '\n');
	assert_ptr_equal(strchr(buf, '\n'), buf + len - 1);
	buf[len - 1] = '\0';
	return parse_record(buf, f, MAX_FIELDS);
}

static void test_row_values_and_quoting(void **state)
{
	static char f[MAX_FIELDS][256], h[MAX_FIELDS][256];
	struct swtlb_csv_row r = base_row();
	int n = row_fields(&r, f);

	(void)state;
	assert_int_equal(n, parse_record(swtlb_csv_header(), h, MAX_FIELDS));
	assert_string_equal(f[column_index("schema_version")], "2");
	assert_string_equal(f[column_index("nareas")], "2");
	assert_string_equal(f[column_index("workload_params")], "");
	/* issue 11's columns: unknown values are empty cells, never 0 */
	assert_string_equal(f[column_index("nslabs_spec")], "");
	assert_string_equal(f[column_index("src_set_bytes")], "");
	assert_string_equal(f[column_index("worker_nivcsw_sum")], "");
	assert_string_equal(f[column_index("worker_nivcsw_max")], "");
	/* No --events: the schema-2 cells are empty. */
	assert_string_equal(f[column_index("pmu")], "");
	assert_string_equal(f[column_index("pmu_events")], "");
	assert_string_equal(f[column_index("pmu_scaled")], "");
	assert_string_equal(f[column_index("cpu_model")],
			    "Intel(R) \"X\", 2.0GHz");
	assert_string_equal(f[column_index("size_dist")], "4k:70,16k:30");
	assert_string_equal(f[column_index("bounce")], "1");
	assert_string_equal(f[column_index("iterations")], "1000");
	assert_string_equal(f[column_index("wall_ns")], "2000000");
	/* 1000 pairs in 2 ms = 500000/s; 2 ms x 2 threads / 1000 = 4000 ns */
	assert_string_equal(f[column_index("ops_per_sec")], "500000.000");
	assert_string_equal(f[column_index("ns_per_op")], "4000.000");
	assert_string_equal(f[column_index("map_failures")], "3");
	/* Unknown values are empty, never 0. */
	assert_string_equal(f[column_index("cycles_per_op")], "");
	assert_string_equal(f[column_index("context_switches")], "");
	assert_string_equal(f[column_index("hiwater_reported")], "");
	assert_string_equal(f[column_index("hiwater_truth")], "");
	assert_string_equal(f[column_index("hiwater_err_pct")], "");
}

static void test_derived_error(void **state)
{
	static char f[MAX_FIELDS][256];
	struct swtlb_csv_row r = base_row();

	(void)state;
	r.hiwater_reported = (struct swtlb_opt_u64){true, 9216};
	r.hiwater_truth = (struct swtlb_opt_u64){true, 2048};
	r.cycles_per_op = (struct swtlb_opt_f64){true, 123.5};
	r.context_switches = (struct swtlb_opt_u64){true, 0};
	row_fields(&r, f);
	assert_string_equal(f[column_index("hiwater_err_pct")], "350.000");
	assert_string_equal(f[column_index("cycles_per_op")], "123.500000");
	assert_string_equal(f[column_index("context_switches")], "0");

	/* Reported below the truth: negative error. */
	r.hiwater_reported.v = 1024;
	row_fields(&r, f);
	assert_string_equal(f[column_index("hiwater_err_pct")], "-50.000");

	/* Truth 0: the ratio is undefined, so empty. */
	r.hiwater_truth.v = 0;
	row_fields(&r, f);
	assert_string_equal(f[column_index("hiwater_truth")], "0");
	assert_string_equal(f[column_index("hiwater_err_pct")], "");

	/* Reported unknown: no error either. */
	r.hiwater_truth.v = 10;
	r.hiwater_reported.known = false;
	row_fields(&r, f);
	assert_string_equal(f[column_index("hiwater_err_pct")], "");
}

/* Schema 2: a workload's parameters last; no pool, no pool cells. */
static void test_workload_cells(void **state)
{
	static char f[MAX_FIELDS][256];
	struct swtlb_csv_row r = base_row();

	(void)state;
	r.workload = "memcg";
	r.workload_params = "depth=2;fanout=4";
	r.nareas.known = r.nslabs.known = false;
	r.kconfig = r.area_layout = NULL;
	row_fields(&r, f);
	assert_string_equal(f[column_index("workload")], "memcg");
	assert_string_equal(f[column_index("workload_params")],
			    "depth=2;fanout=4");
	assert_string_equal(f[column_index("nareas")], "");
	assert_string_equal(f[column_index("nslabs")], "");
	assert_string_equal(f[column_index("kconfig")], "");
	assert_string_equal(f[column_index("area_layout")], "");
}

static void test_untimed_and_zero_iterations(void **state)
{
	static char f[MAX_FIELDS][256];
	struct swtlb_csv_row r = base_row();

	(void)state;
	r.wall_ns = 0; /* the simulator: no measured time */
	row_fields(&r, f);
	assert_string_equal(f[column_index("wall_ns")], "");
	assert_string_equal(f[column_index("ops_per_sec")], "");
	assert_string_equal(f[column_index("ns_per_op")], "");

	r.wall_ns = 1000;
	r.iterations = 0;
	row_fields(&r, f);
	assert_string_equal(f[column_index("ops_per_sec")], "0.000");
	assert_string_equal(f[column_index("ns_per_op")], "");

	r.scheme = NULL;
	r.meta = NULL;
	row_fields(&r, f);
	assert_string_equal(f[column_index("scheme")], "");
	assert_string_equal(f[column_index("host")], "");
}

static void test_row_too_long(void **state)
{
	struct swtlb_csv_row r = base_row();
	char buf[4096];
	int len;

	(void)state;
	len = swtlb_csv_format_row(&r, buf, sizeof(buf));
	assert_true(len > 0);
	/* One byte short of the row and its NUL: refused, nothing partial. */
	assert_int_equal(swtlb_csv_format_row(&r, buf, (size_t)len), -1);
	assert_string_equal(buf, "");
	assert_int_equal(swtlb_csv_format_row(&r, buf, (size_t)len + 1), len);
}

static void test_cpus_compress(void **state)
{
	const unsigned int a[] = {11, 0, 1, 2, 3, 8, 9, 10, 3};
	const unsigned int b[] = {5};
	const unsigned int c[] = {0, 2, 4, 5};
	char buf[64];

	(void)state;
	swtlb_cpus_compress(a, 9, buf, sizeof(buf));
	assert_string_equal(buf, "0-3+8-11");
	swtlb_cpus_compress(b, 1, buf, sizeof(buf));
	assert_string_equal(buf, "5");
	swtlb_cpus_compress(c, 4, buf, sizeof(buf));
	assert_string_equal(buf, "0+2+4-5");
	swtlb_cpus_compress(c, 0, buf, sizeof(buf));
	assert_string_equal(buf, "");
	/* Too small: empty (unknown), never a truncated list. */
	swtlb_cpus_compress(a, 9, buf, 5);
	assert_string_equal(buf, "");
}

static void test_host_meta(void **state)
{
	struct swtlb_host_meta m;
	size_t n;

	(void)state;
	memset(&m, 'x', sizeof(m));
	swtlb_host_meta_fill(&m);
	assert_true(strlen(m.host) > 0);
	assert_true(strlen(m.kernel) > 0);
	assert_true(strlen(m.cpu_model) > 0);
	/* run_id = UTC stamp, '-', host. */
	assert_int_equal(strlen(m.run_id) > 17, 1);
	assert_int_equal(m.run_id[8], 'T');
	assert_int_equal(m.run_id[15], 'Z');
	assert_string_equal(m.run_id + 17, m.host);
	/* From a git checkout: a short hash, maybe "-dirty"; else unknown. */
	if (access(SWTLB_SOURCE_DIR "/.git", F_OK) == 0) {
		n = strspn(m.git_rev, "0123456789abcdef");
		assert_true(n >= 4);
		assert_true(m.git_rev[n] == '\0' ||
			    strcmp(m.git_rev + n, "-dirty") == 0);
	} else {
		assert_string_equal(m.git_rev, "unknown");
	}
	/* No field may break the CSV line. */
	assert_null(strpbrk(m.cpu_model, "\r\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_header_matches_schema),
	    cmocka_unit_test(test_row_values_and_quoting),
	    cmocka_unit_test(test_derived_error),
	    cmocka_unit_test(test_workload_cells),
	    cmocka_unit_test(test_untimed_and_zero_iterations),
	    cmocka_unit_test(test_row_too_long),
	    cmocka_unit_test(test_cpus_compress),
	    cmocka_unit_test(test_host_meta),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
