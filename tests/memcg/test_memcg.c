/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/memcg/test_memcg.c: the pieces of the memcg workload one at a time:
 * page_counter's speculative charge and cancel loop, failcnt, watermarks
 * and resets, underflow; the stock's consume / refill / overflow drain /
 * round-robin eviction, a busy trylock, the nolock gfp, drain_all's whole-
 * CPU drains; the trace reader on good input.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "workloads/memcg/memcg.h"
#include "workloads/memcg/trace.h"

#define LOAD(p) atomic_load_explicit(p, memory_order_relaxed)

static unsigned long usage(struct mem_cgroup *m)
{
	return page_counter_read(&m->memory);
}

static unsigned long wmark(struct mem_cgroup *m)
{
	return LOAD(&m->memory.watermark);
}

/* root (no limit) -> mid (max 100) -> leaf (no limit) */
static void chain(struct memcg_system *sys, bool v1, unsigned int ncpus,
		  struct mem_cgroup **root, struct mem_cgroup **mid,
		  struct mem_cgroup **leaf)
{
	char err[128];

	assert_int_equal(
	    memcg_system_init(sys, ncpus, 64, v1, NULL, err, sizeof(err)), 0);
	*root = memcg_create(sys, NULL, PAGE_COUNTER_MAX, 0);
	*mid = memcg_create(sys, *root, 100, 1);
	*leaf = memcg_create(sys, *mid, PAGE_COUNTER_MAX, 2);
	assert_non_null(*leaf);
}

static void test_try_charge_cancel(void **state)
{
	struct memcg_system sys;
	struct mem_cgroup *root, *mid, *leaf;
	struct page_counter *fail = NULL;

	(void)state;
	chain(&sys, true, 1, &root, &mid, &leaf);
	assert_false(sys.pc->try_charge(&leaf->memory, 150, &fail));
	assert_ptr_equal(fail, &mid->memory);
	/* leaf cancelled, but its watermark saw the speculative 150 */
	assert_int_equal(usage(leaf), 0);
	assert_int_equal(wmark(leaf), 150);
	/* the refusing level: restored, mark untouched, failcnt counted */
	assert_int_equal(usage(mid), 0);
	assert_int_equal(wmark(mid), 0);
	assert_int_equal(LOAD(&mid->memory.failcnt), 1);
	/* above the refusing level: never touched */
	assert_int_equal(usage(root), 0);
	assert_int_equal(wmark(root), 0);
	assert_true(sys.pc->try_charge(&leaf->memory, 100, &fail));
	assert_int_equal(usage(root), 100);
	memcg_system_fini(&sys);
}

static void test_failcnt_v2_off(void **state)
{
	struct memcg_system sys;
	struct mem_cgroup *root, *mid, *leaf;
	struct page_counter *fail;

	(void)state;
	chain(&sys, false, 1, &root, &mid, &leaf);
	assert_false(sys.pc->try_charge(&leaf->memory, 101, &fail));
	assert_int_equal(LOAD(&mid->memory.failcnt), 0);
	memcg_system_fini(&sys);
}

static void test_watermarks_and_resets(void **state)
{
	struct memcg_system sys;
	struct mem_cgroup *root, *mid, *leaf;

	(void)state;
	chain(&sys, false, 1, &root, &mid, &leaf);
	sys.pc->charge(&leaf->memory, 80);
	sys.pc->uncharge(&leaf->memory, 50);
	assert_int_equal(page_counter_reset_local_watermark(&leaf->memory), 30);
	sys.pc->charge(&leaf->memory, 10);
	assert_int_equal(LOAD(&leaf->memory.local_watermark), 40);
	assert_int_equal(wmark(leaf), 80); /* the global one stays */
	page_counter_reset_watermark(&leaf->memory);
	assert_int_equal(wmark(leaf), 40);
	/* forced charges ignore the limit and raise the marks */
	sys.pc->charge(&leaf->memory, 200);
	assert_int_equal(usage(mid), 240);
	assert_int_equal(wmark(mid), 240);
	memcg_system_fini(&sys);
}

static void test_underflow(void **state)
{
	struct memcg_system sys;
	struct mem_cgroup *root, *mid, *leaf;
	unsigned long before = page_counter_underflows();

	(void)state;
	chain(&sys, false, 1, &root, &mid, &leaf);
	sys.pc->charge(&leaf->memory, 3);
	sys.pc->cancel(&leaf->memory, 5);
	assert_int_equal(usage(leaf), 0);
	assert_int_equal(page_counter_underflows(), before + 1);
	memcg_system_fini(&sys);
}

static void test_stock_consume_refill(void **state)
{
	struct memcg_system sys;
	struct mem_cgroup *root, *mid, *leaf;
	struct memcg_charge_out o;

	(void)state;
	chain(&sys, false, 2, &root, &mid, &leaf);
	/* first charge takes a batch; the surplus goes to a new slot */
	assert_int_equal(
	    memcg_try_charge_traced(&sys, 0, leaf, MEMCG_GFP_NOWAIT, 1, &o), 0);
	assert_int_equal(o.how, MEMCG_CHARGED_BATCH);
	assert_int_equal(o.refill, MEMCG_REFILL_NEW);
	assert_int_equal(usage(root), 64);
	assert_int_equal(memcg_stocked(&sys, 0, leaf), 63);
	/* the next 63 pages come from the stock, no counter moves */
	assert_int_equal(
	    memcg_try_charge_traced(&sys, 0, leaf, MEMCG_GFP_NOWAIT, 63, &o),
	    0);
	assert_int_equal(o.how, MEMCG_CHARGED_STOCK);
	assert_int_equal(usage(root), 64);
	/* the other CPU has no stock: batch again; 64 more > mid's 100 */
	assert_int_equal(
	    memcg_try_charge_traced(&sys, 1, leaf, MEMCG_GFP_NOWAIT, 2, &o), 0);
	assert_int_equal(o.how, MEMCG_CHARGED_EXACT);
	assert_ptr_equal(o.fail_batch, mid);
	assert_int_equal(usage(mid), 66);
	/* uncharge through the stock: kept, then over the batch: drained */
	memcg_uncharge_stock(&sys, 0, leaf, 60);
	assert_int_equal(memcg_stocked(&sys, 0, leaf), 60);
	assert_int_equal(memcg_uncharge_stock_traced(&sys, 0, leaf, 5, NULL),
			 MEMCG_REFILL_DRAINED);
	assert_int_equal(memcg_stocked(&sys, 0, leaf), 0);
	assert_int_equal(usage(leaf), 1);
	assert_int_equal(memcg_css_refs(&sys, leaf), 0);
	memcg_system_fini(&sys);
}

static void test_eviction_round_robin(void **state)
{
	struct memcg_system sys;
	struct mem_cgroup *root, *m[10], *victim;
	char err[128];

	(void)state;
	assert_int_equal(
	    memcg_system_init(&sys, 1, 64, false, NULL, err, sizeof(err)), 0);
	root = memcg_create(&sys, NULL, PAGE_COUNTER_MAX, 0);
	for (int i = 0; i < 10; i++) {
		m[i] = memcg_create(&sys, root, PAGE_COUNTER_MAX, 10 + i);
		assert_int_equal(
		    memcg_try_charge(&sys, 0, m[i], MEMCG_GFP_NOWAIT, 1), 0);
	}
	/* 7 slots: m[7] evicted slot 0 (m[0]), m[8] slot 1, m[9] slot 2 */
	assert_int_equal(memcg_stocked(&sys, 0, m[0]), 0);
	assert_int_equal(memcg_stocked(&sys, 0, m[3]), 63);
	assert_int_equal(memcg_stocked(&sys, 0, m[9]), 63);
	assert_int_equal(usage(m[0]), 1);
	assert_int_equal(memcg_uncharge_stock_traced(&sys, 0, m[0], 1, &victim),
			 MEMCG_REFILL_EVICT);
	assert_ptr_equal(victim, m[3]);
	assert_int_equal(usage(m[3]), 1);
	assert_int_equal(memcg_css_refs(&sys, m[3]), 0);
	assert_int_equal(memcg_css_refs(&sys, m[0]), 1);
	memcg_system_fini(&sys);
}

/* An "interrupt" inside a stock operation: consume fails, refill is direct. */
static void test_trylock_busy(void **state)
{
	struct memcg_system sys;
	struct mem_cgroup *root, *mid, *leaf;
	struct memcg_charge_out o;

	(void)state;
	chain(&sys, false, 1, &root, &mid, &leaf);
	atomic_store(&sys.pcpu[0].stock.lock.acquired, 1);
	assert_int_equal(
	    memcg_try_charge_traced(&sys, 0, leaf, MEMCG_GFP_NOWAIT, 1, &o), 0);
	assert_int_equal(o.refill, MEMCG_REFILL_DIRECT);
	assert_int_equal(usage(root), 1);
	assert_int_equal(wmark(root), 64); /* the batch was seen */
	atomic_store(&sys.pcpu[0].stock.lock.acquired, 0);
	memcg_system_fini(&sys);
}

static void test_gfp_nolock_and_atomic(void **state)
{
	struct memcg_system sys;
	struct mem_cgroup *root, *mid, *leaf;
	struct memcg_charge_out o;

	(void)state;
	chain(&sys, false, 1, &root, &mid, &leaf);
	/* no reclaim bits: exactly n, no refill */
	assert_int_equal(memcg_try_charge_traced(&sys, 0, leaf, 0, 3, &o), 0);
	assert_int_equal(o.how, MEMCG_CHARGED_BATCH);
	assert_int_equal(o.batch, 3);
	assert_int_equal(memcg_stocked(&sys, 0, leaf), 0);
	assert_int_equal(memcg_try_charge(&sys, 0, leaf, MEMCG_GFP_NOWAIT, 98),
			 -ENOMEM);
	assert_int_equal(
	    memcg_try_charge_traced(&sys, 0, leaf, MEMCG_GFP_ATOMIC, 98, &o),
	    0);
	assert_int_equal(o.how, MEMCG_CHARGE_FORCED);
	assert_int_equal(usage(mid), 101);
	memcg_system_fini(&sys);
}

static void test_drain_all_whole_cpu(void **state)
{
	struct memcg_system sys;
	struct mem_cgroup *root, *a, *b;
	bool drained[4];
	char err[128];

	(void)state;
	assert_int_equal(
	    memcg_system_init(&sys, 4, 64, false, NULL, err, sizeof(err)), 0);
	root = memcg_create(&sys, NULL, PAGE_COUNTER_MAX, 0);
	a = memcg_create(&sys, root, PAGE_COUNTER_MAX, 1);
	b = memcg_create(&sys, root, PAGE_COUNTER_MAX, 2);
	memcg_try_charge(&sys, 1, a, MEMCG_GFP_NOWAIT, 1);
	memcg_try_charge(&sys, 1, b, MEMCG_GFP_NOWAIT, 1);
	memcg_try_charge(&sys, 2, b, MEMCG_GFP_NOWAIT, 1);
	/* drain_all(a): only CPU 1 holds pages of a; its b pages go too */
	assert_int_equal(memcg_drain_all(&sys, 0, a, drained), 126);
	assert_false(drained[0] || drained[2] || drained[3]);
	assert_true(drained[1]);
	assert_int_equal(memcg_stocked(&sys, 2, b), 63);
	assert_int_equal(usage(root), 3 + 63);
	assert_int_equal(memcg_drain_local(&sys, 2), 63);
	memcg_system_fini(&sys);
}

static void test_trace_reader(void **state)
{
	static const char text[] = "# c\r\nconfig v1\ncpus 0x2\r\nbatch 32\n"
				   "counter 7 parent - max max\n"
				   "  counter 9\tparent 7 max 0x10\n\n"
				   "charge 1 9 3\ndrain_all 7\n";
	struct memcg_trace t;
	char err[256] = "";
	FILE *f = fmemopen((void *)text, sizeof(text) - 1, "r");

	(void)state;
	assert_non_null(f);
	assert_int_equal(memcg_trace_read(f, "t", &t, err, sizeof(err)), 0);
	fclose(f);
	assert_true(t.v1);
	assert_int_equal(t.ncpus, 2);
	assert_int_equal(t.batch, 32);
	assert_int_equal(t.ncounters, 2);
	assert_int_equal(t.counters[1].parent, 0);
	assert_int_equal(t.counters[1].max, 16);
	assert_int_equal(t.nops, 2);
	assert_int_equal(t.ops[0].kind, MEMCG_OP_CHARGE);
	assert_int_equal(t.ops[0].cpu, 1);
	assert_int_equal(t.ops[0].counter, 1);
	assert_int_equal(t.ops[0].line, 8);
	assert_int_equal(t.ops[1].kind, MEMCG_OP_DRAIN_ALL);
	memcg_trace_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_try_charge_cancel),
	    cmocka_unit_test(test_failcnt_v2_off),
	    cmocka_unit_test(test_watermarks_and_resets),
	    cmocka_unit_test(test_underflow),
	    cmocka_unit_test(test_stock_consume_refill),
	    cmocka_unit_test(test_eviction_round_robin),
	    cmocka_unit_test(test_trylock_busy),
	    cmocka_unit_test(test_gfp_nolock_and_atomic),
	    cmocka_unit_test(test_drain_all_whole_cpu),
	    cmocka_unit_test(test_trace_reader),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
