/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/schemes.h: every scheme's ops table, for counters/registry.c.
 * Callers outside counters/ use swtlb_schemes[] / swtlb_scheme_find().
 */
#ifndef SWTLB_COUNTERS_SCHEMES_H
#define SWTLB_COUNTERS_SCHEMES_H

#include "counters/scheme.h"

extern const struct swtlb_scheme_ops swtlb_scheme_none;
extern const struct swtlb_scheme_ops swtlb_scheme_global_atomic;
extern const struct swtlb_scheme_ops swtlb_scheme_area_hiwater;

#endif /* SWTLB_COUNTERS_SCHEMES_H */
