// SPDX-License-Identifier: GPL-2.0-only
/*
 * workloads/swiotlb/swiotlb.c: the swiotlb workload, an adapter over pool/.
 *
 * One unit is a map+unmap pair: get maps a buffer of the drawn size on the
 * worker's CPU (copying it in when bouncing), put unmaps it (copying back),
 * both through the caller's path (--param caller_path: dma-direct's
 * dma_map_phys()/dma_unmap_phys() by default, see pool/pool_caller.h).
 * The context is the pool itself, so the inlined loop reads no pointer
 * beyond what a hand-written loop over swtlb_map()/swtlb_unmap() reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/common/truth.h"
#include "pool/swiotlb.h"
#include "workloads/loop.h"
#include "workloads/src_set.h"
#include "workloads/swiotlb/params.h"
#include "workloads/workload.h"

/* A worker's in-flight mappings, on cache lines no other thread writes. */
struct swiotlb_thread {
	_Alignas(64) uint64_t *addr; /* tlb address, DMA_MAPPING_ERROR = none */
	size_t *len;
	uint64_t *orig;		  /* what each slot maps (its source) */
	struct swtlb_src_set src; /* bounce sources; base NULL: no bounce */
};

static const struct swtlb_dev bench_dev = {
    .min_align_mask = 0,
    .seg_boundary_mask = ~0UL,
};

static void *swiotlb_create(const struct swtlb_workload_setup *s, char *err,
			    size_t errlen)
{
	const struct swiotlb_params *p = s->params;
	struct swtlb_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.caller_path = p->caller_path;
	cfg.lock = p->lock;
	cfg.mem_offset = p->mem_offset;
	cfg.hooks_indirect = p->hooks_indirect;
	cfg.nslabs = s->nslabs;
	cfg.nareas = s->nareas;
	cfg.kconfig = s->kconfig;
	cfg.area_layout = s->area_layout;
	cfg.scheme = s->scheme;
	cfg.scheme_params = s->scheme_params;
	cfg.start = SWTLB_DEFAULT_START;
	cfg.bounce = s->bounce;
	cfg.alloc_bounce = s->alloc;
	cfg.free_bounce = s->free;
	cfg.alloc_arg = s->alloc_arg;
	cfg.alloc_meta = s->meta_alloc;
	cfg.free_meta = s->meta_free;
	cfg.meta_arg = s->meta_arg;
	return swtlb_create(&cfg, err, errlen);
}

static void swiotlb_destroy(void *ctx)
{
	swtlb_destroy(ctx);
}

static struct swtlb_scheme_ctx *swiotlb_scheme_ctx(void *ctx)
{
	return swtlb_scheme_ctx(ctx);
}

static void swiotlb_thread_release(void *ctx, void *thr)
{
	struct swiotlb_thread *w = thr;

	(void)ctx;
	if (!w)
		return;
	free(w->addr);
	free(w->len);
	free(w->orig);
	swtlb_src_set_free(&w->src);
	free(w);
}

static void *swiotlb_thread_prepare(void *ctx,
				    const struct swtlb_workload_thread_setup *t,
				    char *err, size_t errlen)
{
	struct swiotlb_thread *w = aligned_alloc(64, sizeof(*w));

	if (!w) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	memset(w, 0, sizeof(*w));
	w->addr = malloc(t->queue_depth * sizeof(*w->addr));
	w->len = malloc(t->queue_depth * sizeof(*w->len));
	w->orig = malloc(t->queue_depth * sizeof(*w->orig));
	if (!w->addr || !w->len || !w->orig) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	for (unsigned int i = 0; i < t->queue_depth; i++)
		w->addr[i] = DMA_MAPPING_ERROR;
	/* The set's size and bound were checked when the runs were planned;
	 * it is faulted in here, on this worker's CPU. */
	if (t->bounce &&
	    (t->src_count < t->queue_depth || t->src_stride < t->max_size ||
	     swtlb_src_set_alloc(&w->src, t->src_stride, t->src_count))) {
		snprintf(err, errlen, "no bounce source buffers (%u x %zu)",
			 t->src_count, t->src_stride);
		goto fail;
	}
	return w;
fail:
	swiotlb_thread_release(ctx, w);
	return NULL;
}

/* The source of the next map: the next buffer of the thread's set. */
static inline uint64_t orig_of(struct swiotlb_thread *w, unsigned int slot)
{
	/* Without bounce the pool never dereferences it: any address will
	 * do, but keep it distinct per slot as real buffers would be. */
	if (w->src.base)
		return (uint64_t)(uintptr_t)swtlb_src_set_next(&w->src);
	return 0x10000000ULL + (uint64_t)slot * (256U << 10);
}

/* get: map one buffer (dma_map_phys(), or the shortcut). */
static inline bool swiotlb_get(void *ctx, void *thr, unsigned int cpu,
			       unsigned int slot, size_t size)
{
	struct swiotlb_thread *w = thr;
	uint64_t orig = orig_of(w, slot);
	uint64_t addr = swtlb_dma_map(ctx, &bench_dev, cpu, orig, size,
				      DMA_BIDIRECTIONAL, DMA_ATTR_NO_WARN);

	w->addr[slot] = addr;
	w->len[slot] = size;
	w->orig[slot] = orig;
	return addr != DMA_MAPPING_ERROR;
}

/* put: unmap it (dma_unmap_phys(): sync for the CPU, then unmap; or the
 * shortcut's one lookup); nothing if the map failed. */
static inline void swiotlb_put(void *ctx, void *thr, unsigned int cpu,
			       unsigned int slot)
{
	struct swiotlb_thread *w = thr;

	if (w->addr[slot] == DMA_MAPPING_ERROR)
		return;
	swtlb_dma_unmap(ctx, &bench_dev, cpu, w->addr[slot], w->len[slot],
			DMA_BIDIRECTIONAL, 0);
	w->addr[slot] = DMA_MAPPING_ERROR;
}

/* Slots the pool accounts for the mapping in `slot`, padding included. */
static inline long swiotlb_truth_units(void *ctx, void *thr, unsigned int slot)
{
	const struct swiotlb_thread *w = thr;

	(void)ctx;
	return swtlb_truth_map_nslots(&bench_dev, w->orig[slot], w->len[slot],
				      0);
}

SWTLB_WORKLOAD_LOOP(swiotlb, swiotlb_get, swiotlb_put)
SWTLB_WORKLOAD_LOOP_TRUTH(swiotlb, swiotlb_get, swiotlb_put,
			  swiotlb_truth_units)

static int swiotlb_check(void *ctx, char *err, size_t errlen)
{
	return swtlb_check_invariants(ctx, err, errlen);
}

static bool swiotlb_used(void *ctx, unsigned long *out)
{
	*out = swtlb_used(ctx);
	return true;
}

static bool swiotlb_hiwater(void *ctx, unsigned long *out)
{
	return swtlb_hiwater(ctx, out);
}

extern const struct swtlb_sim_model swtlb_sim_swiotlb; /* sim.c */

const struct swtlb_workload_ops swtlb_workload_swiotlb = {
    .name = "swiotlb",
    .summary = "map -> bounce -> in flight -> unmap on the faithful pool",
    .unit = "map+unmap pair",
    .count_unit = "slots",
    .dims = SWTLB_DIM_SCHEMES | SWTLB_DIM_SIZES | SWTLB_DIM_BOUNCE |
	    SWTLB_DIM_KCONFIG | SWTLB_DIM_AREA_LAYOUT | SWTLB_DIM_POOL,
    .serves = SWTLB_SERVES_SWIOTLB,
    .max_size = IO_TLB_SEGSIZE * IO_TLB_SIZE, /* 256 KiB, one mapping */
    .params = swiotlb_params,
    .parse = swiotlb_params_parse,
    .params_free = swiotlb_params_free,
    .params_cell = swiotlb_params_cell,
    .create = swiotlb_create,
    .destroy = swiotlb_destroy,
    .scheme_ctx = swiotlb_scheme_ctx,
    .thread_prepare = swiotlb_thread_prepare,
    .thread_release = swiotlb_thread_release,
    .get = swiotlb_get,
    .put = swiotlb_put,
    .truth_units = swiotlb_truth_units,
    .loop = swiotlb_loop,
    .loop_truth = swiotlb_loop_truth,
    .check = swiotlb_check,
    .used = swiotlb_used,
    .hiwater = swiotlb_hiwater,
    .sim = &swtlb_sim_swiotlb,
};
