// SPDX-License-Identifier: GPL-2.0-only
/*
 * workloads/harness/harness.c: the runner's own cost. The same loop (stop
 * flag, ring and size walk) with an empty unit: get only writes the size
 * into the ring as swiotlb's get does, put does nothing. No pool, no
 * scheme, no counter; rows say scheme "none".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workloads/loop.h"
#include "workloads/workload.h"

struct harness_thread {
	_Alignas(64) size_t *len;
};

/* Nothing shared: any non-NULL context will do. */
static char harness_ctx;

static void *harness_create(const struct swtlb_workload_setup *s, char *err,
			    size_t errlen)
{
	(void)s, (void)err, (void)errlen;
	return &harness_ctx;
}

static void harness_destroy(void *ctx)
{
	(void)ctx;
}

static struct swtlb_scheme_ctx *harness_scheme_ctx(void *ctx)
{
	(void)ctx;
	return NULL;
}

static void *harness_thread_prepare(void *ctx,
				    const struct swtlb_workload_thread_setup *t,
				    char *err, size_t errlen)
{
	struct harness_thread *w = aligned_alloc(64, sizeof(*w));

	(void)ctx;
	if (w)
		w->len = calloc(t->queue_depth, sizeof(*w->len));
	if (!w || !w->len) {
		free(w);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	return w;
}

static void harness_thread_release(void *ctx, void *thr)
{
	struct harness_thread *w = thr;

	(void)ctx;
	if (w)
		free(w->len);
	free(w);
}

/* Stands in for a map: touch the ring as it does. */
static inline bool harness_get(void *ctx, void *thr, unsigned int cpu,
			       unsigned int slot, size_t size)
{
	struct harness_thread *w = thr;

	(void)ctx, (void)cpu;
	w->len[slot] = size;
	__asm__ __volatile__("" ::: "memory");
	return true;
}

static inline void harness_put(void *ctx, void *thr, unsigned int cpu,
			       unsigned int slot)
{
	(void)ctx, (void)thr, (void)cpu, (void)slot;
}

SWTLB_WORKLOAD_LOOP(harness, harness_get, harness_put)

static int harness_check(void *ctx, char *err, size_t errlen)
{
	(void)ctx, (void)err, (void)errlen;
	return 0;
}

static const struct swtlb_workload_param harness_params[] = {{NULL}};

const struct swtlb_workload_ops swtlb_workload_harness = {
    .name = "harness",
    .summary = "the same loop with an empty body: the harness's own cost",
    .unit = "round",
    .count_unit = NULL,
    .dims = SWTLB_DIM_SIZES,
    .params = harness_params,
    .create = harness_create,
    .destroy = harness_destroy,
    .scheme_ctx = harness_scheme_ctx,
    .thread_prepare = harness_thread_prepare,
    .thread_release = harness_thread_release,
    .get = harness_get,
    .put = harness_put,
    .loop = harness_loop,
    .check = harness_check,
};
