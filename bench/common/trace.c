/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/common/trace.c: reader and writers of the replay trace format. The
 * reader validates everything before a single record is replayed, so a replay
 * either prints a complete result or only an error.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bench/common/trace.h"

#include "pool/swiotlb.h"
#include "util/num.h"
#include "util/text.h"

#define MAX_FIELDS 8 /* more than any record has: the rest is counted */

/* Open-addressing map from mapping id to its map record. */
struct id_table {
	uint32_t *ids;
	size_t *recs; /* SIZE_MAX: empty */
	size_t cap, used;
};

struct parser {
	const char *name;
	unsigned long line;
	char *err;
	size_t errlen;
	struct swtlb_trace *t;
	size_t cap;
	struct id_table ids;
	unsigned long *unmapped_at; /* per record: line of its unmap, or 0 */
};

static int perr(struct parser *p, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!p->err || !p->errlen)
		return -1;
	n = snprintf(p->err, p->errlen, "%s:%lu: ", p->name, p->line);
	if (n < 0 || (size_t)n >= p->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errlen - n, fmt, ap);
	va_end(ap);
	return -1;
}

static size_t id_hash(uint32_t id, size_t cap)
{
	return (size_t)((id * 2654435761u) ^ (id >> 16)) & (cap - 1);
}

static int id_grow(struct id_table *tab)
{
	size_t cap = tab->cap ? tab->cap * 2 : 1024;
	uint32_t *ids = malloc(cap * sizeof(*ids));
	size_t *recs = malloc(cap * sizeof(*recs));

	if (!ids || !recs) {
		free(ids);
		free(recs);
		return -1;
	}
	for (size_t i = 0; i < cap; i++)
		recs[i] = SIZE_MAX;
	for (size_t i = 0; i < tab->cap; i++) {
		size_t h;

		if (tab->recs[i] == SIZE_MAX)
			continue;
		for (h = id_hash(tab->ids[i], cap); recs[h] != SIZE_MAX;
		     h = (h + 1) & (cap - 1))
			;
		ids[h] = tab->ids[i];
		recs[h] = tab->recs[i];
	}
	free(tab->ids);
	free(tab->recs);
	tab->ids = ids;
	tab->recs = recs;
	tab->cap = cap;
	return 0;
}

/* The record that mapped id, or SIZE_MAX. */
static size_t id_find(const struct id_table *tab, uint32_t id)
{
	if (!tab->cap)
		return SIZE_MAX;
	for (size_t h = id_hash(id, tab->cap); tab->recs[h] != SIZE_MAX;
	     h = (h + 1) & (tab->cap - 1))
		if (tab->ids[h] == id)
			return tab->recs[h];
	return SIZE_MAX;
}

static int id_add(struct id_table *tab, uint32_t id, size_t rec)
{
	size_t h;

	if ((tab->used + 1) * 2 > tab->cap && id_grow(tab))
		return -1;
	for (h = id_hash(id, tab->cap); tab->recs[h] != SIZE_MAX;
	     h = (h + 1) & (tab->cap - 1))
		;
	tab->ids[h] = id;
	tab->recs[h] = rec;
	tab->used++;
	return 0;
}

/* A field quoted in an error: at most 40 bytes, unprintables as '?'. */
static const char *shown(const char *text, char *buf, size_t len)
{
	return swtlb_text_printable(text, buf, len, 40);
}

/* A trace number: decimal or 0x hex, nothing else, no overflow. */
static int parse_u64(const char *s, uint64_t *out)
{
	return swtlb_parse_u64x(s, UINT64_MAX, out) == SWTLB_NUM_OK ? 0 : -1;
}

static int field(struct parser *p, const char *op, const char *what,
		 const char *text, uint64_t max, uint64_t *out)
{
	char buf[48];

	if (parse_u64(text, out))
		return perr(p, "%s: bad number \"%s\" for %s", op,
			    shown(text, buf, sizeof(buf)), what);
	if (*out > max)
		return perr(p,
			    "%s: %s %s is out of range (at most %" PRIu64 ")",
			    op, what, text, max);
	return 0;
}

/* 0 or 2^k - 1 with k <= 30. */
static int mask_field(struct parser *p, const char *what, const char *text,
		      uint32_t *out)
{
	uint64_t v;
	char buf[48];

	if (parse_u64(text, &v))
		return perr(p, "map: bad number \"%s\" for %s",
			    shown(text, buf, sizeof(buf)), what);
	if (v >= (1ULL << 30) || (v & (v + 1)))
		return perr(p, "map: %s %s is not 0 or 2^k-1 with k <= 30",
			    what, text);
	*out = (uint32_t)v;
	return 0;
}

static int nfields_err(struct parser *p, const char *op, const char *want,
		       int n)
{
	return perr(p, "%s: expected %s, got %d field%s", op, want, n - 1,
		    n - 1 == 1 ? "" : "s");
}

static struct swtlb_trace_rec *new_rec(struct parser *p)
{
	struct swtlb_trace *t = p->t;

	if (t->nrecs == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 1024;
		void *r = realloc(t->recs, cap * sizeof(*t->recs));
		void *u =
		    r ? realloc(p->unmapped_at, cap * sizeof(*p->unmapped_at))
		      : NULL;

		if (r)
			t->recs = r;
		if (!r || !u) {
			perr(p, "out of memory");
			return NULL;
		}
		p->unmapped_at = u;
		p->cap = cap;
	}
	p->unmapped_at[t->nrecs] = 0;
	memset(&t->recs[t->nrecs], 0, sizeof(t->recs[0]));
	t->recs[t->nrecs].line = p->line;
	return &t->recs[t->nrecs++];
}

static int parse_pool(struct parser *p, char **f, int n)
{
	char why[160];
	uint64_t nslabs, nareas;

	if (p->t->pool_line)
		return perr(p, "second pool record (the first is at line %lu)",
			    p->t->pool_line);
	if (n != 3)
		return nfields_err(p, "pool", "2 fields (nslabs nareas)", n);
	if (field(p, "pool", "nslabs", f[1], UINT64_MAX, &nslabs) ||
	    field(p, "pool", "nareas", f[2], UINT32_MAX, &nareas))
		return -1;
	if (swtlb_geometry_check(nslabs, nareas, why, sizeof(why)))
		return perr(p, "pool: %s", why);
	p->t->nslabs = nslabs;
	p->t->nareas = nareas;
	p->t->pool_line = p->line;
	return 0;
}

static int parse_map(struct parser *p, char **f, int n)
{
	struct swtlb_trace_rec r = {.op = SWTLB_TRACE_MAP};
	struct swtlb_trace_rec *slot;
	uint64_t v;
	size_t prev;

	if (!p->t->pool_line)
		return perr(p, "map before the pool record");
	if (n != 7)
		return nfields_err(p, "map",
				   "6 fields (id cpu orig_addr size "
				   "min_align_mask alloc_align_mask)",
				   n);
	if (field(p, "map", "id", f[1], UINT32_MAX, &v))
		return -1;
	r.id = v;
	if (field(p, "map", "cpu", f[2], INT32_MAX, &v))
		return -1;
	r.cpu = v;
	if (field(p, "map", "orig_addr", f[3], UINT64_MAX, &r.orig_addr))
		return -1;
	if (field(p, "map", "size", f[4], UINT32_MAX, &v))
		return -1;
	if (v == 0)
		return perr(p, "map: size 0 is out of range (at least 1)");
	r.size = v;
	if (mask_field(p, "min_align_mask", f[5], &r.min_align_mask) ||
	    mask_field(p, "alloc_align_mask", f[6], &r.alloc_align_mask))
		return -1;
	prev = id_find(&p->ids, r.id);
	if (prev != SIZE_MAX)
		return perr(p, "map: id %" PRIu32 " already used at line %lu",
			    r.id, p->t->recs[prev].line);
	slot = new_rec(p);
	if (!slot)
		return -1;
	r.line = p->line;
	*slot = r;
	if (id_add(&p->ids, r.id, p->t->nrecs - 1))
		return perr(p, "out of memory");
	if (r.cpu > p->t->max_cpu)
		p->t->max_cpu = r.cpu;
	return 0;
}

static int parse_unmap(struct parser *p, char **f, int n)
{
	struct swtlb_trace_rec *slot;
	uint64_t v;
	size_t map;

	if (!p->t->pool_line)
		return perr(p, "unmap before the pool record");
	if (n != 2)
		return nfields_err(p, "unmap", "1 field (id)", n);
	if (field(p, "unmap", "id", f[1], UINT32_MAX, &v))
		return -1;
	map = id_find(&p->ids, (uint32_t)v);
	if (map == SIZE_MAX)
		return perr(p, "unmap: id %" PRIu64 " was never mapped", v);
	if (p->unmapped_at[map])
		return perr(p,
			    "unmap: id %" PRIu64 " already unmapped at line "
			    "%lu",
			    v, p->unmapped_at[map]);
	p->unmapped_at[map] = p->line;
	slot = new_rec(p);
	if (!slot)
		return -1;
	slot->op = SWTLB_TRACE_UNMAP;
	slot->id = (uint32_t)v;
	slot->map_rec = map;
	return 0;
}

/* `# oracle: hiwater_exact=N area_hiwater_sum=M`: informative only. */
static void parse_oracle(struct swtlb_trace *t, const char *line)
{
	unsigned long exact, sum;
	char tail;

	if (sscanf(line, " # oracle: hiwater_exact=%lu area_hiwater_sum=%lu %c",
		   &exact, &sum, &tail) == 2) {
		t->has_oracle = true;
		t->oracle_hiwater_exact = exact;
		t->oracle_area_hiwater_sum = sum;
	}
}

static int parse_line(struct parser *p, char *s, size_t len)
{
	char *f[MAX_FIELDS];
	char buf[48];
	int n;

	if (strlen(s) != len)
		return perr(p, "NUL byte in the line");
	if (len && s[len - 1] == '\n')
		s[--len] = 0;
	if (len && s[len - 1] == '\r')
		s[--len] = 0;
	s += strspn(s, " \t");
	if (*s == '#') {
		parse_oracle(p->t, s);
		return 0;
	}
	n = swtlb_text_split_fields(s, f, MAX_FIELDS);
	if (n == 0)
		return 0;
	if (n > MAX_FIELDS)
		n = MAX_FIELDS; /* reported as too many fields below */
	if (strcmp(f[0], "pool") == 0)
		return parse_pool(p, f, n);
	if (strcmp(f[0], "map") == 0)
		return parse_map(p, f, n);
	if (strcmp(f[0], "unmap") == 0)
		return parse_unmap(p, f, n);
	return perr(p, "unknown record \"%s\"", shown(f[0], buf, sizeof(buf)));
}

void swtlb_trace_free(struct swtlb_trace *t)
{
	free(t->recs);
	memset(t, 0, sizeof(*t));
}

/* Longest line read: a record is under 100 bytes, a comment a sentence.
 * getline() would grow without bound on /dev/zero or one endless line. */
#define TRACE_LINE_MAX 4096

/* One line with its '\n' into buf (TRACE_LINE_MAX + 1 bytes): its length,
 * 0 at end of file, -1 when longer than TRACE_LINE_MAX. */
static ssize_t read_line(FILE *f, char *buf)
{
	size_t n = 0;
	int c;

	while ((c = getc_unlocked(f)) != EOF) {
		if (n == TRACE_LINE_MAX)
			return -1;
		buf[n++] = (char)c;
		if (c == '\n')
			break;
	}
	buf[n] = 0;
	return (ssize_t)n;
}

int swtlb_trace_read(FILE *f, const char *name, struct swtlb_trace *t,
		     char *err, size_t errlen)
{
	struct parser p = {.name = name, .err = err, .errlen = errlen, .t = t};
	char *buf = malloc(TRACE_LINE_MAX + 1);
	ssize_t len;
	int rc = 0;

	memset(t, 0, sizeof(*t));
	if (!buf) {
		snprintf(err, errlen, "%s: out of memory", name);
		return -1;
	}
	while ((len = read_line(f, buf)) > 0) {
		p.line++;
		rc = parse_line(&p, buf, (size_t)len);
		if (rc)
			break;
	}
	if (len < 0) {
		p.line++;
		rc = perr(&p, "line longer than %d bytes", TRACE_LINE_MAX);
	}
	if (!rc && ferror(f)) {
		snprintf(err, errlen, "%s: read error: %s", name,
			 strerror(errno));
		rc = -1;
	}
	if (!rc && !t->pool_line) {
		if (!p.line)
			p.line = 1;
		rc = perr(&p, "no pool record in the trace");
	}
	free(buf);
	free(p.ids.ids);
	free(p.ids.recs);
	free(p.unmapped_at);
	if (rc)
		swtlb_trace_free(t);
	return rc;
}

int swtlb_trace_load(const char *path, struct swtlb_trace *t, char *err,
		     size_t errlen)
{
	FILE *f = fopen(path, "r");
	struct stat st;
	int rc;

	memset(t, 0, sizeof(*t));
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path,
			 strerror(errno));
		return -1;
	}
	/* A device (/dev/zero, a tty) or a folder is no trace; a pipe is
	 * read line by line like a file. */
	if (fstat(fileno(f), &st) != 0 ||
	    !(S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode))) {
		snprintf(err, errlen, "%s: not a regular file or pipe", path);
		fclose(f);
		return -1;
	}
	rc = swtlb_trace_read(f, path, t, err, errlen);
	fclose(f);
	return rc;
}

int swtlb_trace_write_pool(FILE *f, unsigned long nslabs, unsigned int nareas)
{
	return fprintf(f, "pool %lu %u\n", nslabs, nareas) < 0 ? -1 : 0;
}

int swtlb_trace_write_map(FILE *f, uint32_t id, uint32_t cpu,
			  uint64_t orig_addr, uint32_t size,
			  uint32_t min_align_mask, uint32_t alloc_align_mask)
{
	return fprintf(f,
		       "map %" PRIu32 " %" PRIu32 " 0x%" PRIx64 " %" PRIu32
		       " 0x%" PRIx32 " 0x%" PRIx32 "\n",
		       id, cpu, orig_addr, size, min_align_mask,
		       alloc_align_mask) < 0
		   ? -1
		   : 0;
}

int swtlb_trace_write_unmap(FILE *f, uint32_t id)
{
	return fprintf(f, "unmap %" PRIu32 "\n", id) < 0 ? -1 : 0;
}
