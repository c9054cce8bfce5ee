/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/fuzz/fuzz_csv.c: fuzz entry for swtlb-report's input side: the CSV
 * reader (reports/csv_read.c), the results validation (reports/results.c)
 * and, for an accepted file, every report format and the compare report.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reports/csv_read.h"
#include "reports/report.h"
#include "reports/results.h"
#include "reports/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A rejected input gets one line naming the input and the problem. */
static void check_error(const char *err)
{
	if (strncmp(err, "fuzz", 4) != 0 || strchr(err, '\n'))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum report_format fmts[] = {FMT_TEXT, FMT_MARKDOWN,
						  FMT_CSV};
	struct results r = {0};
	struct csv_file f;
	char err[512] = "";

	if (csv_read_buffer("fuzz", (const char *)data, size, &f, err,
			    sizeof(err)) < 0) {
		check_error(err);
		return 0;
	}
	if (results_add_csv(&r, &f, err, sizeof(err)) < 0) {
		check_error(err);
		results_free(&r);
		return 0;
	}
	for (size_t i = 0; r.nrows && i < sizeof(fmts) / sizeof(*fmts); i++) {
		struct strbuf out = STRBUF_INIT;

		report_schemes(&r, "none", fmts[i], &out);
		report_compare(&r, "old", &r, "new", fmts[i], &out);
		sb_free(&out);
	}
	results_free(&r);
	return 0;
}
