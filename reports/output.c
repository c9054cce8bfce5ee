// SPDX-License-Identifier: GPL-2.0-only
/* reports/output.c: see output.h. */
#include "reports/output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int output_write(const char *path, const struct strbuf *sb)
{
	struct strbuf tmp = STRBUF_INIT;
	FILE *fp;
	int err = 0;

	if (!path || !strcmp(path, "-")) {
		if (fwrite(sb_str(sb), 1, sb->len, stdout) != sb->len ||
		    fflush(stdout) != 0) {
			fprintf(stderr, "swtlb-report: stdout: %s\n",
				strerror(errno));
			return -1;
		}
		return 0;
	}
	sb_addf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	fp = fopen(sb_str(&tmp), "wb");
	if (!fp) {
		fprintf(stderr, "swtlb-report: %s: %s\n", path,
			strerror(errno));
		sb_free(&tmp);
		return -1;
	}
	if (fwrite(sb_str(sb), 1, sb->len, fp) != sb->len)
		err = errno ? errno : EIO;
	if (fclose(fp) != 0 && !err)
		err = errno;
	if (!err && rename(sb_str(&tmp), path) != 0)
		err = errno;
	if (err) {
		fprintf(stderr, "swtlb-report: %s: %s\n", path, strerror(err));
		unlink(sb_str(&tmp));
	}
	sb_free(&tmp);
	return err ? -1 : 0;
}
