// SPDX-License-Identifier: GPL-2.0-only
/* tests/bench/test_csvio.c: CSV splitting, resume reading, torn lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "bench/bench/plan.h"
#include "bench/bench/resume.h"
#include "bench/common/csv.h"

static void test_split(void **state)
{
	char buf[256], *f[16];
	const char *line = "a,\"4k:70,16k:30\",,\"say \"\"hi\"\"\",z";

	(void)state;
	assert_int_equal(
	    swtlb_csv_split(line, strlen(line), buf, sizeof(buf), f, 16), 5);
	assert_string_equal(f[0], "a");
	assert_string_equal(f[1], "4k:70,16k:30");
	assert_string_equal(f[2], "");
	assert_string_equal(f[3], "say \"hi\"");
	assert_string_equal(f[4], "z");
	/* Malformed: an open quote, text after a closing quote. */
	assert_int_equal(swtlb_csv_split("\"abc", 4, buf, sizeof(buf), f, 16),
			 -1);
	assert_int_equal(
	    swtlb_csv_split("\"a\"b,c", 6, buf, sizeof(buf), f, 16), -1);
	assert_int_equal(swtlb_csv_split("", 0, buf, sizeof(buf), f, 16), 1);
}

static struct swtlb_host_meta meta = {
    .run_id = "20261121T000000Z-testhost",
    .host = "testhost",
    .cpu_model = "Test CPU",
    .kernel = "6.1",
    .git_rev = "abc",
};

/* A formatted row of scheme `scheme`, rep `rep`. */
static int row(char *buf, size_t len, const char *scheme, unsigned int rep)
{
	struct swtlb_csv_row r = {
	    .meta = &meta,
	    .workload = "swiotlb",
	    .scheme = scheme,
	    .layout = "compact",
	    .threads = 2,
	    .cpus = "0-1",
	    .numa_nodes = 1,
	    .nareas = {true, 2},
	    .nslabs = {true, 32768},
	    .size_dist = "4k:70,16k:30",
	    .queue_depth = 16,
	    .kconfig = "dynamic-off",
	    .area_layout = "packed",
	    .rep = rep,
	    .iterations = 1000,
	    .wall_ns = 1000000,
	    .counters_status = "sw-only",
	    .src_set = "1m",
	};

	return swtlb_csv_format_row(&r, buf, len);
}

static char path[256];

static void write_file(const char *content)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(content, f);
	fclose(f);
}

static char *read_file(void)
{
	static char data[65536];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(data, 1, sizeof(data) - 1, f);
	data[n] = '\0';
	fclose(f);
	return data;
}

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "/tmp/swtlb-test-csvio-%d.csv",
		 (int)getpid());
	unlink(path);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

static void key_of(char *buf, size_t len, const char *scheme)
{
	swtlb_bench_key(buf, len, "swiotlb", "", scheme, "compact", 2,
			"4k:70,16k:30", 16, false, 2, 32768, "dynamic-off",
			"packed", "1m");
}

static void test_resume_reads_done_rows(void **state)
{
	char content[8192], r[2048], key[1024], err[512];
	struct swtlb_bench_existing ex;

	(void)state;
	snprintf(content, sizeof(content), "%s\n", swtlb_csv_header());
	row(r, sizeof(r), "none", 0);
	strcat(content, r);
	row(r, sizeof(r), "global-atomic", 1);
	strcat(content, r);
	write_file(content);
	assert_int_equal(
	    swtlb_bench_existing_load(path, "testhost", &ex, err, sizeof(err)),
	    0);
	assert_true(ex.file.exists && ex.file.has_header);
	assert_int_equal(ex.file.nrows, 2);
	assert_string_equal(ex.file.run_id, meta.run_id);
	key_of(key, sizeof(key), "none");
	assert_true(swtlb_bench_existing_has(&ex, key, 0));
	assert_false(swtlb_bench_existing_has(&ex, key, 1));
	key_of(key, sizeof(key), "global-atomic");
	assert_true(swtlb_bench_existing_has(&ex, key, 1));
	assert_false(swtlb_bench_existing_has(&ex, key, 0));
	swtlb_bench_existing_free(&ex);
	/* Another host's rows are not continued here. */
	assert_int_equal(
	    swtlb_bench_existing_load(path, "otherhost", &ex, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "testhost"));
}

static void test_torn_last_line_is_cut(void **state)
{
	char content[8192], r[2048], whole[8192], err[512];
	struct swtlb_bench_existing ex;

	(void)state;
	snprintf(content, sizeof(content), "%s\n", swtlb_csv_header());
	row(r, sizeof(r), "none", 0);
	strcat(content, r);
	strcpy(whole, content);
	row(r, sizeof(r), "none", 1);
	r[strlen(r) / 2] = '\0'; /* killed in the middle of this row */
	strcat(content, r);
	write_file(content);
	assert_int_equal(
	    swtlb_bench_existing_load(path, "testhost", &ex, err, sizeof(err)),
	    0);
	assert_int_equal(ex.file.nrows, 1);
	assert_string_equal(read_file(), whole);
	swtlb_bench_existing_free(&ex);
}

static void test_bad_files_refused(void **state)
{
	char content[8192], r[2048], err[512];
	struct swtlb_bench_existing ex;

	(void)state;
	write_file("a,b,c\n1,2,3\n");
	assert_int_equal(
	    swtlb_bench_existing_load(path, "testhost", &ex, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "header"));
	/* A short row in the middle is not a torn tail: refuse. */
	snprintf(content, sizeof(content), "%s\n1,2,3\n", swtlb_csv_header());
	row(r, sizeof(r), "none", 0);
	strcat(content, r);
	write_file(content);
	assert_int_equal(
	    swtlb_bench_existing_load(path, "testhost", &ex, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, ":2:"));
	/* A missing file is an empty one. */
	unlink(path);
	assert_int_equal(
	    swtlb_bench_existing_load(path, "testhost", &ex, err, sizeof(err)),
	    0);
	assert_false(ex.file.exists);
	assert_int_equal(ex.file.nrows, 0);
}

static void test_out_writes_header_once(void **state)
{
	struct swtlb_bench_existing ex;
	struct swtlb_results_out out;
	char r[2048], err[512], want[8192];
	int len;

	(void)state;
	/* New file: created empty and locked; removed if no row comes. */
	assert_int_equal(
	    swtlb_results_out_open(&out, path, false, err, sizeof(err)), 0);
	swtlb_results_out_init(&out, NULL);
	assert_int_equal(access(path, F_OK), 0);
	swtlb_results_out_close(&out);
	assert_int_not_equal(access(path, F_OK), 0);
	assert_int_equal(
	    swtlb_results_out_open(&out, path, false, err, sizeof(err)), 0);
	swtlb_results_out_init(&out, NULL);
	/* A second writer of the same file is refused while it is open. */
	{
		struct swtlb_results_out other;

		assert_int_equal(swtlb_results_out_open(&other, path, true, err,
							sizeof(err)),
				 -1);
		assert_non_null(strstr(err, "locked"));
	}
	len = row(r, sizeof(r), "none", 0);
	assert_int_equal(
	    swtlb_results_out_row(&out, r, (size_t)len, err, sizeof(err)), 0);
	swtlb_results_out_close(&out);
	snprintf(want, sizeof(want), "%s\n%s", swtlb_csv_header(), r);
	assert_string_equal(read_file(), want);
	/* Existing file without --resume: refused. */
	assert_int_equal(
	    swtlb_results_out_open(&out, path, false, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "--resume"));
	/* With --resume: appended, no second header. */
	assert_int_equal(
	    swtlb_results_out_open(&out, path, true, err, sizeof(err)), 0);
	assert_int_equal(
	    swtlb_bench_existing_load(path, "testhost", &ex, err, sizeof(err)),
	    0);
	swtlb_results_out_init(&out, &ex.file);
	len = row(r, sizeof(r), "none", 1);
	assert_int_equal(
	    swtlb_results_out_row(&out, r, (size_t)len, err, sizeof(err)), 0);
	swtlb_results_out_close(&out);
	strcat(want, r);
	assert_string_equal(read_file(), want);
	swtlb_bench_existing_free(&ex);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_split),
	    cmocka_unit_test_setup_teardown(test_resume_reads_done_rows, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_torn_last_line_is_cut, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_bad_files_refused, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_out_writes_header_once, setup,
					    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
