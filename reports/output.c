// SPDX-License-Identifier: GPL-2.0-only
/* reports/output.c: see output.h; the rules are util/outpath.h's. */
#include "reports/output.h"

#include <stdio.h>

#include "util/outpath.h"

int output_write(const char *path, const struct strbuf *sb)
{
	char err[4200];

	if (swtlb_out_replace(path, sb_str(sb), sb->len, err, sizeof(err)) <
	    0) {
		fprintf(stderr, "swtlb-report: %s\n", err);
		return -1;
	}
	return 0;
}
