// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/linetrace/map.c: the analyser's map file (docs/linetrace.md):
 * what names memory in a trace, read from an untrusted file (one line on
 * stderr and exit 2 for anything malformed), and the lookups into it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/linetrace/map.h"
#include "util/num.h"
#include "util/text.h"

_Noreturn void lt_fail(const char *file, unsigned long line, const char *what)
{
	if (line)
		fprintf(stderr, "linetrace-analyse: %s:%lu: %s\n", file, line,
			what);
	else
		fprintf(stderr, "linetrace-analyse: %s: %s\n", file, what);
	exit(2);
}

int lt_parse_hex(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	if (!s || !*s)
		return -1;
	*v = strtoull(s, &end, 16);
	return errno || *end ? -1 : 0;
}

/* Names reach a terminal: letters, digits, '_', '.', '-' only. */
static int name_ok(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (!n || n >= max)
		return 0;
	for (; *s; s++)
		if (!(*s == '_' || *s == '.' || *s == '-' ||
		      (*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= 'A' && *s <= 'Z')))
			return 0;
	return 1;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int cmp_region(const void *a, const void *b)
{
	return cmp_u64(&((const struct lt_region *)a)->lo,
		       &((const struct lt_region *)b)->lo);
}

/* "NAME ADDR BYTES" (region, sym, unmapfn) or "NAME LO HI" (ignore). */
static int range(char **f, int nf, int hi_given, struct lt_region *out)
{
	uint64_t lo, n;

	if (nf != 4 || !name_ok(f[1], sizeof(out->name)) ||
	    lt_parse_hex(f[2], &lo) ||
	    (hi_given || !strncmp(f[3], "0x", 2)
		 ? lt_parse_hex(f[3], &n)
		 : swtlb_parse_u64(f[3], UINT64_MAX, &n)))
		return -1;
	if (hi_given ? n <= lo : (n == 0 || lo + n < lo))
		return -1;
	snprintf(out->name, sizeof(out->name), "%s", f[1]);
	out->lo = lo;
	out->hi = hi_given ? n : lo + n;
	return 0;
}

static int map_line(struct lt_map *m, char **f, int nf)
{
	struct lt_run *r = m->run;
	struct lt_region g;

	if (!strcmp(f[0], "linetrace"))
		return nf == 2 && !strcmp(f[1], "1") ? 0 : -1;
	if (nf == 2 && (!strcmp(f[0], "side") || !strcmp(f[0], "scheme") ||
			!strcmp(f[0], "areas") || !strcmp(f[0], "bounce"))) {
		char *dst = !strcmp(f[0], "side")     ? r->side
			    : !strcmp(f[0], "scheme") ? r->scheme
			    : !strcmp(f[0], "areas")  ? r->areas
						      : r->bounce;
		if (!name_ok(f[1], 16))
			return -1;
		snprintf(dst, 16, "%s", f[1]);
		return 0;
	}
	if (!strcmp(f[0], "anchor"))
		return nf == 3 ? 0 : -1;
	if (!strcmp(f[0],
		    "bias")) /* added to every later sym, locked, unmapfn */
		return nf == 2 ? lt_parse_hex(f[1], &m->bias) : -1;
	if (!strcmp(f[0], "marks")) {
		m->have_marks = 1;
		return nf == 2 ? lt_parse_hex(f[1], &m->marks) : -1;
	}
	if (!strcmp(f[0], "locked")) {
		if (nf != 2 || m->nlocked >= LT_MAX_ADDRS)
			return -1;
		if (lt_parse_hex(f[1], &m->locked[m->nlocked]))
			return -1;
		m->locked[m->nlocked++] += m->bias;
		return 0;
	}
	if (range(f, nf, !strcmp(f[0], "ignore"), &g))
		return -1;
	if (!strcmp(f[0], "sym") || !strcmp(f[0], "unmapfn")) {
		g.lo += m->bias;
		g.hi += m->bias;
	}
	if (!strcmp(f[0], "ignore") && m->nignore < 8)
		m->ignore[m->nignore++] = g;
	else if (!strcmp(f[0], "region") && m->nregion < LT_MAX_REGIONS)
		m->region[m->nregion++] = g;
	else if (!strcmp(f[0], "unmapfn") && m->nunmap_fn < 128)
		m->unmap_fn[m->nunmap_fn++] = g;
	else if (!strcmp(f[0], "sym") && m->nsym < LT_MAX_ADDRS)
		m->sym[m->nsym++] = g;
	else
		return -1;
	return 0;
}

void lt_read_map(struct lt_map *m, const char *map_path)
{
	FILE *fp = fopen(map_path, "r");
	char buf[512], *f[8];
	unsigned long ln = 0;

	if (!fp)
		lt_fail(map_path, 0, strerror(errno));
	m->sym = malloc(LT_MAX_ADDRS * sizeof(*m->sym));
	m->locked = malloc(LT_MAX_ADDRS * sizeof(*m->locked));
	if (!m->sym || !m->locked)
		lt_fail(map_path, 0, "out of memory");
	while (fgets(buf, sizeof(buf), fp)) {
		int nf;

		ln++;
		if (!strchr(buf, '\n') && !feof(fp))
			lt_fail(map_path, ln, "line too long");
		buf[strcspn(buf, "\r\n")] = '\0';
		nf = swtlb_text_split_fields(buf, f, 8);
		if (nf <= 0)
			continue;
		if (map_line(m, f, nf))
			lt_fail(map_path, ln, "not a linetrace map line");
	}
	if (ferror(fp))
		lt_fail(map_path, ln, strerror(errno));
	fclose(fp);
	if (!m->have_marks || !m->run->side[0])
		lt_fail(map_path, ln,
			"no marks or side line: not a linetrace map");
	qsort(m->sym, m->nsym, sizeof(*m->sym), cmp_region);
	qsort(m->locked, m->nlocked, sizeof(*m->locked), cmp_u64);
}

const struct lt_region *lt_find_range(const struct lt_region *g, size_t n,
				      uint64_t a)
{
	for (size_t i = 0; i < n; i++)
		if (a >= g[i].lo && a < g[i].hi)
			return &g[i];
	return NULL;
}

/* The last symbol starting at or below a that contains it. */
const struct lt_region *lt_find_sym(const struct lt_map *m, uint64_t a)
{
	size_t lo = 0, hi = m->nsym;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->sym[mid].lo <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo && a < m->sym[lo - 1].hi ? &m->sym[lo - 1] : NULL;
}

int lt_is_locked(const struct lt_map *m, uint64_t insn)
{
	return bsearch(&insn, m->locked, m->nlocked, sizeof(uint64_t),
		       cmp_u64) != NULL;
}
