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
 * (--model): every CPU runs all the time, as swtlb-bench's threads do; the
 * coherence model keeps virtual time (bench/sim/model_timed.c) and the CPU
 * whose operation ends first goes next. Clocks start spread over 100 ns.
 */
static bool loop_timed_start(struct sim *s)
{
	const struct sim_observer *o = s->cfg->observer;
	unsigned int n = s->cfg->ncpus;
	double *start;
	int rc;

	if (!o || !o->timed_start)
		return false;
	start = calloc(n, sizeof(*start));
	if (!start) {
		s->oom = true;
		return false;
	}
	for (unsigned int c = 0; c < n; c++)
		start[c] = 0.1 * (double)sim_rand_range(s, 0, 999);
	rc = o->timed_start(o->arg, start);
	free(start);
	if (rc)
		s->oom = true;
	return rc == 0;
}

/* The next CPU, or -1 (the model failed). */
static int loop_pick(struct sim *s, bool timed)
{
	const struct sim_observer *o = s->cfg->observer;

	if (timed)
		return o->next_cpu(o->arg);
	return (int)sim_rand_range(s, 0, s->cfg->ncpus - 1);
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
	bool timed = loop_timed_start(s);

	for (uint64_t maps = 0; !s->oom && fifo && head && len && unmap_next &&
				maps < s->cfg->ios;) {
		int picked = loop_pick(s, timed);
		uint32_t cpu = (uint32_t)picked;
		struct seg *q = &fifo[(size_t)cpu * depth];

		if (picked < 0) {
			s->oom = true;
			break;
		}
		/* Timed, a CPU is never idle: a full FIFO unmaps. */
		if (timed && len[cpu] == depth)
			unmap_next[cpu] = true;
		if (unmap_next[cpu] && len[cpu] == depth) {
			sim_unmap_seg(s, &q[head[cpu]], cpu);
			head[cpu] = (head[cpu] + 1) % depth;
			len[cpu]--;
		} else if (len[cpu] < depth) {
			uint32_t size =
			    (uint32_t)swtlb_sizes_draw(&s->cfg->sizes, &s->rng);
			struct seg *g = &q[(head[cpu] + len[cpu]) % depth];

			/* Warm once every CPU has filled its FIFO: its first
			 * unmap is about to come (head still 0). */
			if (sim_map_seg(s, cpu, size, g) &&
			    ++len[cpu] == depth && head[cpu] == 0 &&
			    ++filled == n)
				sim_observe_warm(s);
			maps++;
			if (s->scheme->periodic && period &&
			    maps % period == 0) {
				sim_observe(s, 0, 2, 0, 0, false);
				s->scheme->periodic(ctx);
				sim_observe(s, 0, 2, DMA_MAPPING_ERROR, 0,
					    true);
			}
		}
		unmap_next[cpu] = !unmap_next[cpu];
	}
	if (timed)
		s->cfg->observer->drain(s->cfg->observer->arg);
	if (!fifo || !head || !len || !unmap_next)
		s->oom = true;
	for (unsigned int c = 0; !s->oom && c < n; c++)
		for (; len[c]; len[c]--, head[c] = (head[c] + 1) % depth)
			sim_unmap_seg(s, &fifo[(size_t)c * depth + head[c]], c);
	free(fifo);
	free(head);
	free(len);
	free(unmap_next);
}
