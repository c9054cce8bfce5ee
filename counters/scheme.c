/* SPDX-License-Identifier: GPL-2.0-only */
/* counters/scheme.c: attaching a scheme to one workload's shards. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "counters/scheme.h"

const char *swtlb_workload_name(unsigned int workload)
{
	switch (workload) {
	case SWTLB_SERVES_SWIOTLB:
		return "swiotlb";
	case SWTLB_SERVES_MEMCG:
		return "memcg";
	default:
		return NULL;
	}
}

int swtlb_scheme_ctx_init(struct swtlb_scheme_ctx *ctx,
			  const struct swtlb_scheme_ops *ops,
			  unsigned int workload,
			  const struct swtlb_shard_view *view,
			  atomic_long *total_used, atomic_long *used_hiwater,
			  const struct swtlb_scheme_params *params, char *err,
			  size_t errlen)
{
	const char *wl = swtlb_workload_name(workload);
	char why[200] = "";
	int ret;

	if (!wl) {
		snprintf(err, errlen, "scheme %s: unknown workload %#x",
			 ops->name, workload);
		return -EINVAL;
	}
	if (!swtlb_scheme_serves(ops, workload)) {
		snprintf(err, errlen,
			 "scheme %s does not serve the %s workload", ops->name,
			 wl);
		return -EINVAL;
	}
	if (!view->lock || !view->unlock || !view->used || !total_used ||
	    !used_hiwater) {
		snprintf(err, errlen,
			 "scheme %s: the %s workload gave an incomplete view",
			 ops->name, wl);
		return -EINVAL;
	}
	memset(ctx, 0, sizeof(*ctx));
	ctx->ops = ops;
	ctx->workload = workload;
	ctx->total_used = total_used;
	ctx->used_hiwater = used_hiwater;
	ctx->shards = *view;
	ctx->params = *params;
	if (!ops->init)
		return 0;
	ret = ops->init(ctx, why, sizeof(why));
	if (ret) {
		snprintf(err, errlen, "scheme %s: %s", ops->name,
			 why[0] ? why : "init failed");
		ctx->ops = NULL;
	}
	return ret;
}

void swtlb_scheme_ctx_fini(struct swtlb_scheme_ctx *ctx)
{
	if (ctx->ops && ctx->ops->fini)
		ctx->ops->fini(ctx);
	ctx->ops = NULL;
}

bool swtlb_scheme_mem_hiwater(struct swtlb_scheme_ctx *ctx, unsigned long *out)
{
	*out = (unsigned long)atomic_load_explicit(ctx->used_hiwater,
						   memory_order_relaxed);
	return true;
}

int swtlb_scheme_mem_hiwater_reset(struct swtlb_scheme_ctx *ctx,
				   unsigned long val)
{
	if (val != 0)
		return -EINVAL;
	atomic_store_explicit(ctx->used_hiwater, 0, memory_order_relaxed);
	return 0;
}

int swtlb_scheme_mem_init(struct swtlb_scheme_ctx *ctx, char *err,
			  size_t errlen)
{
	(void)err;
	(void)errlen;
	if (ctx->workload == SWTLB_SERVES_SWIOTLB)
		atomic_store(ctx->total_used, 0);
	atomic_store(ctx->used_hiwater, 0);
	return 0;
}

unsigned long swtlb_scheme_mem_used(struct swtlb_scheme_ctx *ctx)
{
	return (unsigned long)atomic_load_explicit(ctx->total_used,
						   memory_order_relaxed);
}
