/* SPDX-License-Identifier: GPL-2.0-only */
/* tests/pool/pool_test.h: pool construction and the invariant check the pool
 * unit tests share (include after cmocka.h). */
#ifndef SWTLB_TESTS_POOL_TEST_H
#define SWTLB_TESTS_POOL_TEST_H

#include "pool/pool_internal.h"

static inline struct swtlb *make_pool(unsigned long nslabs, unsigned int nareas,
				      enum swtlb_kconfig k,
				      enum swtlb_area_layout layout,
				      const struct swtlb_scheme_ops *scheme)
{
	struct swtlb_config cfg = {
	    .nslabs = nslabs,
	    .nareas = nareas,
	    .kconfig = k,
	    .area_layout = layout,
	    .scheme = scheme,
	    .scheme_params = {.ncpus = 64, .batch = 32, .period_us = 1000},
	    .start = SWTLB_DEFAULT_START,
	};
	char err[256] = "";
	struct swtlb *s = swtlb_create(&cfg, err, sizeof(err));

	if (!s)
		fail_msg("swtlb_create: %s", err);
	return s;
}

static inline void assert_invariants(const struct swtlb *s, unsigned long step)
{
	char err[256] = "";

	if (swtlb_check_invariants(s, err, sizeof(err)))
		fail_msg("step %lu: %s", step, err);
}

#endif /* SWTLB_TESTS_POOL_TEST_H */
