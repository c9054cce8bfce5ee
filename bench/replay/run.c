/* SPDX-License-Identifier: GPL-2.0-only */
/* bench/replay/run.c: see run.h. */
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench/replay/run.h"
#include "counters/scheme.h"

/* CPU ids at or above this are renumbered for the scheme (see below). */
#define DENSE_CPU_LIMIT 4096U

static void out(struct swtlb_replay_out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->oom)
		return;
	if (o->cap - o->len < 128) {
		size_t cap = o->cap ? o->cap * 2 : 1 << 16;
		char *d = realloc(o->data, cap);

		if (!d) {
			o->oom = true;
			return;
		}
		o->data = d;
		o->cap = cap;
	}
	va_start(ap, fmt);
	n = vsnprintf(o->data + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->cap - o->len)
		o->oom = true; /* lines are far shorter than 128 bytes */
	else
		o->len += n;
}

/*
 * Per-CPU schemes size their arrays by params.ncpus. A trace may use CPU
 * ids up to 2^31 - 1; when the largest is DENSE_CPU_LIMIT or more, ids are
 * renumbered densely keeping their low log2(nareas) bits, which are all
 * the pool looks at (cpu & (nareas - 1)): the allocator's decisions and the
 * output do not change, only the scheme sees smaller numbers.
 */
static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static uint32_t *dense_cpus(const struct swtlb_trace *t, unsigned int *ncpus)
{
	unsigned int shift = 0;
	uint32_t *hi, *ids;
	size_t n = 0, k = 0;

	while ((1U << shift) < t->nareas)
		shift++;
	if (t->max_cpu < DENSE_CPU_LIMIT) {
		*ncpus = t->max_cpu + 1;
		return NULL;
	}
	hi = malloc((t->nrecs + 1) * sizeof(*hi));
	ids = malloc((t->nrecs + 1) * sizeof(*ids));
	if (!hi || !ids) {
		free(hi);
		free(ids);
		*ncpus = 0;
		return NULL;
	}
	for (size_t i = 0; i < t->nrecs; i++)
		if (t->recs[i].op == SWTLB_TRACE_MAP)
			hi[n++] = t->recs[i].cpu >> shift;
	qsort(hi, n, sizeof(*hi), cmp_u32);
	for (size_t i = 0; i < n; i++)
		if (!k || hi[k - 1] != hi[i])
			hi[k++] = hi[i];
	for (size_t i = 0; i < t->nrecs; i++) {
		uint32_t cpu = t->recs[i].cpu, *pos;

		if (t->recs[i].op != SWTLB_TRACE_MAP)
			continue;
		pos = bsearch(&(uint32_t){cpu >> shift}, hi, k, sizeof(*hi),
			      cmp_u32);
		ids[i] =
		    ((uint32_t)(pos - hi) << shift) | (cpu & (t->nareas - 1));
	}
	free(hi);
	*ncpus = (unsigned int)(k << shift);
	return ids;
}

int swtlb_replay_run(const char *path, const struct swtlb_trace *t,
		     const struct swtlb_config *base, bool report_hiwater,
		     struct swtlb_replay_out *o)
{
	struct swtlb_config cfg = *base;
	char why[256] = "";
	struct swtlb *pool;
	uint64_t *tlb;
	uint32_t *cpus;
	unsigned long total = 0, hiwater;

	cpus = dense_cpus(t, &cfg.scheme_params.ncpus);
	if (!cfg.scheme_params.ncpus) {
		fprintf(stderr, "swtlb-replay: out of memory\n");
		return 2;
	}
	cfg.nslabs = t->nslabs;
	cfg.nareas = t->nareas;
	pool = swtlb_create(&cfg, why, sizeof(why));
	tlb = calloc(t->nrecs + 1, sizeof(*tlb));
	if (!pool || !tlb) {
		fprintf(stderr, "%s:%lu: pool: %s\n", path, t->pool_line,
			pool ? "out of memory" : why);
		swtlb_destroy(pool);
		free(tlb);
		free(cpus);
		return 2;
	}

	for (size_t i = 0; i < t->nrecs; i++) {
		const struct swtlb_trace_rec *r = &t->recs[i];

		if (r->op == SWTLB_TRACE_MAP) {
			struct swtlb_dev dev = {r->min_align_mask, ULONG_MAX};
			unsigned int cpu = cpus ? cpus[i] : r->cpu;

			tlb[i] =
			    swtlb_map(pool, &dev, cpu, r->orig_addr, r->size,
				      r->alloc_align_mask, DMA_TO_DEVICE, 0);
			if (tlb[i] == DMA_MAPPING_ERROR)
				out(o, "map %" PRIu32 " fail\n", r->id);
			else
				out(o, "map %" PRIu32 " 0x%" PRIx64 "\n", r->id,
				    tlb[i] - cfg.start);
		} else {
			const struct swtlb_trace_rec *m = &t->recs[r->map_rec];
			struct swtlb_dev dev = {m->min_align_mask, ULONG_MAX};
			unsigned int cpu = cpus ? cpus[r->map_rec] : m->cpu;

			/* A failed map's unmap is legal and does nothing. */
			if (tlb[r->map_rec] != DMA_MAPPING_ERROR)
				swtlb_unmap(pool, &dev, cpu, tlb[r->map_rec],
					    m->size, DMA_TO_DEVICE, 0);
			out(o, "unmap %" PRIu32 "\n", r->id);
		}
	}

	for (unsigned int a = 0; a < t->nareas; a++)
		total += swtlb_area_used(pool, a);
	out(o, "used %lu", total);
	for (unsigned int a = 0; a < t->nareas; a++)
		out(o, " %lu", swtlb_area_used(pool, a));
	out(o, "\n");
	if (report_hiwater && swtlb_hiwater(pool, &hiwater))
		out(o, "hiwater %lu\n", hiwater);

	swtlb_destroy(pool);
	free(tlb);
	free(cpus);
	return 0;
}
