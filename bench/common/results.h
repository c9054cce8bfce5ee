/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/common/results.h: the results file, one writer for every tool
 * (swtlb-bench, swtlb-sim).
 *
 * Rows are appended whole: one write() per row, then fsync(), so a killed
 * run leaves every finished row intact. An existing file is refused unless
 * the tool was asked to continue it (--resume); then it is read back first:
 * its header must be this schema's, a torn last line (killed inside
 * write(), power loss) is cut off with a note, and its rows must come from
 * this host. A file that is not ours is never touched.
 */
#ifndef SWTLB_BENCH_RESULTS_H
#define SWTLB_BENCH_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

/* Splits one RFC 4180 record (without its newline) into at most max fields,
 * unquoting into buf. The field count, or -1 when malformed. */
int swtlb_csv_split(const char *line, size_t len, char *buf, size_t buflen,
		    char **fields, int max);
/* Column index by name in a split header, -1 if absent. */
int swtlb_results_column(char **hdr, int n, const char *name);

/* What an existing results file already holds. */
struct swtlb_results_existing {
	size_t nrows;
	char run_id[96]; /* of its last row; "" when it has none */
	char host[64];
	bool exists;
	bool has_header;
};

/* Called with every row of an existing file (header and row fields, n of
 * each); 0, or -1 when out of memory. */
typedef int (*swtlb_results_row_fn)(void *arg, char **hdr, char **row, int n);

/*
 * Reads path back before continuing it. A missing file is empty. A torn
 * last line is truncated away (note on stderr). 0, or -1 with a one-line
 * reason (another header, a malformed row in the middle, rows of another
 * host). fn may be NULL.
 */
int swtlb_results_load(const char *path, const char *this_host,
		       struct swtlb_results_existing *ex,
		       swtlb_results_row_fn fn, void *arg, char *err,
		       size_t errlen);

/* The output: a file or stdout. */
struct swtlb_results_out {
	char path[4096]; /* "" = stdout */
	int fd;
	bool need_header;
	bool append;  /* --resume onto an existing file with a header */
	bool created; /* by us: removed again if no row gets written */
	size_t rows;
};

/*
 * Opens the --out file (path NULL, "" or "-": stdout) before any work and
 * before --resume reads it: refused unless it is absent or a regular file
 * (a device, a folder, a FIFO or a symbolic link is never written through
 * or replaced), refused if it exists without resume, and locked (flock,
 * exclusive) until closed: a second run on the same file gets one line
 * naming the lock (exit 2 by the caller), never interleaved or duplicated
 * rows. A file it creates stays empty until the first row and is removed
 * if the run ends (or exits) without one. 0, or -1 with a reason.
 */
int swtlb_results_out_open(struct swtlb_results_out *out, const char *path,
			   bool resume, char *err, size_t errlen);
/* After --resume read the file: whether the header is still needed. */
void swtlb_results_out_init(struct swtlb_results_out *out,
			    const struct swtlb_results_existing *ex);
/* Writes one formatted row (with its newline) whole; 0 or -1 + reason. */
int swtlb_results_out_row(struct swtlb_results_out *out, const char *row,
			  size_t len, char *err, size_t errlen);
void swtlb_results_out_close(struct swtlb_results_out *out);

#endif /* SWTLB_BENCH_RESULTS_H */
