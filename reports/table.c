// SPDX-License-Identifier: GPL-2.0-only
/* reports/table.c: see table.h. */
#include "reports/table.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void table_init(struct table *t, const struct table_col *col, size_t ncol)
{
	memset(t, 0, sizeof(*t));
	t->col = col;
	t->ncol = ncol;
}

void table_add_row(struct table *t)
{
	t->cell = xrealloc(t->cell, (t->nrow + 1) * t->ncol * sizeof(char *));
	for (size_t c = 0; c < t->ncol; c++)
		t->cell[t->nrow * t->ncol + c] = NULL;
	t->nrow++;
}

void table_set(struct table *t, size_t col, const char *fmt, ...)
{
	va_list ap;
	char **cell = &t->cell[(t->nrow - 1) * t->ncol + col];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	free(*cell);
	*cell = xmalloc((size_t)(n > 0 ? n : 0) + 1);
	va_start(ap, fmt);
	vsnprintf(*cell, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
	va_end(ap);
}

static const char *cell(const struct table *t, size_t r, size_t c)
{
	const char *s = t->cell[r * t->ncol + c];

	return s && *s ? s : "-";
}

/* Puts s into a field of width w; a value that does not fit is cut and
 * ends in '~' so the cut shows. */
static void put_fixed(struct strbuf *out, const char *s, int w, bool left)
{
	size_t len = strlen(s), width = (size_t)w;

	if (len > width) {
		sb_addn(out, s, width - 1);
		sb_add(out, "~");
		return;
	}
	if (!left)
		for (size_t i = len; i < width; i++)
			sb_add(out, " ");
	sb_add(out, s);
	if (left)
		for (size_t i = len; i < width; i++)
			sb_add(out, " ");
}

static bool part_has_data(const struct table *t, int part)
{
	for (size_t c = 0; c < t->ncol; c++) {
		if (t->col[c].part != part || !t->col[c].text_head)
			continue;
		for (size_t r = 0; r < t->nrow; r++)
			if (strcmp(cell(t, r, c), "-") != 0)
				return true;
	}
	return false;
}

static void trim_line_end(struct strbuf *out, size_t line_start)
{
	while (out->len > line_start && out->s[out->len - 1] == ' ')
		out->s[--out->len] = '\0';
	sb_add(out, "\n");
}

static void text_line(const struct table *t, struct strbuf *out, int part,
		      long row)
{
	size_t start = out->len;

	for (size_t c = 0; c < t->ncol; c++) {
		const struct table_col *k = &t->col[c];

		if (!k->text_head || (k->part != 0 && k->part != part))
			continue;
		/* One space between columns: right-aligned columns carry it
		 * in their width, left-aligned ones after the first get it
		 * here. */
		if (k->left && c > 0)
			sb_add(out, " ");
		put_fixed(out, row < 0 ? k->text_head : cell(t, (size_t)row, c),
			  k->left && c > 0 ? k->width - 1 : k->width, k->left);
	}
	trim_line_end(out, start);
}

void table_text(const struct table *t, struct strbuf *out)
{
	bool first = true;

	for (int part = 1; part <= 3; part++) {
		if ((part == 1 && t->hide_part1) ||
		    (part >= 2 && !part_has_data(t, part)))
			continue;
		if (!first)
			sb_add(out, "\n");
		first = false;
		text_line(t, out, part, -1);
		for (size_t r = 0; r < t->nrow; r++)
			text_line(t, out, part, (long)r);
	}
}

/* Markdown cells: '|' would end the cell, so it is escaped. */
static void md_cell(struct strbuf *out, const char *s)
{
	sb_add(out, " ");
	for (; *s; s++) {
		if (*s == '|')
			sb_add(out, "\\");
		sb_addn(out, s, 1);
	}
	sb_add(out, " |");
}

void table_markdown(const struct table *t, struct strbuf *out)
{
	sb_add(out, "|");
	for (size_t c = 0; c < t->ncol; c++)
		if (t->col[c].md_head)
			md_cell(out, t->col[c].md_head);
	sb_add(out, "\n|");
	for (size_t c = 0; c < t->ncol; c++)
		if (t->col[c].md_head)
			sb_add(out, t->col[c].left ? " :--- |" : " ---: |");
	sb_add(out, "\n");
	for (size_t r = 0; r < t->nrow; r++) {
		sb_add(out, "|");
		for (size_t c = 0; c < t->ncol; c++)
			if (t->col[c].md_head)
				md_cell(out, cell(t, r, c));
		sb_add(out, "\n");
	}
}

void table_free(struct table *t)
{
	for (size_t i = 0; i < t->nrow * t->ncol; i++)
		free(t->cell[i]);
	free(t->cell);
	memset(t, 0, sizeof(*t));
}

void wrap_phrases(struct strbuf *out, const char *prefix, const char **phrase,
		  size_t n, size_t indent)
{
	size_t col;

	sb_add(out, prefix);
	col = strlen(prefix);
	for (size_t i = 0; i < n; i++) {
		const char *p = phrase[i];
		size_t len = strlen(p) + (i + 1 < n ? 1 : 0); /* its comma */
		size_t sep = i ? 1 : 0;

		if (i && col + sep + len > TEXT_WIDTH) {
			sb_add(out, "\n");
			for (col = 0; col < indent; col++)
				sb_add(out, " ");
			sep = 0;
		}
		if (sep) {
			sb_add(out, " ");
			col++;
		}
		/* A phrase wider than a whole line is broken hard. */
		while (col + strlen(p) > TEXT_WIDTH) {
			size_t room = TEXT_WIDTH - col;

			sb_addn(out, p, room);
			p += room;
			sb_add(out, "\n");
			for (col = 0; col < indent; col++)
				sb_add(out, " ");
		}
		sb_add(out, p);
		col += strlen(p);
		if (i + 1 < n) {
			if (col + 1 > TEXT_WIDTH) {
				sb_add(out, "\n");
				for (col = 0; col < indent; col++)
					sb_add(out, " ");
			}
			sb_add(out, ",");
			col++;
		}
	}
	sb_add(out, "\n");
}

static void new_line(struct strbuf *out, size_t indent, size_t *col)
{
	sb_add(out, "\n");
	for (*col = 0; *col < indent; (*col)++)
		sb_add(out, " ");
}

void wrap_text(struct strbuf *out, const char *prefix, const char *text,
	       size_t indent)
{
	size_t col = strlen(prefix);
	bool line_empty = true;

	sb_add(out, prefix);
	while (*text) {
		size_t w = strcspn(text, " ");

		if (!line_empty && col + 1 + w > TEXT_WIDTH)
			new_line(out, indent, &col);
		else if (!line_empty) {
			sb_add(out, " ");
			col++;
		}
		/* A word wider than a whole line is broken hard. */
		while (col + w > TEXT_WIDTH) {
			size_t room = TEXT_WIDTH - col;

			sb_addn(out, text, room);
			text += room;
			w -= room;
			new_line(out, indent, &col);
		}
		sb_addn(out, text, w);
		col += w;
		line_empty = false;
		text += w;
		while (*text == ' ')
			text++;
	}
	sb_add(out, "\n");
}
