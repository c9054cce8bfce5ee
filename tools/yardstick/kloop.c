// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/yardstick/kloop.c: the kernel's side as a workload: get maps one
 * buffer through the kernel's swiotlb.c (kside.c), put unmaps it, and the
 * measured loop is compiled here from workloads/loop.h, the body the
 * port's swiotlb workload is compiled from. The per-thread state has the
 * port's shape: in-flight addresses and lengths on lines no other thread
 * writes, and bounce sources either one per queue slot (64-byte strides)
 * or a set of page-aligned buffers cycled in order (--src-set).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/yardstick/kside.h"
#include "tools/yardstick/yard.h"
#include "workloads/loop.h"

struct kthread {
	_Alignas(64) uint64_t *addr; /* YK_MAPPING_ERROR: empty */
	size_t *len;
	char *base; /* bounce sources; NULL: bounce off */
	size_t stride;
	unsigned int count, next;
	bool per_slot;
};

static bool k_dma_direct;

static int k_setup(const struct yard_opts *o, char *err, size_t errlen)
{
	unsigned int ncpus = 0;

	for (unsigned int i = 0; i < o->threads; i++)
		if (o->cpus[i] + 1 > ncpus)
			ncpus = o->cpus[i] + 1;
	k_dma_direct = o->dma_direct;
	return yk_setup(o->nslabs, o->nareas, ncpus, o->bounce, err, errlen);
}

static void k_thread_release(void *thr)
{
	struct kthread *w = thr;

	if (!w)
		return;
	free(w->addr);
	free(w->len);
	free(w->base);
	free(w);
}

/* The sources swtlb-bench plans (workloads/src_set.h), for this thread. */
static int k_sources(struct kthread *w, const struct yard_opts *o)
{
	size_t bytes;

	w->per_slot = !strcmp(o->src_set, "qd");
	w->stride = o->src_stride;
	w->count = o->src_count;
	bytes = (w->stride * w->count + 4095) & ~(size_t)4095;
	w->base = aligned_alloc(w->per_slot ? 64 : 4096, bytes);
	if (!w->base)
		return -1;
	memset(w->base, 0x5a, bytes); /* fault in before the window */
	return 0;
}

static void *k_thread_prepare(const struct yard_opts *o, unsigned int cpu,
			      char *err, size_t errlen)
{
	struct kthread *w = aligned_alloc(64, sizeof(*w));

	yk_set_cpu(cpu);
	if (!w) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	memset(w, 0, sizeof(*w));
	w->addr = malloc(o->queue_depth * sizeof(*w->addr));
	w->len = malloc(o->queue_depth * sizeof(*w->len));
	if (!w->addr || !w->len || (o->bounce && k_sources(w, o))) {
		snprintf(err, errlen, "out of memory");
		k_thread_release(w);
		return NULL;
	}
	for (unsigned int i = 0; i < o->queue_depth; i++)
		w->addr[i] = YK_MAPPING_ERROR;
	return w;
}

/* The port's orig_of(): a real buffer when bouncing, else a distinct
 * address per slot that nothing dereferences. */
static inline uint64_t k_orig(struct kthread *w, unsigned int slot)
{
	char *p;

	if (!w->base)
		return 0x10000000ULL + (uint64_t)slot * (256U << 10);
	if (w->per_slot)
		return (uint64_t)(uintptr_t)(w->base + slot * w->stride);
	p = w->base + (size_t)w->next * w->stride;
	w->next = w->next + 1 == w->count ? 0 : w->next + 1;
	return (uint64_t)(uintptr_t)p;
}

/* One get and one put for both caller paths: map/unmap are constants at
 * each call site below, so each loop calls the kernel's entry directly. */
static inline __attribute__((always_inline)) bool
k_map_slot(struct kthread *w, unsigned int slot, size_t size,
	   uint64_t (*map)(uint64_t orig, size_t size))
{
	uint64_t addr = map(k_orig(w, slot), size);

	w->addr[slot] = addr;
	w->len[slot] = size;
	return addr != YK_MAPPING_ERROR;
}

static inline __attribute__((always_inline)) void
k_unmap_slot(struct kthread *w, unsigned int slot,
	     void (*unmap)(uint64_t addr, size_t size))
{
	if (w->addr[slot] == YK_MAPPING_ERROR)
		return;
	unmap(w->addr[slot], w->len[slot]);
	w->addr[slot] = YK_MAPPING_ERROR;
}

static inline bool k_get_tbl(void *ctx, void *thr, unsigned int cpu,
			     unsigned int slot, size_t size)
{
	(void)ctx;
	(void)cpu;
	return k_map_slot(thr, slot, size, yk_tbl_map);
}

static inline void k_put_tbl(void *ctx, void *thr, unsigned int cpu,
			     unsigned int slot)
{
	(void)ctx;
	(void)cpu;
	k_unmap_slot(thr, slot, yk_tbl_unmap);
}

static inline bool k_get_dma(void *ctx, void *thr, unsigned int cpu,
			     unsigned int slot, size_t size)
{
	(void)ctx;
	(void)cpu;
	return k_map_slot(thr, slot, size, yk_dma_map);
}

static inline void k_put_dma(void *ctx, void *thr, unsigned int cpu,
			     unsigned int slot)
{
	(void)ctx;
	(void)cpu;
	k_unmap_slot(thr, slot, yk_dma_unmap);
}

SWTLB_WORKLOAD_LOOP(k_tbl, k_get_tbl, k_put_tbl)
SWTLB_WORKLOAD_LOOP(k_dma, k_get_dma, k_put_dma)

static bool k_get(void *thr, unsigned int cpu, unsigned int slot, size_t size)
{
	return k_dma_direct ? k_get_dma(NULL, thr, cpu, slot, size)
			    : k_get_tbl(NULL, thr, cpu, slot, size);
}

static void k_put(void *thr, unsigned int cpu, unsigned int slot)
{
	if (k_dma_direct)
		k_put_dma(NULL, thr, cpu, slot);
	else
		k_put_tbl(NULL, thr, cpu, slot);
}

static void k_loop(struct swtlb_workload_loop *l)
{
	if (k_dma_direct)
		k_dma_loop(l);
	else
		k_tbl_loop(l);
}

static int k_finish(char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	return 0;
}

static const char *k_variant(const struct yard_opts *o)
{
	(void)o;
	return yk_variant();
}

struct yard_side yard_kernel_side = {
    .name = "kernel",
    .setup = k_setup,
    .thread_prepare = k_thread_prepare,
    .get = k_get,
    .put = k_put,
    .loop = k_loop,
    .thread_release = k_thread_release,
    .finish = k_finish,
    .mem_offset = yk_mem_offset,
    .variant = k_variant,
};
