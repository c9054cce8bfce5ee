/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/trace.c: reader of the memcg replay trace. Every record
 * is checked before the replay starts; lines are read into a fixed buffer
 * (no line can make us allocate), operations are capped at
 * MEMCG_TRACE_MAX_OPS, and text quoted in an error is cut and made
 * printable.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "workloads/memcg/page_counter.h"

#include "util/num.h"
#include "util/text.h"
#include "workloads/memcg/trace.h"

#define MAX_FIELDS 8 /* more than any record has: the rest is counted */

struct parser {
	const char *name;
	unsigned long line;
	char *err;
	size_t errlen;
	struct memcg_trace *t;
	bool seen_config, seen_batch, seen_op;
	unsigned long cpus_line;
	int16_t index_of[MEMCG_TRACE_MAX_COUNTERS]; /* id -> index, or -1 */
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

static int number(struct parser *p, const char *rec, const char *what,
		  const char *text, uint64_t min, uint64_t max, uint64_t *out)
{
	char buf[48];

	if (parse_u64(text, out))
		return perr(p, "%s: bad number \"%s\" for %s", rec,
			    shown(text, buf, sizeof(buf)), what);
	if (*out < min || *out > max)
		return perr(
		    p, "%s: %s %s is out of range (%" PRIu64 "..%" PRIu64 ")",
		    rec, what, shown(text, buf, sizeof(buf)), min, max);
	return 0;
}

static int nfields(struct parser *p, const char *rec, int want, int n)
{
	if (n == want)
		return 0;
	return perr(p, "%s: expected %d field%s, got %d", rec, want - 1,
		    want - 1 == 1 ? "" : "s", n - 1);
}

/* A declared counter id, as its index. */
static int counter_ref(struct parser *p, const char *rec, const char *text,
		       int *index)
{
	uint64_t id;

	if (number(p, rec, "id", text, 0, MEMCG_TRACE_MAX_COUNTERS - 1, &id))
		return -1;
	if (p->index_of[id] < 0)
		return perr(p, "%s: counter %" PRIu64 " is not declared", rec,
			    id);
	*index = p->index_of[id];
	return 0;
}

static int header_ok(struct parser *p, const char *rec)
{
	if (p->seen_op)
		return perr(p, "%s: header record after an operation", rec);
	return 0;
}

static int parse_config(struct parser *p, char **f, int n)
{
	char buf[48];

	if (header_ok(p, "config") || nfields(p, "config", 2, n))
		return -1;
	if (p->seen_config)
		return perr(p, "config: given twice");
	if (p->t->ncounters)
		return perr(p, "config: must come before any counter");
	if (strcmp(f[1], "v1") && strcmp(f[1], "v2"))
		return perr(p, "config: \"%s\" is not v1 or v2",
			    shown(f[1], buf, sizeof(buf)));
	p->t->v1 = f[1][1] == '1';
	p->seen_config = true;
	return 0;
}

static int parse_cpus(struct parser *p, char **f, int n)
{
	uint64_t v;

	if (header_ok(p, "cpus") || nfields(p, "cpus", 2, n))
		return -1;
	if (p->cpus_line)
		return perr(p, "cpus: given twice (first at line %lu)",
			    p->cpus_line);
	if (number(p, "cpus", "count", f[1], 1, MEMCG_TRACE_MAX_CPUS, &v))
		return -1;
	p->t->ncpus = (unsigned int)v;
	p->cpus_line = p->line;
	return 0;
}

static int parse_batch(struct parser *p, char **f, int n)
{
	uint64_t v;

	if (header_ok(p, "batch") || nfields(p, "batch", 2, n))
		return -1;
	if (p->seen_batch)
		return perr(p, "batch: given twice");
	if (number(p, "batch", "pages", f[1], 1, 127, &v))
		return -1;
	p->t->batch = (unsigned int)v;
	p->seen_batch = true;
	return 0;
}

static int parse_counter(struct parser *p, char **f, int n)
{
	struct memcg_trace *t = p->t;
	struct memcg_trace_counter c = {.parent = -1};
	uint64_t v;

	if (header_ok(p, "counter") || nfields(p, "counter", 6, n))
		return -1;
	if (strcmp(f[2], "parent") || strcmp(f[4], "max"))
		return perr(p, "counter: expected "
			       "\"counter ID parent PID|- max PAGES|max\"");
	if (number(p, "counter", "id", f[1], 0, MEMCG_TRACE_MAX_COUNTERS - 1,
		   &v))
		return -1;
	if (p->index_of[v] >= 0)
		return perr(p, "counter: id %" PRIu64 " declared twice", v);
	c.id = (unsigned int)v;
	if (strcmp(f[3], "-") && counter_ref(p, "counter", f[3], &c.parent))
		return -1;
	if (strcmp(f[5], "max") == 0)
		c.max = (unsigned long)PAGE_COUNTER_MAX;
	else if (number(p, "counter", "max", f[5], 0,
			(uint64_t)PAGE_COUNTER_MAX, &v))
		return -1;
	else
		c.max = (unsigned long)v;
	p->index_of[c.id] = (int16_t)t->ncounters;
	t->counters[t->ncounters++] = c;
	return 0;
}

/* Which fields an operation has: cpu, id, n (in that order). */
struct op_shape {
	const char *name;
	enum memcg_trace_kind kind;
	bool cpu, id, n, stock_path;
};

static const struct op_shape op_shapes[] = {
    {"charge", MEMCG_OP_CHARGE, true, true, true, true},
    {"charge_atomic", MEMCG_OP_CHARGE_ATOMIC, true, true, true, true},
    {"uncharge", MEMCG_OP_UNCHARGE, true, true, true, true},
    {"uncharge_direct", MEMCG_OP_UNCHARGE_DIRECT, false, true, true, false},
    {"try", MEMCG_OP_TRY, false, true, true, false},
    {"force", MEMCG_OP_FORCE, false, true, true, false},
    {"drain", MEMCG_OP_DRAIN, true, false, false, false},
    {"drain_all", MEMCG_OP_DRAIN_ALL, false, true, false, false},
    {"reset_local", MEMCG_OP_RESET_LOCAL, false, true, false, false},
    {"reset", MEMCG_OP_RESET, false, true, false, false},
    {"read", MEMCG_OP_READ, false, true, false, false},
};

const char *memcg_trace_kind_name(enum memcg_trace_kind kind)
{
	return op_shapes[kind].name;
}

static int parse_fields(struct parser *p, const struct op_shape *s, char **f,
			struct memcg_trace_op *op)
{
	int i = 1, index = 0;
	uint64_t v;

	if (s->cpu) {
		if (number(p, s->name, "cpu", f[i++], 0, p->t->ncpus - 1, &v))
			return -1;
		op->cpu = (uint8_t)v;
	}
	if (s->id) {
		if (counter_ref(p, s->name, f[i++], &index))
			return -1;
		op->counter = (uint16_t)index;
		if (s->stock_path && p->t->counters[index].parent < 0)
			return perr(p,
				    "%s: counter %u is top-level (the root "
				    "memcg is never charged through the "
				    "stock)",
				    s->name, p->t->counters[index].id);
	}
	if (s->n) {
		if (number(p, s->name, "pages", f[i++], 1, INT32_MAX, &v))
			return -1;
		op->n = (uint32_t)v;
	}
	return 0;
}

static int parse_op(struct parser *p, const struct op_shape *s, char **f, int n)
{
	struct memcg_trace *t = p->t;
	struct memcg_trace_op op = {.kind = (uint8_t)s->kind, .line = p->line};

	if (nfields(p, s->name, 1 + s->cpu + s->id + s->n, n))
		return -1;
	if (!p->cpus_line)
		return perr(p, "%s: no cpus record before the first operation",
			    s->name);
	p->seen_op = true;
	if (parse_fields(p, s, f, &op))
		return -1;
	if (t->nops == MEMCG_TRACE_MAX_OPS)
		return perr(p, "more than %u operations", MEMCG_TRACE_MAX_OPS);
	if (t->nops == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		void *ops = realloc(t->ops, cap * sizeof(*t->ops));

		if (!ops)
			return perr(p, "out of memory");
		t->ops = ops;
		t->cap = cap;
	}
	t->ops[t->nops++] = op;
	return 0;
}

static int parse_line(struct parser *p, char *s)
{
	char *f[MAX_FIELDS];
	char buf[48];
	int n;

	s += strspn(s, " \t");
	if (*s == '#')
		return 0;
	n = swtlb_text_split_fields(s, f, MAX_FIELDS);
	if (n == 0)
		return 0;
	if (n > MAX_FIELDS)
		n = MAX_FIELDS; /* reported as a wrong field count */
	if (!strcmp(f[0], "config"))
		return parse_config(p, f, n);
	if (!strcmp(f[0], "cpus"))
		return parse_cpus(p, f, n);
	if (!strcmp(f[0], "batch"))
		return parse_batch(p, f, n);
	if (!strcmp(f[0], "counter"))
		return parse_counter(p, f, n);
	for (size_t i = 0; i < sizeof(op_shapes) / sizeof(op_shapes[0]); i++)
		if (!strcmp(f[0], op_shapes[i].name))
			return parse_op(p, &op_shapes[i], f, n);
	return perr(p, "unknown record \"%s\"", shown(f[0], buf, sizeof(buf)));
}

/*
 * One line into buf (without "\n" or "\r\n"): 1, 0 at end of file, -1 on
 * an error (too long, NUL byte, read error).
 */
static int read_line(struct parser *p, FILE *f, char *buf, size_t cap)
{
	size_t len = 0;
	int c;

	while ((c = getc(f)) != EOF && c != '\n') {
		if (c == 0)
			return perr(p, "NUL byte in the line");
		if (len + 1 >= cap)
			return perr(p, "line longer than %zu bytes", cap - 2);
		buf[len++] = (char)c;
	}
	if (ferror(f))
		return perr(p, "read error: %s", strerror(errno));
	if (c == EOF && len == 0)
		return 0;
	if (len && buf[len - 1] == '\r')
		len--;
	buf[len] = 0;
	return 1;
}

void memcg_trace_free(struct memcg_trace *t)
{
	free(t->ops);
	memset(t, 0, sizeof(*t));
}

int memcg_trace_read(FILE *f, const char *name, struct memcg_trace *t,
		     char *err, size_t errlen)
{
	struct parser p = {.name = name, .err = err, .errlen = errlen, .t = t};
	char buf[MEMCG_TRACE_MAX_LINE + 2];
	int rc;

	memset(t, 0, sizeof(*t));
	t->batch = 64;
	for (size_t i = 0; i < MEMCG_TRACE_MAX_COUNTERS; i++)
		p.index_of[i] = -1;
	for (;;) {
		p.line++;
		rc = read_line(&p, f, buf, sizeof(buf));
		if (rc <= 0)
			break;
		if (parse_line(&p, buf)) {
			rc = -1;
			break;
		}
	}
	if (rc == 0 && !p.cpus_line) {
		p.line = p.line > 1 ? p.line - 1 : 1;
		rc = perr(&p, "no cpus record in the trace");
	}
	if (rc)
		memcg_trace_free(t);
	return rc;
}
