/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reports/table.h: one table, rendered as fixed-width plain text (at most
 * 72 columns, no tabs: fit for an email reply) or as Markdown.
 *
 * A plain-text line cannot hold every column, so each column belongs to a
 * part: the first column (the row name) is repeated in every part, part 1
 * and part 2 print as two stacked tables, and a part whose cells are all
 * "-" (nothing measured) is left out. Markdown prints every column.
 */
#ifndef SWTLB_REPORTS_TABLE_H
#define SWTLB_REPORTS_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "reports/strbuf.h"

#define TEXT_WIDTH 72

struct table_col {
	const char *text_head; /* NULL: not in plain text */
	const char *md_head;   /* NULL: not in Markdown */
	int width;	       /* plain-text width, spaces included */
	bool left;	       /* left-aligned (else right) */
	int part;	       /* 0: row name, 1 or 2: plain-text part */
};

struct table {
	size_t ncol;
	const struct table_col *col;
	size_t nrow;
	char **cell;	 /* nrow x ncol, owned */
	bool hide_part1; /* plain text: part 1 has nothing to say */
};

void table_init(struct table *t, const struct table_col *col, size_t ncol);
/* Starts a row; then table_set() its cells (unset cells print "-"). */
void table_add_row(struct table *t);
void table_set(struct table *t, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void table_text(const struct table *t, struct strbuf *out);
void table_markdown(const struct table *t, struct strbuf *out);
void table_free(struct table *t);

/*
 * Appends phrases joined by ", " after prefix, wrapped at TEXT_WIDTH with
 * continuation lines indented by indent spaces; ends with a newline.
 */
void wrap_phrases(struct strbuf *out, const char *prefix, const char **phrase,
		  size_t n, size_t indent);

/* Appends text after prefix, wrapped at spaces to TEXT_WIDTH, continuation
 * lines indented by indent spaces; ends with a newline. */
void wrap_text(struct strbuf *out, const char *prefix, const char *text,
	       size_t indent);

#endif /* SWTLB_REPORTS_TABLE_H */
