/* SPDX-License-Identifier: GPL-2.0-only */
/* workloads/swiotlb/sim_loop.c: swtlb-sim's loop scenario (--scenario
 * loop), swtlb-bench's measured loop on the engine of sim_engine.c. */
#include <stdbool.h>
#include <stdlib.h>

#include "pool/swiotlb.h"
#include "workloads/swiotlb/sim_engine_int.h"

/*
 * Who goes next. Untimed (no --model): a CPU drawn uniformly, so
 * operations of different CPUs interleave one by one at random. Timed
 * (--model): every CPU runs all the time, as swtlb-bench's threads do; each
 * has a virtual clock that its operations advance by their modelled
 * duration (the coherence model's base cost plus the transfers it waited
 * for), and the CPU whose clock is earliest goes next. So between two
 * operations of one CPU every other CPU does about as many as fit in that
 * time, and a line two CPUs both touch moves on about every visit, as it
 * does when threads really run at once. Clocks start spread over 100 ns.
 */
struct loop_clocks {
	double *t;	/* per CPU, ns */
	uint32_t *heap; /* CPU ids, earliest first (ties: lower id) */
	unsigned int n;
};

static bool clock_before(const struct loop_clocks *c, uint32_t a, uint32_t b)
{
	return c->t[a] < c->t[b] || (c->t[a] == c->t[b] && a < b);
}

static void clock_sift_down(struct loop_clocks *c, unsigned int i)
{
	for (;;) {
		unsigned int l = 2 * i + 1, r = l + 1, min = i;
		uint32_t tmp;

		if (l < c->n && clock_before(c, c->heap[l], c->heap[min]))
			min = l;
		if (r < c->n && clock_before(c, c->heap[r], c->heap[min]))
			min = r;
		if (min == i)
			return;
		tmp = c->heap[i];
		c->heap[i] = c->heap[min];
		c->heap[min] = tmp;
		i = min;
	}
}

static void clock_heapify(struct loop_clocks *c)
{
	for (unsigned int i = c->n / 2; i-- > 0;)
		clock_sift_down(c, i);
}

static bool clocks_init(struct sim *s, struct loop_clocks *c, unsigned int n)
{
	c->n = n;
	c->t = calloc(n, sizeof(*c->t));
	c->heap = calloc(n, sizeof(*c->heap));
	if (!c->t || !c->heap)
		return false;
	for (uint32_t i = 0; i < n; i++) {
		c->t[i] = 0.1 * (double)sim_rand_range(s, 0, 999);
		c->heap[i] = i;
	}
	clock_heapify(c);
	return true;
}

/* The next CPU: the earliest clock (timed) or a uniform draw. */
static uint32_t loop_pick(struct sim *s, const struct loop_clocks *c)
{
	return c ? c->heap[0]
		 : (uint32_t)sim_rand_range(s, 0, s->cfg->ncpus - 1);
}

/* `cpu` (the heap's top) did an operation that took s->last_op_ns. */
static void loop_advance(struct sim *s, struct loop_clocks *c, uint32_t cpu)
{
	if (!c)
		return;
	c->t[cpu] += s->last_op_ns;
	if (c->heap[0] == cpu)
		clock_sift_down(c, 0);
	else
		clock_heapify(c);
}

/*
 * --scenario loop: swtlb-bench's measured loop with every CPU always
 * running. Each virtual CPU keeps a FIFO of `inflight` mappings and
 * alternates "unmap the oldest" and "map a new one"; loop_pick() says which
 * CPU does its next operation. Stops after `ios` maps; periodic() runs
 * every `period_us` maps instead of time (on CPU 0, whose clock it takes).
 */
void sim_run_loop(struct sim *s, struct swtlb_scheme_ctx *ctx)
{
	unsigned int n = s->cfg->ncpus, depth = s->cfg->inflight;
	struct seg *fifo = calloc((size_t)n * depth, sizeof(*fifo));
	unsigned int *head = calloc(n, sizeof(*head)), *len = calloc(n, 4);
	bool *unmap_next = calloc(n, sizeof(*unmap_next));
	uint64_t period = s->cfg->params.period_us, filled = 0;
	struct loop_clocks clocks = {0}, *timed = NULL;

	if (s->cfg->observer)
		timed = clocks_init(s, &clocks, n) ? &clocks : NULL;
	if (s->cfg->observer && !timed)
		s->oom = true;
	for (uint64_t maps = 0; !s->oom && fifo && head && len && unmap_next &&
				maps < s->cfg->ios;) {
		uint32_t cpu = loop_pick(s, timed);
		struct seg *q = &fifo[(size_t)cpu * depth];

		if (unmap_next[cpu] && len[cpu] == depth) {
			sim_unmap_seg(s, &q[head[cpu]], cpu);
			loop_advance(s, timed, cpu);
			head[cpu] = (head[cpu] + 1) % depth;
			len[cpu]--;
		} else if (len[cpu] < depth) {
			uint32_t size =
			    (uint32_t)swtlb_sizes_draw(&s->cfg->sizes, &s->rng);
			struct seg *g = &q[(head[cpu] + len[cpu]) % depth];
			bool mapped = sim_map_seg(s, cpu, size, g);

			loop_advance(s, timed, cpu);
			/* Warm once every CPU has filled its FIFO: its first
			 * unmap is about to come (head still 0). */
			if (mapped && ++len[cpu] == depth && head[cpu] == 0 &&
			    ++filled == n)
				sim_observe_warm(s);
			maps++;
			if (s->scheme->periodic && period &&
			    maps % period == 0) {
				sim_observe(s, 0, 2, 0, 0, false);
				s->scheme->periodic(ctx);
				sim_observe(s, 0, 2, DMA_MAPPING_ERROR, 0,
					    true);
				loop_advance(s, timed, 0);
			}
		}
		unmap_next[cpu] = !unmap_next[cpu];
	}
	if (!fifo || !head || !len || !unmap_next)
		s->oom = true;
	for (unsigned int c = 0; !s->oom && c < n; c++)
		for (; len[c]; len[c]--, head[c] = (head[c] + 1) % depth)
			sim_unmap_seg(s, &fifo[(size_t)c * depth + head[c]], c);
	free(clocks.t);
	free(clocks.heap);
	free(fifo);
	free(head);
	free(len);
	free(unmap_next);
}
