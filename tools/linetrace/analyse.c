// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/linetrace/analyse.c: linetrace-analyse --map MAP TRACE, the
 * analyser of a valgrind lackey trace (--trace-mem=yes) of a linetrace
 * driver (docs/linetrace.md).
 *
 * The map (the driver's, plus what scripts/linetrace adds from the
 * binary: data symbols, the addresses of locked instructions, the
 * tbl-unmap function) names memory; the trace is cut into ops at the
 * driver's marker stores. Each access inside an op is attributed to its
 * 64-byte line(s) and its vcpu; the stack and TLS are left out (one
 * thread plays both CPUs here; each CPU has its own in reality). Both
 * files are untrusted: a malformed line is one line on stderr and exit 2.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/linetrace/linetrace.h"
#include "tools/linetrace/map.h"
#include "tools/linetrace/report.h"
#include "util/num.h"
#include "util/outpath.h"
#include "util/text.h"

#define LT_MAX_ACC   (64UL << 20)
#define LT_MAX_LINES (4UL << 20)

static const char *map_path, *trace_path;

static void *grow(void *p, size_t *cap, size_t n, size_t elem, size_t max)
{
	if (n < *cap)
		return p;
	if (n >= max)
		return NULL;
	*cap = *cap ? *cap * 2 : 1024;
	if (*cap > max)
		*cap = max;
	return realloc(p, *cap * elem);
}

/* Line table: open addressing from line address to index. */
static uint32_t *slot_of;
static size_t nslot;

/* Its name (region or symbol + offset, else line@address), how much of
 * the line that region covers, and the symbols in the rest of it. */
static void line_name(const struct lt_map *m, uint64_t a, struct lt_line *l)
{
	const struct lt_region *g = lt_find_range(m->region, m->nregion, a);
	uint64_t b;

	if (!g)
		g = lt_find_sym(m, a);
	if (g)
		snprintf(l->name, sizeof(l->name), "%s+%#lx", g->name,
			 (unsigned long)(a - g->lo));
	else
		snprintf(l->name, sizeof(l->name), "line@%#lx",
			 (unsigned long)a);
	l->region_bytes = !g ? 0 : g->hi >= a + 64 ? 64 : (uint8_t)(g->hi - a);
	for (b = a + l->region_bytes; b < a + 64 && l->nnext < 4;) {
		const struct lt_region *n = lt_find_sym(m, b);

		if (!n) {
			b++;
			continue;
		}
		l->next[l->nnext].lo = (uint8_t)(b - a);
		l->next[l->nnext].hi =
		    (uint8_t)(n->hi >= a + 64 ? 64 : n->hi - a);
		snprintf(l->next[l->nnext].name, sizeof(l->next[0].name), "%s",
			 n->name);
		b = a + l->next[l->nnext++].hi;
	}
}

static uint32_t line_of(struct lt_map *m, uint64_t addr)
{
	struct lt_run *r = m->run;
	uint64_t la = addr & ~63ULL;
	size_t h;

	if (r->nlines * 2 >= nslot) {
		size_t old = nslot;
		uint32_t *olds = slot_of;

		nslot = nslot ? nslot * 2 : 4096;
		slot_of = malloc(nslot * sizeof(*slot_of));
		if (!slot_of)
			lt_fail(trace_path, 0, "out of memory");
		memset(slot_of, 0xff, nslot * sizeof(*slot_of));
		for (size_t i = 0; i < old; i++)
			if (olds[i] != UINT32_MAX) {
				h = (r->lines[olds[i]].addr >> 6) *
				    0x9E3779B97F4A7C15ULL;
				for (h %= nslot; slot_of[h] != UINT32_MAX;)
					h = (h + 1) % nslot;
				slot_of[h] = olds[i];
			}
		free(olds);
	}
	h = ((la >> 6) * 0x9E3779B97F4A7C15ULL) % nslot;
	for (; slot_of[h] != UINT32_MAX; h = (h + 1) % nslot)
		if (r->lines[slot_of[h]].addr == la)
			return slot_of[h];
	r->lines = grow(r->lines, &r->cap_lines, r->nlines, sizeof(*r->lines),
			LT_MAX_LINES);
	if (!r->lines)
		lt_fail(trace_path, 0, "too many distinct lines");
	memset(&r->lines[r->nlines], 0, sizeof(*r->lines));
	r->lines[r->nlines].addr = la;
	line_name(m, la, &r->lines[r->nlines]);
	slot_of[h] = (uint32_t)r->nlines;
	return (uint32_t)r->nlines++;
}

struct lt_cursor {
	struct lt_op *op; /* NULL: between ops */
	uint64_t insn_addr;
	int locked;
	unsigned int phase;
};

static void record(struct lt_map *m, struct lt_cursor *c, uint64_t a,
		   unsigned int bytes, unsigned int kind)
{
	struct lt_run *r = m->run;

	for (uint64_t b = a; b < a + bytes; b = (b | 63) + 1) {
		uint32_t line = line_of(m, b);
		struct lt_acc *x;
		unsigned int off = (unsigned int)(b & 63), end = off;

		end = (unsigned int)((a + bytes - 1 < (b | 63) ? a + bytes - 1
							       : (b | 63)) &
				     63);
		r->acc = grow(r->acc, &r->cap_acc, r->nacc, sizeof(*r->acc),
			      LT_MAX_ACC);
		if (!r->acc)
			lt_fail(trace_path, 0, "too many accesses");
		x = &r->acc[r->nacc++];
		x->line = line;
		x->insn = c->op->ninsn;
		x->kind = (uint8_t)kind;
		x->phase = (uint8_t)c->phase;
		x->off = (uint16_t)off;
		c->op->nacc++;
		r->lines[line].vcpus |= (uint8_t)(1U << c->op->vcpu);
		for (unsigned int i = off; i <= end; i++)
			r->lines[line].fields[kind] |= 1ULL << i;
	}
}

/* A store to the marker words: an op of vcpu (idx / 4) begins, or (idx %
 * 4 == 3) the current one ends. */
static void marker(struct lt_map *m, struct lt_cursor *c, unsigned int idx)
{
	struct lt_run *r = m->run;

	c->op = NULL;
	if (idx % 4 == 3)
		return;
	r->ops = grow(r->ops, &r->cap_ops, r->nops, sizeof(*r->ops), 1UL << 24);
	if (!r->ops)
		lt_fail(trace_path, 0, "too many ops");
	c->op = &r->ops[r->nops++];
	memset(c->op, 0, sizeof(*c->op));
	c->op->vcpu = (uint8_t)(idx / 4);
	c->op->is_map = idx % 4 == 0;
	c->op->first = r->nacc;
	c->phase = c->op->is_map ? LT_PH_MAP : LT_PH_SYNC;
}

static void trace_line(struct lt_map *m, struct lt_cursor *c, char *s,
		       unsigned long ln)
{
	char *comma = strchr(s, ',');
	uint64_t a, bytes;
	unsigned int kind;

	if (!strncmp(s, "==", 2))
		return; /* valgrind's own lines */
	if ((s[0] != 'I' || s[1] != ' ' || s[2] != ' ') &&
	    (s[0] != ' ' || !strchr("LSM", s[1]) || s[1] == '\0' ||
	     s[2] != ' '))
		lt_fail(trace_path, ln, "not a lackey --trace-mem line");
	if (!comma)
		lt_fail(trace_path, ln, "not a lackey --trace-mem line");
	*comma = '\0';
	if (lt_parse_hex(s + 3, &a) ||
	    swtlb_parse_u64(comma + 1, UINT64_MAX, &bytes) || !bytes ||
	    bytes > 4096)
		lt_fail(trace_path, ln, "bad address or size");
	if (s[0] == 'I') {
		c->insn_addr = a;
		c->locked = lt_is_locked(m, a);
		if (!c->op)
			return;
		c->op->ninsn++;
		c->op->phase_insn[c->phase]++;
		if (c->phase == LT_PH_SYNC &&
		    lt_find_range(m->unmap_fn, m->nunmap_fn, a)) {
			c->phase = LT_PH_UNMAP;
			c->op->phase_insn[LT_PH_SYNC]--;
			c->op->phase_insn[LT_PH_UNMAP]++;
		}
		return;
	}
	if (s[1] == 'S' && a >= m->marks && a < m->marks + 64) {
		marker(m, c, (unsigned int)((a - m->marks) / 8));
		return;
	}
	if (!c->op || lt_find_range(m->ignore, m->nignore, a))
		return;
	kind = c->locked     ? LT_LOCKED
	       : s[1] == 'L' ? LT_LOAD
	       : s[1] == 'S' ? LT_STORE
			     : LT_MODIFY;
	record(m, c, a, (unsigned int)bytes, kind);
}

static void read_trace(struct lt_map *m)
{
	FILE *fp = fopen(trace_path, "r");
	char buf[256];
	unsigned long ln = 0;
	struct lt_cursor c = {0};

	if (!fp)
		lt_fail(trace_path, 0, strerror(errno));
	while (fgets(buf, sizeof(buf), fp)) {
		ln++;
		if (!strchr(buf, '\n') && !feof(fp))
			lt_fail(trace_path, ln, "line too long");
		buf[strcspn(buf, "\r\n")] = '\0';
		trace_line(m, &c, buf, ln);
	}
	if (ferror(fp))
		lt_fail(trace_path, ln, strerror(errno));
	fclose(fp);
	if (m->run->nops < 4)
		lt_fail(trace_path, ln, "fewer than 4 ops between markers");
}

int main(int argc, char **argv)
{
	static struct lt_run run;
	struct lt_map m = {.run = &run};
	const char *out_path = NULL;
	char err[512] = "out of memory", *buf = NULL;
	size_t len = 0;
	FILE *mem;
	struct lt_report_opts ro = {
	    .insn_ns = 0.25, .jitter_ns = 100, .repeat = 20, .seeds = 8};
	int i;

	swtlb_check_stdout_at_exit("linetrace-analyse");
	ro.latency[ro.nlatency++] = 25;
	ro.latency[ro.nlatency++] = 180;
	ro.latency[ro.nlatency++] = 560;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help")) {
			printf(
			    "usage: linetrace-analyse --map MAP [--insn-ns X]"
			    " [--latency L,L,...]\n"
			    "  [--jitter-ns X] [--out FILE] TRACE\n");
			return 0;
		}
		if (!strcmp(argv[i], "--map") && i + 1 < argc)
			map_path = argv[++i];
		else if (!strcmp(argv[i], "--out") && i + 1 < argc)
			out_path = argv[++i];
		else if (!strcmp(argv[i], "--insn-ns") && i + 1 < argc) {
			char *end;

			ro.insn_ns = strtod(argv[++i], &end);
			if (*end || !(ro.insn_ns > 0 && ro.insn_ns < 100))
				lt_fail("--insn-ns", 0, "want 0 < X < 100 ns");
		} else if (!strcmp(argv[i], "--jitter-ns") && i + 1 < argc) {
			char *end;

			ro.jitter_ns = strtod(argv[++i], &end);
			if (*end ||
			    !(ro.jitter_ns >= 0 && ro.jitter_ns <= 10000))
				lt_fail("--jitter-ns", 0,
					"want 0 <= X <= 10000 ns");
		} else if (!strcmp(argv[i], "--latency") && i + 1 < argc) {
			if (lt_parse_latencies(argv[++i], &ro))
				lt_fail("--latency", 0,
					"want up to 8 comma-separated ns, "
					"1..100000");
		} else if (argv[i][0] == '-' || trace_path)
			lt_fail(argv[i], 0,
				"unknown option or extra argument "
				"(--help)");
		else
			trace_path = argv[i];
	}
	if (!map_path || !trace_path)
		lt_fail("linetrace-analyse", 0,
			"give --map MAP and TRACE (--help)");
	if (out_path && strcmp(out_path, "-") &&
	    swtlb_out_check(out_path, err, sizeof(err)))
		lt_fail("--out", 0, err);
	if (out_path && !strcmp(out_path, "-"))
		out_path = NULL;
	lt_read_map(&m, map_path);
	read_trace(&m);
	/* The whole report, then one write: never half a file. */
	mem = open_memstream(&buf, &len);
	if (!mem)
		lt_fail("linetrace-analyse", 0, "out of memory");
	lt_report(&run, &ro, mem);
	if (fclose(mem) ||
	    swtlb_out_replace(out_path, buf, len, err, sizeof(err)))
		lt_fail("--out", 0, err);
	free(buf);
	free(m.sym);
	free(m.locked);
	free(run.acc);
	free(run.ops);
	free(run.lines);
	free(slot_of);
	return 0;
}
