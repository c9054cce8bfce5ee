/* SPDX-License-Identifier: GPL-2.0-only */
/* workloads/swiotlb/params.h: the swiotlb workload's --param keys. */
#ifndef SWTLB_WORKLOADS_SWIOTLB_PARAMS_H
#define SWTLB_WORKLOADS_SWIOTLB_PARAMS_H

#include "pool/swiotlb.h"
#include "workloads/workload.h"

struct swiotlb_params {
	enum swtlb_caller_path caller_path;
	enum swtlb_lock_kind lock;
	unsigned int mem_offset;
	bool hooks_indirect;
};

extern const struct swtlb_workload_param swiotlb_params[];
void *swiotlb_params_parse(const char *const *values, char *err, size_t errlen);
void swiotlb_params_free(void *params);
void swiotlb_params_cell(const void *params, char *cell, size_t len);

#endif /* SWTLB_WORKLOADS_SWIOTLB_PARAMS_H */
