/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/sim/test_model.c: the coherence model's directory (bench/sim/
 * model.c) on hand-made PU places: which access is a transfer, of which
 * distance class, and what the projection makes of it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "bench/sim/model.h"
#include "bench/sim/model_trace.h"

/* CPUs 0,1: one core; 2: same L3; 3: same package and NUMA node, other
 * L3; 4: other package; 5: same package, other NUMA node (SNC, NPS). */
static const struct swtlb_pu_place places[] = {
    {0, 0, 0, 0, 0}, {1, 0, 0, 0, 0}, {2, 1, 0, 0, 0},
    {3, 2, 1, 0, 0}, {4, 3, 2, 1, 2}, {5, 4, 3, 0, 1},
};

static const struct model_lat lat = {.ns = {10, 40, 100, 130, 200},
				     .base_pair_ns = 100};

/* Two lines far from the stack (which the model ignores). */
static long line_a[8] __attribute__((aligned(64)));
static long line_b[8] __attribute__((aligned(64)));

/* One operation of one access: a locked RMW or a load. */
static void touch(struct model *m, unsigned int cpu, enum model_op op,
		  const void *addr, bool write)
{
	model_begin(m, cpu, op);
	swtlb_model_hook(addr, write ? SWTLB_MODEL_RMW : SWTLB_MODEL_LOAD);
	model_end(m);
}

static void test_classes(void **state)
{
	struct model_result r;
	char err[128];
	struct model *m = model_new(places, 5, &lat, err, sizeof(err));

	(void)state;
	assert_non_null(m);
	touch(m, 0, MODEL_MAP, line_a, true);	  /* cold */
	touch(m, 0, MODEL_MAP, &line_a[3], true); /* same line, owner: hit */
	touch(m, 1, MODEL_MAP, line_a, true);	  /* from its SMT sibling */
	touch(m, 2, MODEL_UNMAP, line_a, false);  /* modified on 1: L3 */
	touch(m, 2, MODEL_UNMAP, line_a, false);  /* now shared here: hit */
	touch(m, 4, MODEL_UNMAP, line_a, true);	  /* 1 and 2 hold it: the
						     farthest is remote */
	touch(m, 3, MODEL_MAP, line_a, false);	  /* from 4: remote */
	touch(m, 0, MODEL_MAP, line_a, false);	  /* nearest sharer: 3 (package)
						   */
	touch(m, 0, MODEL_MAP, line_b, false);	  /* cold */
	touch(m, 1, MODEL_MAP, line_b, false);	  /* clean, from 0: SMT */
	touch(m, 1, MODEL_MAP, line_b, true);	  /* upgrade, 0 shares: SMT */
	model_result(m, &r);
	assert_int_equal(r.cold, 2);
	assert_int_equal(r.ops[MODEL_MAP], 8);
	assert_int_equal(r.ops[MODEL_UNMAP], 3);
	assert_int_equal(r.xfer[MODEL_MAP][SWTLB_MODEL_DIST_SMT], 3);
	assert_int_equal(r.xfer[MODEL_UNMAP][SWTLB_MODEL_DIST_CACHE], 1);
	assert_int_equal(r.xfer[MODEL_UNMAP][SWTLB_MODEL_DIST_REMOTE], 1);
	assert_int_equal(r.xfer[MODEL_MAP][SWTLB_MODEL_DIST_REMOTE], 1);
	assert_int_equal(r.xfer[MODEL_MAP][SWTLB_MODEL_DIST_PACKAGE], 1);
	assert_int_equal(r.lines, 2);
	/* line_a: 10 + 40 + 200 + 200 + 100 ns of serialised transfers. */
	assert_true(r.hot_busy_ns == 550.0);
	/* Per pair (8 maps): 7 transfers: (3 x 10 + 40 + 2 x 200 + 100) / 8
	 * on top of 100 ns. */
	assert_true(model_ns_per_pair(&r, &lat) == 100.0 + 570.0 / 8);
	/* The busiest line's ceiling: 8 pairs in 550 ns. */
	assert_true(model_ceiling(&r) == 8 / 550e-9);
	model_reset_counts(m);
	touch(m, 1, MODEL_MAP, line_b, true); /* still owned by 1: a hit */
	model_result(m, &r);
	assert_int_equal(r.xfer[MODEL_MAP][SWTLB_MODEL_DIST_SMT], 0);
	assert_int_equal(r.cold, 0);
	model_free(m);
	assert_null(swtlb_model_hook);
}

/* Slot-array entries: 24 bytes, 8 of them over 3 lines. */
static void test_slots(void **state)
{
	struct model_result r;
	char err[128];
	struct model *m = model_new(places, 2, &lat, err, sizeof(err));

	(void)state;
	model_begin(m, 0, MODEL_MAP);
	model_slots(m, 0, 8); /* bytes 0..191: lines 0, 1, 2 */
	model_end(m);
	model_begin(m, 1, MODEL_UNMAP);
	model_slots(m, 2, 1); /* bytes 48..71: lines 0 and 1 */
	model_end(m);
	model_result(m, &r);
	assert_int_equal(r.cold, 3);
	assert_int_equal(r.xfer[MODEL_UNMAP][SWTLB_MODEL_DIST_SMT], 2);
	model_free(m);
}

/*
 * One operation's accesses to a line are one visit: a load then a locked
 * RMW of a line modified elsewhere is one transfer, not a read and an
 * upgrade. model_end() returns the op's duration: half the pair's base
 * (none for periodic work) plus the transfers it waited for.
 */
static void test_visits(void **state)
{
	struct model_result r;
	char err[128];
	struct model *m = model_new(places, 5, &lat, err, sizeof(err));

	(void)state;
	assert_non_null(m);
	touch(m, 0, MODEL_MAP, line_a, true); /* cold */
	model_begin(m, 2, MODEL_MAP);	      /* L3 neighbour: load + RMW */
	swtlb_model_hook(&line_a[1], SWTLB_MODEL_LOAD);
	swtlb_model_hook(&line_a[2], SWTLB_MODEL_RMW);
	swtlb_model_hook(line_b, SWTLB_MODEL_LOAD); /* cold, no stall */
	assert_true(model_end(m) == 50.0 + 40.0);
	model_begin(m, 0, MODEL_UNMAP); /* a plain store: takes it back */
	swtlb_model_hook(&line_a[7], SWTLB_MODEL_STORE);
	assert_true(model_end(m) == 50.0 + 40.0);
	model_begin(m, 0, MODEL_PERIODIC); /* a hit: no base, no stall */
	swtlb_model_hook(line_a, SWTLB_MODEL_LOAD);
	assert_true(model_end(m) == 0.0);
	model_result(m, &r);
	assert_int_equal(r.cold, 2);
	assert_int_equal(r.xfer[MODEL_MAP][SWTLB_MODEL_DIST_CACHE], 1);
	assert_int_equal(r.xfer[MODEL_UNMAP][SWTLB_MODEL_DIST_CACHE], 1);
	assert_true(r.stall_ns == 80.0);
	/* 2 maps: 2 transfers of 40 ns on line_a. */
	assert_true(r.hot_busy_ns == 80.0);
	assert_true(model_ns_per_pair(&r, &lat) == 100.0 + 80.0 / 2);
	model_free(m);
}

/*
 * The node class: one package, another NUMA node. It lies between package
 * and remote: the farthest holder of a line shared by a package
 * neighbour and a node neighbour is the node one, the nearest the package
 * one.
 */
static void test_node_class(void **state)
{
	struct model_result r;
	char err[128];
	struct model *m = model_new(places, 6, &lat, err, sizeof(err));

	(void)state;
	assert_non_null(m);
	assert_int_equal(swtlb_pu_distance(&places[0], &places[5]),
			 SWTLB_MODEL_DIST_NODE);
	assert_int_equal(swtlb_pu_distance(&places[3], &places[5]),
			 SWTLB_MODEL_DIST_NODE);
	assert_int_equal(swtlb_pu_distance(&places[4], &places[5]),
			 SWTLB_MODEL_DIST_REMOTE);
	touch(m, 0, MODEL_MAP, line_a, true);  /* cold */
	touch(m, 5, MODEL_MAP, line_a, true);  /* from 0: node */
	touch(m, 3, MODEL_MAP, line_a, false); /* from 5: node */
	touch(m, 0, MODEL_MAP, line_a, false); /* nearest of 3, 5: package */
	touch(m, 1, MODEL_MAP, line_a, true);  /* farthest of 0, 3, 5: node */
	model_result(m, &r);
	assert_int_equal(r.xfer[MODEL_MAP][SWTLB_MODEL_DIST_NODE], 3);
	assert_int_equal(r.xfer[MODEL_MAP][SWTLB_MODEL_DIST_PACKAGE], 1);
	assert_true(r.stall_ns == 3 * 130.0 + 100.0);
	assert_true(model_xfer_per_pair(&r, SWTLB_MODEL_DIST_NODE) == 3.0 / 5);
	model_free(m);
}

/* One operation of one access for the CPU model_next_cpu() gave. */
static int timed_op(struct model *m, const void *addr)
{
	int cpu = model_next_cpu(m);

	assert_true(cpu >= 0);
	model_begin(m, (unsigned int)cpu, MODEL_MAP);
	swtlb_model_hook(addr, SWTLB_MODEL_RMW);
	model_end(m);
	return cpu;
}

/*
 * Virtual time: CPU 0 (clock 0) and CPU 2 (clock 10) each write line_a.
 * CPU 0's write is a cold miss; CPU 2's, 10 ns later, is one transfer
 * from CPU 0 (same L3, 40 ns) that it waits for. The earliest clock goes
 * first, and a CPU still in an operation cannot start another.
 */
static void test_timed(void **state)
{
	static const struct swtlb_pu_place two[] = {{0, 0, 0, 0, 0},
						    {2, 1, 0, 0, 0}};
	const double start[] = {0, 10};
	struct model_result r;
	char err[128];
	struct model *m = model_new(two, 2, &lat, err, sizeof(err));

	(void)state;
	assert_non_null(m);
	assert_int_equal(model_timed_start(m, start), 0);
	assert_int_equal(timed_op(m, line_a), 0);
	assert_int_equal(timed_op(m, line_a), 1);
	model_drain(m);
	model_result(m, &r);
	assert_int_equal(r.ops[MODEL_MAP], 2);
	assert_int_equal(r.cold, 1);
	assert_int_equal(r.xfer[MODEL_MAP][SWTLB_MODEL_DIST_CACHE], 1);
	assert_true(r.stall_ns == 40.0);
	assert_false(model_failed(m));
	/* Out of virtual time again: operations apply at once. */
	touch(m, 0, MODEL_MAP, line_a, false);
	model_result(m, &r);
	assert_int_equal(r.xfer[MODEL_MAP][SWTLB_MODEL_DIST_CACHE], 2);
	assert_int_equal(model_timed_start(m, start), 0);
	model_begin(m, 1, MODEL_MAP); /* CPU 1 is still queued */
	model_end(m);
	assert_true(model_failed(m));
	model_free(m);
}

/* CPU 0's operation: lock-like RMW of line_a, the slot walk (6 slot
 * lines, cold), unlock-like store of line_a; the walk marked where the
 * pool marks it (after the lock) or not marked (appended at the end). */
static void walk_op(struct model *m, bool mark)
{
	assert_int_equal(model_next_cpu(m), 0);
	model_begin(m, 0, MODEL_MAP);
	swtlb_model_hook(line_a, SWTLB_MODEL_RMW);
	if (mark)
		swtlb_model_hook(NULL, SWTLB_MODEL_SLOT_WALK);
	swtlb_model_hook(line_a, SWTLB_MODEL_STORE);
	model_slots(m, 0, 16); /* bytes 0..383: 6 lines */
	model_end(m);
}

/*
 * The slot walk sits between the lock and the unlock. CPU 0 (clock 0)
 * runs walk_op (8 accesses over 37.5-62.5 ns); CPU 1, its SMT sibling
 * (10 ns), takes line_a at 1 ns, landing at 11. Marked, CPU 0's unlock
 * comes after the walk (7/8 of the op, past 32 ns) and must take the line
 * back: 2 transfers. Unmarked, the unlock is CPU 0's second access (before
 * 8 ns) and hits while the line is still in flight: 1 transfer.
 */
static void test_timed_walk(void **state)
{
	static const struct swtlb_pu_place two[] = {{0, 0, 0, 0, 0},
						    {1, 0, 0, 0, 0}};
	const double start[] = {0, 1};
	struct model_result r;
	char err[128];

	(void)state;
	for (int mark = 0; mark <= 1; mark++) {
		struct model *m = model_new(two, 2, &lat, err, sizeof(err));

		assert_non_null(m);
		assert_int_equal(model_timed_start(m, start), 0);
		walk_op(m, mark);
		assert_int_equal(timed_op(m, line_a), 1);
		model_drain(m);
		model_result(m, &r);
		assert_false(model_failed(m));
		assert_int_equal(r.cold, 7); /* line_a and the slot lines */
		assert_int_equal(r.xfer[MODEL_MAP][SWTLB_MODEL_DIST_SMT],
				 mark ? 2 : 1);
		model_free(m);
	}
}

/*
 * When a holder loses a line, and what time passes within an operation.
 * CPU 0 (clock 0) runs RMW line_a, then `mid_kind` on `mid` (line_a: the
 * same visit; line_b: another line), then `last` on line_a; its op
 * lasts 37.5-62.5 ns. CPU 2 (one L3: 40 ns) asks for line_a at 4 ns with `req`:
 * the request reaches CPU 0 at 24, the line lands at 44.
 */
static unsigned int request_case(const long *mid, unsigned int mid_kind,
				 unsigned int last, unsigned int req)
{
	static const struct swtlb_pu_place two[] = {{0, 0, 0, 0, 0},
						    {2, 1, 0, 0, 0}};
	const double start[] = {0, 4};
	struct model_result r;
	char err[128];
	struct model *m = model_new(two, 2, &lat, err, sizeof(err));

	assert_non_null(m);
	assert_int_equal(model_timed_start(m, start), 0);
	assert_int_equal(model_next_cpu(m), 0);
	model_begin(m, 0, MODEL_MAP);
	swtlb_model_hook(line_a, SWTLB_MODEL_RMW);
	swtlb_model_hook(mid, (enum swtlb_model_kind)mid_kind);
	swtlb_model_hook(line_a, (enum swtlb_model_kind)last);
	model_end(m);
	assert_int_equal(model_next_cpu(m), 1);
	model_begin(m, 1, MODEL_MAP);
	swtlb_model_hook(line_a, (enum swtlb_model_kind)req);
	model_end(m);
	model_drain(m);
	model_result(m, &r);
	assert_false(model_failed(m));
	model_free(m);
	return (unsigned int)r.xfer[MODEL_MAP][SWTLB_MODEL_DIST_CACHE];
}

static void test_timed_request(void **state)
{
	(void)state;
	/* One visit (three accesses to line_a in a row) happens at once:
	 * the request at 4 ns cannot split it. */
	assert_int_equal(request_case(line_a, SWTLB_MODEL_LOAD,
				      SWTLB_MODEL_STORE, SWTLB_MODEL_RMW),
			 1);
	/* Nor does a load of line_b in its middle (toggle's switch under
	 * the lock): it takes no time step of its own. */
	assert_int_equal(request_case(line_b, SWTLB_MODEL_LOAD,
				      SWTLB_MODEL_STORE, SWTLB_MODEL_RMW),
			 1);
	/* A visit that writes line_b in between: CPU 0's last access comes
	 * at 25-42 ns, after the write request reached it (24) and before
	 * the line lands (44): it has lost the line and takes it back. */
	assert_int_equal(request_case(line_b, SWTLB_MODEL_STORE,
				      SWTLB_MODEL_STORE, SWTLB_MODEL_RMW),
			 2);
	assert_int_equal(request_case(line_b, SWTLB_MODEL_STORE,
				      SWTLB_MODEL_LOAD, SWTLB_MODEL_RMW),
			 2);
	/* A read request leaves CPU 0 a shared copy: its load hits, its
	 * store must upgrade. */
	assert_int_equal(request_case(line_b, SWTLB_MODEL_STORE,
				      SWTLB_MODEL_LOAD, SWTLB_MODEL_LOAD),
			 1);
	assert_int_equal(request_case(line_b, SWTLB_MODEL_STORE,
				      SWTLB_MODEL_STORE, SWTLB_MODEL_LOAD),
			 2);
}

/*
 * A line's transfers queue, and each reaches the holder of its time: CPU 0
 * takes line_a cold at 0; CPUs 1, 2, 3 (one package, other L3s: 100 ns)
 * ask for it at 1, 2 and 3 ns, landing at 101, 201 and 301, CPU 3's
 * request reaching CPU 2 at 251. CPU 2's own store to line_a, a visit
 * after it got the line (226-243 ns), hits: 3 transfers, not a 4th for a
 * request that has not reached it yet.
 */
static void test_timed_queue(void **state)
{
	static const struct swtlb_pu_place four[] = {
	    {0, 0, 0, 0, 0}, {1, 1, 1, 0, 0}, {2, 2, 2, 0, 0}, {3, 3, 3, 0, 0}};
	const double start[] = {0, 1, 2, 3};
	struct model_result r;
	char err[128];
	struct model *m = model_new(four, 4, &lat, err, sizeof(err));

	(void)state;
	assert_non_null(m);
	assert_int_equal(model_timed_start(m, start), 0);
	assert_int_equal(timed_op(m, line_a), 0);
	assert_int_equal(timed_op(m, line_a), 1);
	assert_int_equal(model_next_cpu(m), 2);
	model_begin(m, 2, MODEL_MAP);
	swtlb_model_hook(line_a, SWTLB_MODEL_RMW);
	swtlb_model_hook(line_b, SWTLB_MODEL_LOAD);
	swtlb_model_hook(line_a, SWTLB_MODEL_STORE);
	model_end(m);
	assert_int_equal(timed_op(m, line_a), 3);
	model_drain(m);
	model_result(m, &r);
	assert_false(model_failed(m));
	assert_int_equal(r.xfer[MODEL_MAP][SWTLB_MODEL_DIST_PACKAGE], 3);
	/* 100 + 199 + 298 ns waited (each behind the one before). */
	assert_true(r.stall_ns == 100.0 + 199.0 + 298.0);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_classes),
	    cmocka_unit_test(test_node_class),
	    cmocka_unit_test(test_slots),
	    cmocka_unit_test(test_visits),
	    cmocka_unit_test(test_timed),
	    cmocka_unit_test(test_timed_walk),
	    cmocka_unit_test(test_timed_request),
	    cmocka_unit_test(test_timed_queue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
