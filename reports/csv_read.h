/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reports/csv_read.h: an RFC 4180 CSV reader for results files.
 *
 * The whole file is read into memory and split into records of fields.
 * Readers select columns by header name (csv-schema.md), so columns
 * appended in a later schema version do not break them. Every record keeps
 * the line it started on, for "FILE:LINE: what is wrong" messages.
 */
#ifndef SWTLB_REPORTS_CSV_READ_H
#define SWTLB_REPORTS_CSV_READ_H

#include <stddef.h>

struct csv_record {
	long line;     /* 1-based line the record starts on */
	size_t nfield; /* number of fields */
	char **field;  /* NUL-terminated, quotes removed */
};

struct csv_file {
	char *path;
	char *text; /* the unquoted field bytes live here */
	struct csv_record header;
	size_t nrec;
	struct csv_record *rec; /* data records, header excluded */
};

/*
 * Parses the file at path. On success returns 0. On failure returns -1 and
 * writes "PATH:LINE: what is wrong" (no newline) into err.
 * Ragged rows (field count != header's) are errors, as are unterminated
 * quotes and text after a closing quote.
 */
int csv_read_file(const char *path, struct csv_file *out, char *err,
		  size_t errlen);
/* Same, for a file that must be a regular one (no pipe, device or
 * folder), as an input read before any work is. */
int csv_read_regular_file(const char *path, struct csv_file *out, char *err,
			  size_t errlen);
/* Same, from a buffer (the buffer is copied); name is used in messages. */
int csv_read_buffer(const char *name, const char *buf, size_t len,
		    struct csv_file *out, char *err, size_t errlen);
/* Index of the column named name in the header, or -1. */
int csv_column(const struct csv_file *f, const char *name);
void csv_free(struct csv_file *f);

/* Appends s to a growing buffer with RFC 4180 quoting when needed. */
struct strbuf;
void csv_put_field(struct strbuf *sb, const char *s);

#endif /* SWTLB_REPORTS_CSV_READ_H */
