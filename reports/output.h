/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reports/output.h: writing whole files. A file is written to a temporary
 * name beside it and renamed into place, so readers never see half of it;
 * a path that names anything but a regular file (a device, a symlink, a
 * folder) is refused, never replaced (util/outpath.h).
 */
#ifndef SWTLB_REPORTS_OUTPUT_H
#define SWTLB_REPORTS_OUTPUT_H

#include "reports/strbuf.h"

/* Writes sb to path (stdout when path is NULL or "-"). Returns 0, or -1
 * after printing "swtlb-report: PATH: reason" on stderr. */
int output_write(const char *path, const struct strbuf *sb);

#endif /* SWTLB_REPORTS_OUTPUT_H */
