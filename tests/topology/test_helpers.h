/* SPDX-License-Identifier: GPL-2.0-only */
/* tests/topology/test_helpers.h: load-and-plan helpers for the cmocka tests. */
#ifndef SWTLB_TESTS_TOPOLOGY_HELPERS_H
#define SWTLB_TESTS_TOPOLOGY_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "topology/topology.h"

/* 2 packages x 2 NUMA nodes x 8 cores x 2 PUs: 64 PUs, siblings 2i, 2i+1. */
#define SYN_2S "synthetic:pack:2 numa:2 core:8 pu:2"
/* The same machine numbered as Linux numbers x86: siblings i and i+32. */
#define SYN_2S_HALF "synthetic:pack:2 numa:2 core:8 pu:2(indexes=2*32:1*2)"
/* One package, no SMT. */
#define SYN_1P "synthetic:pack:1 core:6 pu:1"

static inline struct swtlb_topo *load_ok(const char *spec)
{
	char err[512] = "";
	struct swtlb_topo *t = swtlb_topo_load(spec, err, sizeof(err));

	if (!t)
		fail_msg("loading '%s' failed: %s", spec, err);
	return t;
}

/* Plan n threads; fails the test on error. Caller frees. */
static inline struct swtlb_placement *
plan_ok(const struct swtlb_topo *t, const char *layout, unsigned int n)
{
	struct swtlb_placement *p = calloc(n, sizeof(*p));
	char err[512] = "";

	assert_non_null(p);
	if (swtlb_layout_plan(t, layout, n, false, p, err, sizeof(err)) < 0)
		fail_msg("plan %s x%u failed: %s", layout, n, err);
	return p;
}

/* Distinct values of one placement field. */
static inline unsigned int distinct_field(const struct swtlb_placement *p,
					  unsigned int n, size_t offset)
{
	unsigned int count = 0;

	for (unsigned int i = 0; i < n; i++) {
		unsigned int j = 0;
		unsigned int vi =
		    *(const unsigned int *)((const char *)&p[i] + offset);

		while (j < i && *(const unsigned int *)((const char *)&p[j] +
							offset) != vi)
			j++;
		count += j == i;
	}
	return count;
}

#define DISTINCT(p, n, field)                                                  \
	distinct_field(p, n, offsetof(struct swtlb_placement, field))

/* Expect planning to fail with a message containing `needle`. */
static inline void expect_plan_error(const struct swtlb_topo *t,
				     const char *layout, unsigned int n,
				     bool oversubscribe, const char *needle)
{
	struct swtlb_placement p[128];
	char err[512] = "";

	assert_true(n <= 128);
	assert_int_equal(
	    swtlb_layout_plan(t, layout, n, oversubscribe, p, err, sizeof(err)),
	    -1);
	if (!strstr(err, needle))
		fail_msg("plan %s x%u: error '%s' lacks '%s'", layout, n, err,
			 needle);
	assert_null(strchr(err, '\n'));
}

#endif /* SWTLB_TESTS_TOPOLOGY_HELPERS_H */
