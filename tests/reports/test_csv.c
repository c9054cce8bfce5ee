// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/reports/test_csv.c: the RFC 4180 reader and the results loader:
 * quoting, line numbers in errors, columns by name, empty = not measured.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "reports/csv_read.h"
#include "reports/results.h"
#include "reports/strbuf.h"

static int parse(const char *text, struct csv_file *f, char *err)
{
	return csv_read_buffer("t.csv", text, strlen(text), f, err, 256);
}

static void test_quoting(void **state)
{
	struct csv_file f;
	char err[256];

	(void)state;
	assert_int_equal(parse("a,b,c\n"
			       "\"x,1\",\"say \"\"hi\"\"\",\n"
			       "\"two\",,z\r\n",
			       &f, err),
			 0);
	assert_int_equal(f.nrec, 2);
	assert_string_equal(f.rec[0].field[0], "x,1");
	assert_string_equal(f.rec[0].field[1], "say \"hi\"");
	assert_string_equal(f.rec[0].field[2], "");
	assert_int_equal(f.rec[0].line, 2);
	assert_string_equal(f.rec[1].field[0], "two");
	assert_string_equal(f.rec[1].field[2], "z"); /* CR of CRLF dropped */
	assert_int_equal(f.rec[1].line, 3);
	assert_int_equal(csv_column(&f, "c"), 2);
	assert_int_equal(csv_column(&f, "nope"), -1);
	csv_free(&f);
	/* Cells reach terminals and gnuplot: a line break inside quotes, an
	 * escape sequence, a lone CR are refused, naming line and field. */
	assert_int_equal(parse("a,b\n1,\"two\nlines\"\n", &f, err), -1);
	assert_string_equal(err, "t.csv:2: control character 0x0a in field 2");
	assert_int_equal(parse("a,b\n1,\x1b[31mred\n", &f, err), -1);
	assert_string_equal(err, "t.csv:2: control character 0x1b in field 2");
	assert_int_equal(parse("a,b\nx\ry,1\n", &f, err), -1);
	assert_string_equal(err, "t.csv:2: control character 0x0d in field 1");
	/* No final newline: the last field still counts. */
	assert_int_equal(parse("a,b\n1,2", &f, err), 0);
	assert_string_equal(f.rec[0].field[1], "2");
	csv_free(&f);
}

static void test_errors_name_the_line(void **state)
{
	struct csv_file f;
	char err[256];

	(void)state;
	assert_int_equal(parse("a,b\n1,2\n3\n", &f, err), -1);
	assert_string_equal(err, "t.csv:3: ragged row: 1 fields, header has 2");
	assert_int_equal(parse("a,b\n1,2\n\"open,2\n4,5\n", &f, err), -1);
	assert_string_equal(err, "t.csv:3: unterminated quote");
	assert_int_equal(parse("a,b\n\"x\"y,2\n", &f, err), -1);
	assert_string_equal(err, "t.csv:2: text after a closing quote");
	assert_int_equal(parse("a,b\nx\"y,2\n", &f, err), -1);
	assert_string_equal(err, "t.csv:2: quote inside an unquoted field");
	assert_int_equal(parse("", &f, err), -1);
	assert_string_equal(err, "t.csv:1: empty file: no header line");
}

/* The columns swtlb-report needs, in a shuffled order with an extra one
 * (readers select by name). */
static const char header[] =
    "rep,extra,scheme,ops_per_sec,workload,layout,threads,size_dist,"
    "queue_depth,bounce,kconfig,area_layout,nareas,nslabs,cycles_per_op\n";

static int load(const char *rows, struct results *r, char *err)
{
	struct csv_file f;
	char text[2048];

	snprintf(text, sizeof(text), "%s%s", header, rows);
	memset(r, 0, sizeof(*r));
	if (parse(text, &f, err) < 0)
		return -1;
	return results_add_csv(r, &f, err, 256);
}

static void test_results_by_name_and_empty_cells(void **state)
{
	struct results r;
	char err[256];
	const struct scheme_stats *s;

	(void)state;
	assert_int_equal(
	    load("0,x,none,100,swiotlb,compact,2,4k,8,0,dynamic-off,packed,"
		 "2,1024,\n"
		 "1,y,none,300,swiotlb,compact,2,4k,8,0,dynamic-off,packed,"
		 "2,1024,7.5\n"
		 "0,z,none,50,swiotlb,compact,4,4k,8,0,dynamic-off,packed,"
		 "2,1024,\n",
		 &r, err),
	    0);
	assert_int_equal(r.nrows, 3);
	assert_int_equal(r.ngroup, 2); /* threads 2 and 4 */
	s = group_find_scheme(&r.group[0], "none");
	assert_non_null(s);
	assert_int_equal(s->rows, 2);
	assert_int_equal(s->m[M_OPS].n, 2);
	/* One empty cycles cell: one sample, not a zero. */
	assert_int_equal(s->m[M_CYCLES].n, 1);
	assert_true(s->m[M_CYCLES].v[0] == 7.5);
	/* No hiwater columns at all: nothing measured. */
	assert_int_equal(s->m[M_HW_REP].n, 0);
	results_free(&r);
}

static void test_results_errors(void **state)
{
	struct results r;
	struct csv_file f;
	char err[256];

	(void)state;
	assert_int_equal(
	    load("0,x,none,fast,swiotlb,compact,2,4k,8,0,dynamic-off,packed,"
		 "2,1024,\n",
		 &r, err),
	    -1);
	assert_string_equal(
	    err, "t.csv:2: ops_per_sec: 'fast' is not a valid number");
	results_free(&r);
	assert_int_equal(
	    load("0,x,none,1,swiotlb,compact,2.5,4k,8,0,dynamic-off,packed,"
		 "2,1024,\n",
		 &r, err),
	    -1);
	assert_string_equal(err,
			    "t.csv:2: threads: '2.5' is not a whole number");
	results_free(&r);
	/* A header pasted in the middle (cat a.csv b.csv). */
	assert_int_equal(load(header, &r, err), -1);
	assert_non_null(strstr(err, "t.csv:2: header line repeated"));
	results_free(&r);
	memset(&r, 0, sizeof(r));
	assert_int_equal(parse("scheme,rep,ops_per_sec\nnone,0,1\n", &f, err),
			 0);
	assert_int_equal(results_add_csv(&r, &f, err, sizeof(err)), -1);
	assert_string_equal(err, "t.csv:1: missing required column 'workload'");
	results_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_quoting),
	    cmocka_unit_test(test_errors_name_the_line),
	    cmocka_unit_test(test_results_by_name_and_empty_cells),
	    cmocka_unit_test(test_results_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
