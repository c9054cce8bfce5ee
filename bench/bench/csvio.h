/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/csvio.h: the results file of swtlb-bench.
 *
 * Rows are appended whole: one write() per row, then fsync(), so a killed
 * run leaves every finished row intact. --resume reads the file back: a
 * torn last line (killed inside write(), power loss) is cut off with a note,
 * and (configuration, rep) pairs already present are not run again.
 */
#ifndef SWTLB_BENCH_CSVIO_H
#define SWTLB_BENCH_CSVIO_H

#include <stdbool.h>
#include <stddef.h>

/* Splits one RFC 4180 record (without its newline) into at most max fields,
 * unquoting into buf. The field count, or -1 when malformed. */
int swtlb_csv_split(const char *line, size_t len, char *buf, size_t buflen,
		    char **fields, int max);

/* What an existing results file already holds. */
struct swtlb_bench_existing {
	char **done; /* sorted "key\x1frep" strings */
	size_t ndone;
	size_t nrows;
	char run_id[96]; /* of its last row; "" when it has none */
	char host[64];
	bool exists;
	bool has_header;
};

/*
 * Loads path for --resume. A missing file is empty. A torn last line is
 * truncated away (note on stderr). 0, or -1 with a one-line reason (another
 * header, a malformed row in the middle, rows of another host).
 */
int swtlb_bench_existing_load(const char *path, const char *this_host,
			      struct swtlb_bench_existing *ex, char *err,
			      size_t errlen);
bool swtlb_bench_existing_has(const struct swtlb_bench_existing *ex,
			      const char *key, unsigned int rep);
void swtlb_bench_existing_free(struct swtlb_bench_existing *ex);

/* The output: a file (created on the first row) or stdout. */
struct swtlb_bench_out {
	char path[4096]; /* "" = stdout */
	int fd;
	bool need_header;
	bool append; /* --resume onto an existing file with a header */
	size_t rows;
};

/* 0, or -1 with a reason (file exists without --resume, ...). Nothing is
 * created until the first row. */
int swtlb_bench_out_init(struct swtlb_bench_out *out, const char *path,
			 bool resume, const struct swtlb_bench_existing *ex,
			 char *err, size_t errlen);
/* Writes one formatted row (with its newline) whole; 0 or -1 + reason. */
int swtlb_bench_out_row(struct swtlb_bench_out *out, const char *row,
			size_t len, char *err, size_t errlen);
void swtlb_bench_out_close(struct swtlb_bench_out *out);

#endif /* SWTLB_BENCH_CSVIO_H */
