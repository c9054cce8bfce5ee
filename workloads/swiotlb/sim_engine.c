/* SPDX-License-Identifier: GPL-2.0-only */
/* workloads/swiotlb/sim_engine.c: swtlb-sim's swiotlb model, its event loop
 * over the real pool (sim_engine.h); the loop scenario is in sim_loop.c,
 * the trace writer in sim_trace.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bench/common/trace.h"
#include "pool/swiotlb.h"
#include "workloads/swiotlb/sim_engine.h"
#include "workloads/swiotlb/sim_engine_int.h"

#define NO_STREAM UINT32_MAX

static bool ev_before(const struct event *a, const struct event *b)
{
	return a->t != b->t ? a->t < b->t : a->seq < b->seq;
}

static void push(struct sim *s, uint64_t t, enum ev_type type, uint32_t arg,
		 struct io *io)
{
	size_t i;

	if (s->hlen == s->hcap) {
		size_t cap = s->hcap ? 2 * s->hcap : 1024;
		struct event *h = realloc(s->heap, cap * sizeof(*h));

		if (!h) {
			s->oom = true;
			free(io);
			return;
		}
		s->heap = h;
		s->hcap = cap;
	}
	i = s->hlen++;
	s->heap[i] = (struct event){t, s->seq++, type, arg, io};
	while (i > 0 && ev_before(&s->heap[i], &s->heap[(i - 1) / 2])) {
		struct event tmp = s->heap[i];

		s->heap[i] = s->heap[(i - 1) / 2];
		s->heap[(i - 1) / 2] = tmp;
		i = (i - 1) / 2;
	}
}

static struct event pop(struct sim *s)
{
	struct event top = s->heap[0];
	size_t i = 0;

	s->heap[0] = s->heap[--s->hlen];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;

		if (l < s->hlen && ev_before(&s->heap[l], &s->heap[m]))
			m = l;
		if (r < s->hlen && ev_before(&s->heap[r], &s->heap[m]))
			m = r;
		if (m == i)
			break;
		struct event tmp = s->heap[i];
		s->heap[i] = s->heap[m];
		s->heap[m] = tmp;
		i = m;
	}
	return top;
}

uint64_t sim_rand_range(struct sim *s, uint64_t lo, uint64_t hi)
{
	uint64_t r = swtlb_sizes_rand(&s->rng);

	return hi > lo ? lo + r % (hi - lo + 1) : lo;
}

static void log_op(struct sim *s, bool map, uint32_t id, uint32_t cpu,
		   uint64_t orig, uint32_t size)
{
	struct sim_oplog *l = s->oplog;

	if (!l || l->oom)
		return;
	if (l->len == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 4096;
		struct sim_op *ops = realloc(l->ops, cap * sizeof(*ops));

		if (!ops) {
			l->oom = true;
			return;
		}
		l->ops = ops;
		l->cap = cap;
	}
	l->ops[l->len++] = (struct sim_op){map, id, cpu, size, orig};
}

/* What the pool counts for a map: nr_slots(size + offset), no alignment. */
static uint32_t map_nslots(const struct sim *s, uint64_t orig, uint32_t size)
{
	uint64_t offset = orig & s->dev.min_align_mask & (IO_TLB_SIZE - 1);

	return (uint32_t)((size + offset + IO_TLB_SIZE - 1) >> IO_TLB_SHIFT);
}

static void account(struct sim *s, const struct seg *g, bool map)
{
	if (map) {
		s->used_now += g->nslots;
		s->area_used[g->area] += g->nslots;
		if (s->used_now > s->res->truth)
			s->res->truth = s->used_now;
		if (s->area_used[g->area] > s->area_max[g->area])
			s->area_max[g->area] = s->area_used[g->area];
	} else {
		s->used_now -= g->nslots;
		s->area_used[g->area] -= g->nslots;
	}
}

/* The slot-array entries a map or unmap touches: its own, the entry before
 * (the free run it shortens or extends) and the one after (read by a
 * release's merge), each only inside the same 128-slot segment. */
void sim_observe(struct sim *s, uint32_t cpu, int kind, uint64_t tlb,
		 uint32_t nslots, bool done)
{
	const struct sim_observer *o = s->cfg->observer;
	uint64_t first;
	unsigned int before, after;

	if (!o)
		return;
	if (!done) {
		o->begin(o->arg, cpu, kind);
		return;
	}
	if (tlb != DMA_MAPPING_ERROR) {
		/* The free-run walks stop at a segment (128 slots) boundary. */
		first = (tlb - swtlb_start(s->pool)) >> IO_TLB_SHIFT;
		before = first % IO_TLB_SEGSIZE != 0;
		after = (first + nslots) % IO_TLB_SEGSIZE != 0;
		o->slots(o->arg, first - before, nslots + before + after);
	}
	o->end(o->arg);
}

void sim_observe_warm(struct sim *s)
{
	if (s->scheme && s->scheme->stats)
		s->scheme->stats(swtlb_scheme_ctx(s->pool), s->res->warm_stats,
				 sizeof(s->res->warm_stats));
	if (s->cfg->observer)
		s->cfg->observer->warm(s->cfg->observer->arg);
}

void sim_unmap_seg(struct sim *s, const struct seg *g, uint32_t cpu)
{
	sim_observe(s, cpu, 1, g->tlb, g->nslots, false);
	swtlb_unmap(s->pool, &s->dev, cpu, g->tlb, g->size, DMA_TO_DEVICE, 0);
	sim_observe(s, cpu, 1, g->tlb, g->nslots, true);
	log_op(s, false, g->id, cpu, 0, 0);
	account(s, g, false);
	s->res->unmaps++;
}

/* A big I/O is over (done or failed): the next one, or the end. */
static void after_big(struct sim *s)
{
	if (s->big_issued >= s->cfg->big_count)
		s->stop_issuing = true;
	else
		push(s, s->now + s->cfg->big_gap_ns, EV_BIG, 0, NULL);
}

/* Maps one segment of `len` bytes on `cpu` into *g; false if it failed
 * (counted in map_failures). */
bool sim_map_seg(struct sim *s, uint32_t cpu, uint32_t len, struct seg *g)
{
	unsigned long area_nslabs = s->cfg->nslabs / s->cfg->nareas;
	uint32_t id = s->next_id++;
	uint64_t orig = ((uint64_t)id + 1) << 18;
	uint64_t tlb;

	sim_observe(s, cpu, 0, 0, 0, false);
	tlb = swtlb_map(s->pool, &s->dev, cpu, orig, len, 0, DMA_TO_DEVICE, 0);
	sim_observe(s, cpu, 0, tlb, map_nslots(s, orig, len), true);
	log_op(s, true, id, cpu, orig, len);
	if (tlb == DMA_MAPPING_ERROR) {
		s->res->map_failures++;
		return false;
	}
	*g = (struct seg){
	    tlb, len, map_nslots(s, orig, len), id,
	    (uint32_t)(((tlb - swtlb_start(s->pool)) >> IO_TLB_SHIFT) /
		       area_nslabs)};
	account(s, g, true);
	s->res->maps++;
	return true;
}

/* Issues one I/O on `cpu`; false if it failed to map. */
static bool issue(struct sim *s, uint32_t cpu, uint32_t stream, bool big)
{
	size_t size =
	    big ? s->cfg->big : swtlb_sizes_draw(&s->cfg->sizes, &s->rng);
	unsigned int nseg =
	    (unsigned int)((size + s->max_seg - 1) / s->max_seg);
	uint64_t svc =
	    big ? s->cfg->big_svc_ns
		: sim_rand_range(s, s->cfg->svc_lo_ns, s->cfg->svc_hi_ns);
	struct io *io = malloc(sizeof(*io) + nseg * sizeof(io->seg[0]));

	if (!io) {
		s->oom = true;
		return false;
	}
	*io = (struct io){cpu, stream, big, 0};
	s->issued++;
	for (size_t off = 0; off < size; off += s->max_seg) {
		struct seg *g = &io->seg[io->nseg];
		uint32_t len = (uint32_t)(size - off < s->max_seg ? size - off
								  : s->max_seg);

		if (!sim_map_seg(s, cpu, len, g)) {
			/* The I/O fails: release what it holds. */
			for (unsigned int k = 0; k < io->nseg; k++)
				sim_unmap_seg(s, &io->seg[k], cpu);
			free(io);
			/* A failed big I/O counts as done: the next one
			 * follows, so a pool too small still terminates. */
			if (big)
				after_big(s);
			else
				push(s, s->now + svc, EV_ISSUE, stream, NULL);
			return false;
		}
		io->nseg++;
	}
	push(s, s->now + svc, EV_COMPLETE, stream, io);
	return true;
}

static void maybe_issue(struct sim *s, uint32_t stream)
{
	if (s->stop_issuing)
		return;
	if (!s->cfg->mkelley && s->issued >= s->cfg->ios) {
		s->stop_issuing = true;
		return;
	}
	issue(s, stream / s->cfg->inflight, stream, false);
}

static void complete(struct sim *s, struct io *io)
{
	uint32_t cpu = io->cpu;

	if (s->cfg->ncpus > 1 &&
	    sim_rand_range(s, 0, 99) < (uint64_t)s->cfg->remote_pct)
		cpu =
		    (uint32_t)((cpu + sim_rand_range(s, 1, s->cfg->ncpus - 1)) %
			       s->cfg->ncpus);
	for (unsigned int k = 0; k < io->nseg; k++)
		sim_unmap_seg(s, &io->seg[k], cpu);
	s->res->ios_done++;
	if (io->big) {
		after_big(s);
	} else {
		maybe_issue(s, io->stream);
	}
	free(io);
}

static void big_issue(struct sim *s)
{
	uint32_t cpu = s->big_issued % s->cfg->ncpus;

	if (s->big_issued >= s->cfg->big_count) {
		s->stop_issuing = true;
		return;
	}
	s->big_issued++;
	issue(s, cpu, NO_STREAM, true);
}

static void run_events(struct sim *s, struct swtlb_scheme_ctx *ctx)
{
	uint64_t period = (uint64_t)s->cfg->params.period_us * 1000;
	size_t periodic_pending = 0;

	if (s->scheme->periodic && period) {
		push(s, period, EV_PERIODIC, 0, NULL);
		periodic_pending = 1;
	}
	bool warm = false;

	while (s->hlen > 0 && !s->oom) {
		struct event ev = pop(s);

		s->now = ev.t;
		if (!warm && s->now > s->cfg->svc_hi_ns) {
			warm = true;
			sim_observe_warm(s);
		}
		switch (ev.type) {
		case EV_ISSUE:
			maybe_issue(s, ev.arg);
			break;
		case EV_COMPLETE:
			complete(s, ev.io);
			break;
		case EV_BIG:
			if (!s->stop_issuing)
				big_issue(s);
			break;
		case EV_PERIODIC:
			/* A kernel worker's pass, on CPU 0. */
			sim_observe(s, 0, 2, 0, 0, false);
			s->scheme->periodic(ctx);
			sim_observe(s, 0, 2, DMA_MAPPING_ERROR, 0, true);
			/* Keep sampling while anything else is pending. */
			if (s->hlen > 0)
				push(s, s->now + period, EV_PERIODIC, 0, NULL);
			break;
		}
	}
	(void)periodic_pending;
	/* Anything left (only after out of memory): release it. */
	while (s->hlen > 0) {
		struct event ev = pop(s);

		if (ev.type == EV_COMPLETE) {
			for (unsigned int k = 0; k < ev.io->nseg; k++)
				sim_unmap_seg(s, &ev.io->seg[k], ev.io->cpu);
			free(ev.io);
		}
	}
}

int sim_run(const struct sim_config *cfg, const struct swtlb_scheme_ops *scheme,
	    struct sim_result *res, struct sim_oplog *oplog, char *err,
	    size_t errlen)
{
	struct swtlb_config pc = {
	    .nslabs = cfg->nslabs,
	    .nareas = cfg->nareas,
	    .kconfig = SWTLB_DYNAMIC_OFF,
	    .area_layout =
		cfg->padded_areas ? SWTLB_AREAS_PADDED : SWTLB_AREAS_PACKED,
	    .scheme = scheme,
	    .scheme_params = cfg->params,
	    .start = SWTLB_DEFAULT_START,
	    .bounce = false, /* made-up orig addresses: no copy */
	};
	struct sim s = {.cfg = cfg,
			.scheme = scheme,
			.res = res,
			.oplog = oplog,
			.rng = cfg->seed};
	struct swtlb_scheme_ctx *ctx;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	s.dev.min_align_mask = cfg->min_align_mask;
	s.dev.seg_boundary_mask = ~0UL;
	s.pool = swtlb_create(&pc, err, errlen);
	if (!s.pool)
		return -1;
	s.max_seg = swtlb_max_mapping_size(&s.dev);
	s.area_used = calloc(cfg->nareas, sizeof(*s.area_used));
	s.area_max = calloc(cfg->nareas, sizeof(*s.area_max));
	if (!s.area_used || !s.area_max || s.max_seg == 0) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	ctx = swtlb_scheme_ctx(s.pool);
	if (cfg->observer)
		cfg->observer->pool(cfg->observer->arg, ctx);

	for (uint32_t st = 0; st < cfg->ncpus * cfg->inflight; st++)
		push(&s, 0, EV_ISSUE, st, NULL);
	if (cfg->mkelley)
		/* Big I/Os once the background is in steady state. */
		push(&s, 2 * cfg->svc_hi_ns + 1, EV_BIG, 0, NULL);
	if (cfg->loop)
		sim_run_loop(&s, ctx);
	else
		run_events(&s, ctx);
	if (s.oom || (oplog && oplog->oom)) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}

	/* Everything was unmapped: the pool must be back to empty. */
	for (unsigned int a = 0; a < cfg->nareas; a++) {
		if (swtlb_area_used(s.pool, a) != 0 || s.area_used[a] != 0) {
			snprintf(err, errlen,
				 "internal error: area %u still uses %lu slots",
				 a, swtlb_area_used(s.pool, a));
			goto out;
		}
		res->area_hiwater_sum += s.area_max[a];
	}
	if (swtlb_check_invariants(s.pool, err, errlen) != 0)
		goto out;
	res->has_hiwater = swtlb_hiwater(s.pool, &res->reported);
	if (scheme && scheme->stats)
		scheme->stats(ctx, res->stats, sizeof(res->stats));
	res->virtual_ns = s.now;
	rc = 0;
out:
	free(s.heap);
	free(s.area_used);
	free(s.area_max);
	swtlb_destroy(s.pool);
	return rc;
}
