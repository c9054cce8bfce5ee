/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool/kernel_env.c: the kernel state the swiotlb map path reads outside
 * swiotlb itself (pool_internal.h says which), set as in an AMD SEV guest.
 */
#include "pool/pool_internal.h"

enum cc_vendor { CC_VENDOR_NONE, CC_VENDOR_AMD, CC_VENDOR_INTEL };

/* Read-mostly kernel data: written at boot only, on one line. */
static struct {
	alignas(SWTLB_CACHE_LINE) _Atomic int vendor; /* cc_vendor */
	atomic_bool mem_encrypt; /* what amd_cc_platform_has() tests */
} cc_state = {CC_VENDOR_AMD, true};

alignas(SWTLB_CACHE_LINE) atomic_ulong swtlb_cc_mask;
atomic_bool swtlb_cc_warned = true; /* printed at the first map ever */

/* arch/x86/coco/core.c: cc_platform_has(), an exported function. */
__attribute__((noinline)) bool swtlb_cc_platform_has(int attr)
{
	switch (atomic_load_explicit(&cc_state.vendor, memory_order_relaxed)) {
	case CC_VENDOR_AMD:
		return attr == SWTLB_CC_ATTR_MEM_ENCRYPT &&
		       atomic_load_explicit(&cc_state.mem_encrypt,
					    memory_order_relaxed);
	case CC_VENDOR_INTEL:
		return attr == SWTLB_CC_ATTR_MEM_ENCRYPT;
	default:
		return false;
	}
}
