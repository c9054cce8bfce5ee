// SPDX-License-Identifier: GPL-2.0-only
/* reports/csv_read.c: RFC 4180 reader, see csv_read.h. */
#include "reports/csv_read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reports/strbuf.h"

/* A suite of 100000 rows is about 60 MiB. */
#define CSV_MAX_BYTES (512 << 20)

struct parser {
	char *p, *end; /* read position; unquoted bytes are written behind it */
	long line;
};

/* Cells reach terminals, Markdown and gnuplot: a control byte (an escape
 * sequence, a line break inside quotes) is refused, never printed. */
static int check_cell(const char *f, const struct csv_record *r,
		      const char *name, char *err, size_t errlen)
{
	for (const char *c = f; *c; c++) {
		unsigned char ch = (unsigned char)*c;

		if (ch < 0x20 || ch == 0x7f) {
			snprintf(err, errlen,
				 "%s:%ld: control character 0x%02x in field "
				 "%zu",
				 name, r->line, ch, r->nfield + 1);
			return -1;
		}
	}
	return 0;
}

static void push_field(struct csv_record *r, size_t *cap, char *f)
{
	if (r->nfield == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		r->field = xrealloc(r->field, *cap * sizeof(*r->field));
	}
	r->field[r->nfield++] = f;
}

/*
 * Parses one record starting at ps->p, unquoting in place (the write
 * position never passes the read position, and the delimiter after each
 * field leaves room for its NUL). Returns 0, or -1 with err filled.
 */
static int parse_record(struct parser *ps, struct csv_record *r,
			const char *name, char *err, size_t errlen)
{
	size_t cap = 0;

	r->line = ps->line;
	r->nfield = 0;
	r->field = NULL;
	for (;;) {
		char *w = ps->p, *start = ps->p;

		if (ps->p < ps->end && *ps->p == '"') {
			long qline = ps->line;

			ps->p++;
			for (;;) {
				if (ps->p >= ps->end) {
					snprintf(err, errlen,
						 "%s:%ld: unterminated quote",
						 name, qline);
					return -1;
				}
				if (*ps->p == '"') {
					if (ps->p + 1 < ps->end &&
					    ps->p[1] == '"') {
						*w++ = '"';
						ps->p += 2;
						continue;
					}
					ps->p++;
					break;
				}
				if (*ps->p == '\n')
					ps->line++;
				*w++ = *ps->p++;
			}
			if (ps->p < ps->end && *ps->p == '\r' &&
			    ps->p + 1 < ps->end && ps->p[1] == '\n')
				ps->p++;
			if (ps->p < ps->end && *ps->p != ',' &&
			    *ps->p != '\n') {
				snprintf(err, errlen,
					 "%s:%ld: text after a closing quote",
					 name, ps->line);
				return -1;
			}
		} else {
			while (ps->p < ps->end && *ps->p != ',' &&
			       *ps->p != '\n') {
				if (*ps->p == '"') {
					snprintf(err, errlen,
						 "%s:%ld: quote inside an "
						 "unquoted field",
						 name, ps->line);
					return -1;
				}
				ps->p++;
			}
			w = ps->p;
			/* Tolerate CRLF line ends: drop the CR. */
			if (w > start && w[-1] == '\r' &&
			    (ps->p >= ps->end || *ps->p == '\n'))
				w--;
		}
		if (ps->p >= ps->end) {
			/* Last field of a file without a final newline: the
			 * buffer has one spare byte past end for its NUL. */
			*w = '\0';
			if (check_cell(start, r, name, err, errlen) < 0)
				return -1;
			push_field(r, &cap, start);
			return 0;
		}
		char delim = *ps->p;

		*w = '\0';
		if (check_cell(start, r, name, err, errlen) < 0)
			return -1;
		push_field(r, &cap, start);
		ps->p++;
		if (delim == '\n') {
			ps->line++;
			return 0;
		}
	}
}

static void free_records(struct csv_file *f)
{
	free(f->header.field);
	for (size_t i = 0; i < f->nrec; i++)
		free(f->rec[i].field);
	free(f->rec);
	f->rec = NULL;
	f->header.field = NULL;
	f->nrec = 0;
}

int csv_read_buffer(const char *name, const char *buf, size_t len,
		    struct csv_file *out, char *err, size_t errlen)
{
	struct parser ps;
	size_t cap = 0;
	int have_header = 0;

	memset(out, 0, sizeof(*out));
	out->path = xstrdup(name);
	out->text = xmalloc(len + 1);
	memcpy(out->text, buf, len);
	out->text[len] = '\0';
	ps.p = out->text;
	ps.end = out->text + len;
	ps.line = 1;
	if (len >= 3 && memcmp(ps.p, "\xef\xbb\xbf", 3) == 0)
		ps.p += 3; /* UTF-8 byte order mark */
	while (ps.p < ps.end) {
		struct csv_record r;

		/* Blank lines carry no record (a final newline, or files
		 * joined with an empty line between them). */
		if (*ps.p == '\n' ||
		    (*ps.p == '\r' && ps.p + 1 < ps.end && ps.p[1] == '\n')) {
			ps.p += *ps.p == '\r' ? 2 : 1;
			ps.line++;
			continue;
		}
		if (parse_record(&ps, &r, name, err, errlen) < 0) {
			free(r.field);
			csv_free(out);
			return -1;
		}
		if (!have_header) {
			out->header = r;
			have_header = 1;
			continue;
		}
		if (r.nfield != out->header.nfield) {
			snprintf(err, errlen,
				 "%s:%ld: ragged row: %zu fields, header has "
				 "%zu",
				 name, r.line, r.nfield, out->header.nfield);
			free(r.field);
			csv_free(out);
			return -1;
		}
		if (out->nrec == cap) {
			cap = cap ? cap * 2 : 64;
			out->rec = xrealloc(out->rec, cap * sizeof(*out->rec));
		}
		out->rec[out->nrec++] = r;
	}
	if (!have_header) {
		snprintf(err, errlen, "%s:1: empty file: no header line", name);
		csv_free(out);
		return -1;
	}
	return 0;
}

/* Reads fp (already checked) up to the cap and parses it. */
static int read_stream(FILE *fp, const char *path, struct csv_file *out,
		       char *err, size_t errlen)
{
	struct strbuf sb = STRBUF_INIT;
	char chunk[65536];
	size_t n;
	int rc;

	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (sb.len + n > CSV_MAX_BYTES) {
			snprintf(err, errlen,
				 "%s: larger than %d MiB: not a results file",
				 path, CSV_MAX_BYTES >> 20);
			fclose(fp);
			sb_free(&sb);
			return -1;
		}
		sb_addn(&sb, chunk, n);
	}
	if (ferror(fp)) {
		snprintf(err, errlen, "%s: read error: %s", path,
			 strerror(errno));
		fclose(fp);
		sb_free(&sb);
		return -1;
	}
	fclose(fp);
	rc = csv_read_buffer(path, sb_str(&sb), sb.len, out, err, errlen);
	sb_free(&sb);
	return rc;
}

int csv_read_file(const char *path, struct csv_file *out, char *err,
		  size_t errlen)
{
	struct stat st;
	FILE *fp = fopen(path, "rb");

	memset(out, 0, sizeof(*out));
	if (!fp) {
		snprintf(err, errlen, "%s: cannot open: %s", path,
			 strerror(errno));
		return -1;
	}
	/* A device (/dev/zero) or folder is no results file; a pipe is read
	 * up to the same bound as a file. */
	if (fstat(fileno(fp), &st) != 0 ||
	    !(S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode))) {
		snprintf(err, errlen, "%s: not a regular file or pipe", path);
		fclose(fp);
		return -1;
	}
	return read_stream(fp, path, out, err, errlen);
}

int csv_read_regular_file(const char *path, struct csv_file *out, char *err,
			  size_t errlen)
{
	struct stat st;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	FILE *fp;

	memset(out, 0, sizeof(*out));
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot open: %s", path,
			 strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	fp = fdopen(fd, "rb");
	if (!fp) {
		snprintf(err, errlen, "%s: cannot open: %s", path,
			 strerror(errno));
		close(fd);
		return -1;
	}
	return read_stream(fp, path, out, err, errlen);
}

int csv_column(const struct csv_file *f, const char *name)
{
	for (size_t i = 0; i < f->header.nfield; i++)
		if (strcmp(f->header.field[i], name) == 0)
			return (int)i;
	return -1;
}

void csv_free(struct csv_file *f)
{
	free_records(f);
	free(f->text);
	free(f->path);
	memset(f, 0, sizeof(*f));
}

void csv_put_field(struct strbuf *sb, const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		sb_add(sb, s);
		return;
	}
	sb_add(sb, "\"");
	for (; *s; s++) {
		if (*s == '"')
			sb_add(sb, "\"");
		sb_addn(sb, s, 1);
	}
	sb_add(sb, "\"");
}
