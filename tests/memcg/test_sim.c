/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/memcg/test_sim.c: the memcg simulator's figures keep the contracts
 * page-counter-path.md section 8 states, on several shapes and seeds:
 * without limits (no speculative charge), every exact single-threaded
 * scheme reports truth <= memory.peak <= truth + ncpus x min(7, memcgs) x
 * batch, at the root and at the worst counter; sampled never reports more
 * than the largest usage; the run is deterministic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "workloads/memcg/sim_engine.h"
#include "counters/scheme.h"

static struct memcg_sim_params params(unsigned int cpus, unsigned int depth,
				      unsigned int fanout, unsigned int batch,
				      uint64_t seed)
{
	struct memcg_sim_params p = {.ncpus = cpus,
				     .depth = depth,
				     .fanout = fanout,
				     .leaves_per_cpu = 2,
				     .batch = batch,
				     .inflight = 32,
				     .remote_pct = 20,
				     .direct_pct = 40,
				     .ops = 20000,
				     .sample_ops = 500,
				     .seed = seed};
	char err[128];

	assert_int_equal(
	    swtlb_sizes_parse("4k:80,16k:15,2m:5", &p.sizes, err, sizeof(err)),
	    0);
	return p;
}

static void check_exact(const char *scheme, struct memcg_sim_params *p)
{
	struct memcg_sim_result r, again;
	char err[128];

	assert_int_equal(
	    memcg_sim_run(p, swtlb_scheme_find(scheme), &r, err, sizeof(err)),
	    0);
	assert_true(r.has_peak);
	assert_true(r.root_true > 0);
	assert_true(r.root_peak >= r.root_true);
	assert_true(r.root_peak <= r.root_true + r.root_bound);
	assert_true(r.worst_over >= 0);
	assert_true((uint64_t)r.worst_over <= r.worst_bound);
	assert_int_equal(memcg_sim_run(p, swtlb_scheme_find(scheme), &again,
				       err, sizeof(err)),
			 0);
	assert_memory_equal(&r, &again, sizeof(r));
}

static void test_exact_schemes_within_bound(void **state)
{
	static const char *const exact[] = {"racy-max", "global-atomic",
					    "lazy-peak"};
	struct memcg_sim_params shapes[] = {
	    params(8, 2, 4, 64, 1), params(64, 2, 4, 64, 2),
	    params(16, 1, 12, 32, 3), params(4, 3, 2, 8, 4)};

	(void)state;
	for (size_t s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++)
		for (size_t i = 0; i < 3; i++)
			check_exact(exact[i], &shapes[s]);
}

static void test_sampled_and_none(void **state)
{
	struct memcg_sim_params p = params(16, 2, 3, 64, 5);
	struct memcg_sim_result r;
	char err[128];

	(void)state;
	assert_int_equal(memcg_sim_run(&p, swtlb_scheme_find("sampled"), &r,
				       err, sizeof(err)),
			 0);
	assert_true(r.has_peak);
	assert_true(r.root_peak <= r.root_usage_max);
	assert_int_equal(
	    memcg_sim_run(&p, swtlb_scheme_find("none"), &r, err, sizeof(err)),
	    0);
	assert_false(r.has_peak);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_exact_schemes_within_bound),
	    cmocka_unit_test(test_sampled_and_none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
