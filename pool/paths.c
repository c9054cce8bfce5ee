/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool/paths.c: the compiled hot paths (generated path_*.c files, one per
 * hook set x kernel configuration x lock kind) by hook-set name.
 */
#include <string.h>

#include "pool/pool_internal.h"

#define SWTLB_HOOK_SET(stem)                                                   \
	extern const struct swtlb_path swtlb_path_##stem##_dynoff_native,      \
	    swtlb_path_##stem##_dynoff_pv, swtlb_path_##stem##_dynon_native,   \
	    swtlb_path_##stem##_dynon_pv;
#include "pool/hook_sets.def"
#undef SWTLB_HOOK_SET

static const struct {
	const char *name;
	const struct swtlb_path *path[2][2]; /* [kconfig][lock] */
} hook_sets[] = {
#define SWTLB_HOOK_SET(stem)                                                   \
	{#stem,                                                                \
	 {{&swtlb_path_##stem##_dynoff_native,                                 \
	   &swtlb_path_##stem##_dynoff_pv},                                    \
	  {&swtlb_path_##stem##_dynon_native,                                  \
	   &swtlb_path_##stem##_dynon_pv}}},
#include "pool/hook_sets.def"
#undef SWTLB_HOOK_SET
};

const struct swtlb_path *swtlb_path_find(const char *hooks,
					 enum swtlb_kconfig kconfig,
					 enum swtlb_lock_kind lock)
{
	for (size_t i = 0; i < sizeof(hook_sets) / sizeof(hook_sets[0]); i++)
		if (strcmp(hook_sets[i].name, hooks) == 0)
			return hook_sets[i].path[kconfig][lock];
	return NULL;
}
