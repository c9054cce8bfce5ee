// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/linetrace/report.c: the analyser's tables, per op kind (map; sync:
 * the unmap up to swiotlb_tbl_unmap_single's pool; unmap: the rest), for
 * the lines both vcpus touch (docs/linetrace.md).
 */
#include <stdlib.h>
#include <string.h>

#include "tools/linetrace/report.h"

static const char *const phase_name[LT_NPHASES] = {"map", "sync", "unmap"};
static const char kind_char[LT_NKINDS] = {'L', 'S', 'M', 'X'};

/* struct io_tlb_mem, CONFIG_SWIOTLB_DYNAMIC=n, x86_64 (pool/layout.h). */
static const struct {
	unsigned int off, size;
	const char *name;
} mem_fields[] = {
    {0, 8, "start"},	     {8, 8, "end"},
    {16, 8, "vaddr"},	     {24, 8, "pool.nslabs"},
    {32, 1, "late_alloc"},   {36, 4, "nareas"},
    {40, 4, "area_nslabs"},  {48, 8, "areas"},
    {56, 8, "slots"},	     {64, 8, "nslabs"},
    {72, 8, "debugfs"},	     {80, 1, "force_bounce"},
    {81, 1, "for_alloc"},    {88, 8, "total_used"},
    {96, 8, "used_hiwater"}, {104, 8, "transient_nslabs"},
};

int lt_parse_latencies(const char *s, struct lt_report_opts *o)
{
	struct lt_report_opts n = *o;
	char *end;

	n.nlatency = 0;
	for (;;) {
		double v = strtod(s, &end);

		if (end == s || !(v >= 1 && v <= 100000) ||
		    n.nlatency == LT_MAX_LATENCIES)
			return -1;
		n.latency[n.nlatency++] = v;
		if (*end == '\0')
			break;
		if (*end != ',')
			return -1;
		s = end + 1;
	}
	*o = n;
	return 0;
}

/* The field at byte off of a named region's line, or NULL. */
static const char *field_at(const struct lt_run *r, const char *name,
			    unsigned long off, char *buf, size_t len)
{
	if (!strncmp(name, "io_tlb_mem+", 11)) {
		for (size_t i = 0; i < sizeof(mem_fields) / sizeof(*mem_fields);
		     i++)
			if (off >= mem_fields[i].off &&
			    off < mem_fields[i].off + mem_fields[i].size)
				return mem_fields[i].name;
		return NULL;
	}
	if (!strncmp(name, "areas+", 6)) {
		unsigned int hw = !strcmp(r->scheme, "area-hiwater");
		unsigned int stride = !strcmp(r->areas, "padded") ? 64
				      : hw			  ? 24
								  : 16;
		unsigned int f = (unsigned int)(off % stride);

		snprintf(buf, len, "area%lu.%s", off / stride,
			 f < 8		   ? "used"
			 : hw && f < 16	   ? "used_hiwater"
			 : f < 12 + 8 * hw ? "index"
			 : f < 16 + 8 * hw ? "lock"
					   : "pad");
		return buf;
	}
	return NULL;
}

/* "field(kinds) ..." for a shared line: which bytes were touched how. */
static void fields_touched(const struct lt_run *r, const struct lt_line *l,
			   FILE *out)
{
	const char *plus = strchr(l->name, '+');
	unsigned long base = plus ? strtoul(plus + 1, NULL, 16) : 0;
	char prev[64] = "", buf[64], kinds[LT_NKINDS + 1], run_kinds[8] = "";
	int run_lo = -1, run_hi = -1; /* unnamed bytes, one run per kinds */

	for (unsigned int b = 0; b <= 64; b++) {
		unsigned int n = 0;
		const char *f = NULL;

		for (unsigned int k = 0; b < 64 && k < LT_NKINDS; k++)
			if (l->fields[k] >> b & 1)
				kinds[n++] = kind_char[k];
		kinds[n] = '\0';
		if (n && b < l->region_bytes)
			f = field_at(r, l->name, base + b, buf, sizeof(buf));
		for (unsigned int x = 0; n && !f && x < l->nnext; x++)
			if (b >= l->next[x].lo && b < l->next[x].hi)
				f = l->next[x].name;
		if (n && !f && run_hi == (int)b - 1 &&
		    !strcmp(kinds, run_kinds)) {
			run_hi = (int)b;
			continue;
		}
		if (run_lo >= 0 && run_hi > run_lo)
			fprintf(out, " +%d..%d(%s)", run_lo, run_hi, run_kinds);
		else if (run_lo >= 0)
			fprintf(out, " +%d(%s)", run_lo, run_kinds);
		run_lo = -1;
		if (!n)
			continue;
		if (!f) {
			run_lo = run_hi = (int)b;
			snprintf(run_kinds, sizeof(run_kinds), "%s", kinds);
			prev[0] = '\0';
			continue;
		}
		if (strcmp(f, prev))
			fprintf(out, " %s(%s)", f, kinds);
		snprintf(prev, sizeof(prev), "%s", f);
	}
}

/* Per op kind and shared line: accesses by kind, visits (runs of
 * accesses not interrupted by another shared line), span (instructions
 * from the first to the last access in the op). */
static void phase_table(const struct lt_run *r, const uint32_t *id,
			unsigned int nshared, unsigned int ph, FILE *out)
{
	double insns = 0, nops = 0;

	for (size_t i = 0; i < r->nops; i++)
		if ((ph == LT_PH_MAP) == r->ops[i].is_map) {
			insns += r->ops[i].phase_insn[ph];
			nops++;
		}
	if (!nops)
		return;
	fprintf(out, "%-5s %6.1f insns/op\n", phase_name[ph], insns / nops);
	for (unsigned int s = 1; s <= nshared; s++) {
		double cnt[LT_NKINDS] = {0}, visits = 0, span = 0;

		for (size_t i = 0; i < r->nops; i++) {
			const struct lt_op *op = &r->ops[i];
			long first = -1, last = -1, prev = 0;

			if ((ph == LT_PH_MAP) != op->is_map)
				continue;
			for (size_t j = 0; j < op->nacc; j++) {
				const struct lt_acc *a = &r->acc[op->first + j];
				uint32_t sid = id[a->line];

				if (a->phase != ph || !sid)
					continue;
				if (sid == s) {
					cnt[a->kind]++;
					if (prev != (long)s)
						visits++;
					if (first < 0)
						first = a->insn;
					last = a->insn;
				}
				prev = sid;
			}
			if (first >= 0)
				span += (double)(last - first);
		}
		if (cnt[0] + cnt[1] + cnt[2] + cnt[3] == 0)
			continue;
		fprintf(out,
			"      S%-2u L %4.1f  S %4.1f  M %4.1f  X %4.1f  "
			"visits %4.1f  span %6.1f insns\n",
			s, cnt[0] / nops, cnt[1] / nops, cnt[2] / nops,
			cnt[3] / nops, visits / nops, span / nops);
	}
}

/* The order of shared-line accesses in vcpu 0's first op of the kind,
 * runs of one line and kind folded ("S3:X S3:Lx2"); and how many of the
 * kind's ops have another order. */
static void order(const struct lt_run *r, const uint32_t *id, unsigned int ph,
		  FILE *out)
{
	char ref[2048] = "", cur[2048];
	unsigned int differ = 0, n = 0;

	for (size_t i = 0; i < r->nops; i++) {
		const struct lt_op *op = &r->ops[i];
		size_t len = 0;
		uint32_t pl = 0;
		int pk = -1, run = 0;

		if ((ph == LT_PH_MAP) != op->is_map)
			continue;
		cur[0] = '\0';
		for (size_t j = 0; j <= op->nacc; j++) {
			const struct lt_acc *a =
			    j < op->nacc ? &r->acc[op->first + j] : NULL;

			if (a && (a->phase != ph || !id[a->line]))
				continue;
			if (a && id[a->line] == pl && a->kind == pk) {
				run++;
				continue;
			}
			if (pk >= 0 && len + 24 < sizeof(cur))
				len += (size_t)snprintf(
				    cur + len, sizeof(cur) - len,
				    run > 1 ? " S%u:%cx%d" : " S%u:%c", pl,
				    kind_char[pk], run);
			if (!a)
				break;
			pl = id[a->line];
			pk = a->kind;
			run = 1;
		}
		if (!n++)
			snprintf(ref, sizeof(ref), "%s", cur);
		else if (strcmp(ref, cur))
			differ++;
	}
	if (n)
		fprintf(out, "order %-5s%s  (%u of %u ops differ)\n",
			phase_name[ph], ref[0] ? ref : " (none)", differ, n);
}

/* Transfers in the traced order (each op of vcpu 0, then the same op of
 * vcpu 1): a load of a line only the other vcpu holds, a store or RMW of
 * a line the other holds. Per shared line, per pair. */
static void transfers(const struct lt_run *r, const uint32_t *id,
		      unsigned int nshared, FILE *out)
{
	uint8_t *holders = calloc(r->nlines ? r->nlines : 1, 1);
	double *per = calloc(nshared + 1, sizeof(double)),
	       pairs = r->nops / 2.0;
	double total = 0;

	if (!holders || !per)
		goto out;
	for (size_t i = 0; i < r->nops; i++) {
		const struct lt_op *op = &r->ops[i];
		uint8_t me = (uint8_t)(1U << op->vcpu),
			other = (uint8_t)(2U >> op->vcpu);

		for (size_t j = 0; j < op->nacc; j++) {
			const struct lt_acc *a = &r->acc[op->first + j];
			uint8_t *h = &holders[a->line];
			int miss = a->kind == LT_LOAD
				       ? !(*h & me) && (*h & other)
				       : (*h & other) != 0;

			if (miss)
				per[id[a->line]]++;
			*h = a->kind == LT_LOAD ? (uint8_t)(*h | me) : me;
		}
	}
	fprintf(out, "transfers per pair (op-by-op interleaving):");
	for (unsigned int s = 1; s <= nshared; s++) {
		fprintf(out, " S%u %.2f", s, per[s] / pairs);
		total += per[s];
	}
	fprintf(out, "  total %.2f\n", total / pairs);
out:
	free(holders);
	free(per);
}

void lt_report(const struct lt_run *r, const struct lt_report_opts *o,
	       FILE *out)
{
	uint32_t *id = calloc(r->nlines ? r->nlines : 1, sizeof(*id));
	unsigned int nshared = 0;

	if (!id) {
		fprintf(out, "linetrace-analyse: out of memory\n");
		return;
	}
	fprintf(out,
		"== side %s, scheme %s, areas %s, bounce %s: %zu ops, %zu "
		"accesses, %zu lines\n",
		r->side, r->scheme, r->areas, r->bounce, r->nops, r->nacc,
		r->nlines);
	fprintf(out, "shared lines (both vcpus), fields by kind "
		     "(L load, S store, M modify, X locked RMW):\n");
	for (size_t i = 0; i < r->nlines; i++)
		if (lt_shared(r, (uint32_t)i)) {
			id[i] = ++nshared;
			fprintf(out, "  S%-2u %-28s", nshared,
				r->lines[i].name);
			fields_touched(r, &r->lines[i], out);
			fputc('\n', out);
		}
	fprintf(out, "per op and shared line (means per op):\n");
	for (unsigned int ph = 0; ph < LT_NPHASES; ph++)
		phase_table(r, id, nshared, ph, out);
	for (unsigned int ph = 0; ph < LT_NPHASES; ph++)
		order(r, id, ph, out);
	transfers(r, id, nshared, out);
	for (unsigned int i = 0; i < o->nlatency; i++) {
		struct lt_proj p;
		struct lt_proj_opts po = {o->latency[i], o->insn_ns,
					  o->jitter_ns, o->repeat, o->seeds};

		lt_project(r, &po, &p);
		if (p.starved) {
			fprintf(out,
				"projection L=%.0f ns, %.2f ns/insn: a vcpu "
				"finished no op (starved): no figures\n",
				o->latency[i], o->insn_ns);
			free(p.line_transfers);
			continue;
		}
		fprintf(
		    out,
		    "projection L=%.0f ns, %.2f ns/insn: ns/pair %.1f "
		    "(vcpu0 %.1f, vcpu1 %.1f) imbalance %.3f transfers/pair "
		    "%.2f\n",
		    o->latency[i], o->insn_ns, p.ns_pair_mean, p.ns_pair[0],
		    p.ns_pair[1], p.imbalance, p.transfers_pair);
		fprintf(out, "  transfers/pair by line:");
		for (size_t l = 0; p.line_transfers && l < r->nlines; l++)
			if (p.line_transfers[l] >= 0.005)
				fprintf(out, " %s%u %.2f", id[l] ? "S" : "line",
					id[l] ? id[l] : (unsigned int)l,
					p.line_transfers[l]);
		fputc('\n', out);
		free(p.line_transfers);
	}
	free(id);
}
