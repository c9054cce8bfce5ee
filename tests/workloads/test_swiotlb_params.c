/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/workloads/test_swiotlb_params.c: the swiotlb workload's --param
 * values (workloads/swiotlb/params.c), System.map files included: the
 * offset io_tlb_default_mem has in one, and every file refused with one
 * line that repeats none of the file's text.
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

#include "workloads/swiotlb/params.h"

static char path[64];

static void write_map(const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static struct swiotlb_params *parse(const char *caller, const char *lock,
				    const char *off, char *err, size_t errlen)
{
	const char *values[4] = {caller, lock, off, "inline"};

	return swiotlb_params_parse(values, err, errlen);
}

static void test_values(void **state)
{
	struct swiotlb_params *p;
	char err[512] = "", spec[96], cell[128];

	(void)state;
	p = parse("dma-direct", "native", "0", err, sizeof(err));
	assert_non_null(p);
	assert_int_equal(p->caller_path, SWTLB_CALLER_DMA_DIRECT);
	assert_int_equal(p->lock, SWTLB_LOCK_NATIVE);
	swiotlb_params_free(p);
	p = parse("shortcut", "pv", "56", err, sizeof(err));
	assert_non_null(p);
	assert_int_equal(p->caller_path, SWTLB_CALLER_SHORTCUT);
	assert_int_equal(p->lock, SWTLB_LOCK_PV);
	assert_int_equal(p->mem_offset, 56);
	swiotlb_params_free(p);
	assert_null(parse("direct", "native", "0", err, sizeof(err)));
	assert_null(parse("dma-direct", "qspin", "0", err, sizeof(err)));
	for (const char *bad = "12\0-8\0"
			       "64\0"
			       "8x\0";
	     *bad; bad += strlen(bad) + 1)
		assert_null(
		    parse("dma-direct", "native", bad, err, sizeof(err)));

	/* A System.map: io_tlb_default_mem at ...5d8, 24 past its line. */
	write_map("ffffffff81000000 T _text\n"
		  "ffffffff83a4f5c0 b io_tlb_default_mem_x\n"
		  "ffffffff83a4f5d8 b io_tlb_default_mem\n");
	snprintf(spec, sizeof(spec), "systemmap:%s", path);
	p = parse("dma-direct", "native", spec, err, sizeof(err));
	assert_non_null(p);
	assert_int_equal(p->mem_offset, 24);
	/* Rows record the offset used, not the file's name. */
	swiotlb_params_cell(p, cell, sizeof(cell));
	assert_string_equal(cell, "caller_path=dma-direct;lock=native;"
				  "mem_offset=24;hooks=inline");
	swiotlb_params_free(p);
}

/* Refused with a reason naming the file, never echoing its bytes. */
static void expect_refused(const char *text, const char *why)
{
	char err[512] = "", spec[96];

	write_map(text);
	snprintf(spec, sizeof(spec), "systemmap:%s", path);
	assert_null(parse("dma-direct", "native", spec, err, sizeof(err)));
	if (!strstr(err, why) || !strstr(err, path))
		fail_msg("refusal \"%s\" lacks \"%s\" or the path", err, why);
	assert_null(strstr(err, "\033"));
	assert_null(strchr(err, '\n'));
}

static void test_systemmap_refused(void **state)
{
	static char longline[2048];
	char err[256];

	(void)state;
	expect_refused("ffffffff81000000 T _text\n", "no io_tlb_default_mem");
	expect_refused("\033[31mffffffff83a4f5dc b io_tlb_default_mem\n",
		       "no io_tlb_default_mem");
	expect_refused("ffffffff83a4f5dc b io_tlb_default_mem\n",
		       "not 8-byte aligned");
	memset(longline, 'a', sizeof(longline) - 2);
	longline[sizeof(longline) - 2] = '\n';
	expect_refused(longline, "longer than");
	assert_null(
	    parse("dma-direct", "native", "systemmap:/", err, sizeof(err)));
	assert_non_null(strstr(err, "not a regular file"));
	assert_null(parse("dma-direct", "native", "systemmap:/no/such/map", err,
			  sizeof(err)));
	assert_null(
	    parse("dma-direct", "native", "systemmap:", err, sizeof(err)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_values),
	    cmocka_unit_test(test_systemmap_refused),
	};
	int fd, rc;

	snprintf(path, sizeof(path), "/tmp/swtlb-systemmap-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return 1;
	close(fd);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	unlink(path);
	return rc;
}
