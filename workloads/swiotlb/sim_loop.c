/* SPDX-License-Identifier: GPL-2.0-only */
/* workloads/swiotlb/sim_loop.c: swtlb-sim's loop scenario (--scenario
 * loop), swtlb-bench's measured loop on the engine of sim_engine.c. */
#include <stdbool.h>
#include <stdlib.h>

#include "pool/swiotlb.h"
#include "workloads/swiotlb/sim_engine_int.h"

/*
 * --scenario loop: swtlb-bench's measured loop with every CPU always
 * running. Each virtual CPU keeps a FIFO of `inflight` mappings and
 * alternates "unmap the oldest" and "map a new one"; at each step a CPU
 * drawn uniformly does its next operation, so operations of different CPUs
 * interleave one by one (saturation, random arbitration). Stops after
 * `ios` maps; periodic() runs every `period_us` maps instead of time.
 */
void sim_run_loop(struct sim *s, struct swtlb_scheme_ctx *ctx)
{
	unsigned int n = s->cfg->ncpus, depth = s->cfg->inflight;
	struct seg *fifo = calloc((size_t)n * depth, sizeof(*fifo));
	unsigned int *head = calloc(n, sizeof(*head)), *len = calloc(n, 4);
	bool *unmap_next = calloc(n, sizeof(*unmap_next));
	uint64_t period = s->cfg->params.period_us, filled = 0;

	for (uint64_t maps = 0;
	     fifo && head && len && unmap_next && maps < s->cfg->ios;) {
		uint32_t cpu = (uint32_t)sim_rand_range(s, 0, n - 1);
		struct seg *q = &fifo[(size_t)cpu * depth];

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
