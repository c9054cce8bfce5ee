/* SPDX-License-Identifier: GPL-2.0-only */
/* counters/registry.c: the schemes by name, in the order "all" runs them. */
#include <string.h>

#include "counters/schemes.h"

/* One scheme a line, so adding one is a one-line diff. */
// clang-format off
const struct swtlb_scheme_ops *const swtlb_schemes[] = {
    &swtlb_scheme_none,
    &swtlb_scheme_global_atomic,
    &swtlb_scheme_area_hiwater,
    &swtlb_scheme_sampled,
    &swtlb_scheme_toggle,
    &swtlb_scheme_percpu_batch,
    &swtlb_scheme_racy_max,
    &swtlb_scheme_lazy_peak,
    &swtlb_scheme_hybrid_resync,
    &swtlb_scheme_escrow,
    &swtlb_scheme_escrow_grant,
    &swtlb_scheme_escrow_tier,
    &swtlb_scheme_counter_tree,
    &swtlb_scheme_pcpu_reserve,
    NULL,
};
// clang-format on

const struct swtlb_scheme_ops *swtlb_scheme_find(const char *name)
{
	for (size_t i = 0; swtlb_schemes[i]; i++)
		if (strcmp(swtlb_schemes[i]->name, name) == 0)
			return swtlb_schemes[i];
	return NULL;
}
