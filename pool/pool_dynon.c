/* SPDX-License-Identifier: GPL-2.0-only */
/* pool/pool_dynon.c: io_tlb_mem setup for CONFIG_SWIOTLB_DYNAMIC=y. */
#define SWTLB_DYNAMIC 1
#include "pool/pool_mem.h"
