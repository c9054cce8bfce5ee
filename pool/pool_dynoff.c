/* SPDX-License-Identifier: GPL-2.0-only */
/* pool/pool_dynoff.c: io_tlb_mem setup for CONFIG_SWIOTLB_DYNAMIC=n. */
#define SWTLB_DYNAMIC 0
#include "pool/pool_mem.h"
