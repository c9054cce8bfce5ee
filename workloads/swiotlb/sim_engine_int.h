/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/swiotlb/sim_engine_int.h: what sim_engine.c and sim_loop.c
 * share: the simulation's state and the map and unmap steps on the pool.
 */
#ifndef SWTLB_WORKLOADS_SWIOTLB_SIM_ENGINE_INT_H
#define SWTLB_WORKLOADS_SWIOTLB_SIM_ENGINE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pool/swiotlb.h"
#include "workloads/swiotlb/sim_engine.h"

enum ev_type { EV_ISSUE, EV_COMPLETE, EV_PERIODIC, EV_BIG };

struct seg {
	uint64_t tlb;
	uint32_t size, nslots, id, area;
};

struct io {
	uint32_t cpu, stream;
	bool big;
	unsigned int nseg;
	struct seg seg[];
};

struct event {
	uint64_t t, seq;
	enum ev_type type;
	uint32_t arg; /* stream of EV_ISSUE */
	struct io *io;
};

struct sim {
	const struct sim_config *cfg;
	const struct swtlb_scheme_ops *scheme;
	struct swtlb *pool;
	struct swtlb_dev dev;
	size_t max_seg;
	uint64_t rng, now, seq;
	struct event *heap;
	size_t hlen, hcap;
	unsigned long used_now, *area_used, *area_max;
	uint32_t next_id;
	uint64_t issued;
	unsigned int big_issued;
	bool stop_issuing, oom;
	struct sim_result *res;
	struct sim_oplog *oplog;
};

/* sim_engine.c */
uint64_t sim_rand_range(struct sim *s, uint64_t lo, uint64_t hi);
void sim_observe(struct sim *s, uint32_t cpu, int kind, uint64_t tlb,
		 uint32_t nslots, bool done);
void sim_observe_warm(struct sim *s);
void sim_unmap_seg(struct sim *s, const struct seg *g, uint32_t cpu);
bool sim_map_seg(struct sim *s, uint32_t cpu, uint32_t len, struct seg *g);

/* sim_loop.c */
void sim_run_loop(struct sim *s, struct swtlb_scheme_ctx *ctx);

#endif /* SWTLB_WORKLOADS_SWIOTLB_SIM_ENGINE_INT_H */
