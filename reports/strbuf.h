/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reports/strbuf.h: a growing text buffer. Reports are built whole in
 * memory and written at the end, so a failure never leaves half a report.
 */
#ifndef SWTLB_REPORTS_STRBUF_H
#define SWTLB_REPORTS_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *s;    /* always NUL-terminated once anything was added */
	size_t len; /* bytes used, NUL excluded */
	size_t cap;
};

#define STRBUF_INIT                                                            \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void sb_add(struct strbuf *sb, const char *s);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_addf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Pads with spaces (or truncates nothing) up to width display columns. */
void sb_pad(struct strbuf *sb, size_t from, size_t width);
const char *sb_str(const struct strbuf *sb); /* "" when empty */
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/* Allocation that never returns NULL: out of memory ends the program. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif /* SWTLB_REPORTS_STRBUF_H */
