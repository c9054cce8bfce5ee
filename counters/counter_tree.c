/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * counters/counter_tree.c: the hierarchical per-CPU counter tree proposed
 * for mm RSS counters in 2025-2026 (Mathieu Desnoyers, "lib: Introduce
 * hierarchical per-cpu counters", lib/percpu_counter_tree.c, v9-v16), with
 * the high-water mark taken on the tree's approximate value.
 *
 * Shape. Level 0 is one unsigned counter per CPU, each on its own line,
 * holding that CPU's full count. Above it, levels 1..L-1 of items, each
 * on its own line, then the approximate sum (its own line). With
 * k = ceil(log2(ncpus)) the tree has L levels of arity 2^a_l with
 * sum(a_l) = k; the kernel picks them per k from a table, which this file
 * reproduces by rule: L = k for k <= 3 (binary), 3 for k <= 9, 4 for
 * k <= 12, 5 above, with k spread over the levels as evenly as possible,
 * larger orders first (k = 9: 8-8-8; k = 10: 8-8-4-4). CPU c uses item
 * c & (items_l - 1) at level l, as the kernel does.
 *
 * Add (after the unlock: +nslots on a map, -nslots on an unmap, on the CPU
 * it runs on): this_cpu_add_return on the CPU's counter (a relaxed load and
 * store: the kernel's un-locked per-CPU add). Above level 0 the carry to
 * the next level is how much the count's part above the level's batch bit
 * changed, (res & ~(m - 1)) - (orig & ~(m - 1)) (the kernel computes the
 * same with its xor test of bit m). A non-zero carry is added (`lock
 * xadd`, atomic_add_return_relaxed) to the CPU's item one level up, whose
 * carry uses m << a_l, and so on; what leaves the last level is added to
 * the approximate sum. The mark is raised (CAS loop on used_hiwater in
 * io_tlb_mem) with the value that add returned, so it moves only when the
 * approximate sum does.
 *
 * Level 0 carries with hysteresis, where the proposal uses the batch bit
 * there too: that bit makes a CPU whose count sits on a multiple of the
 * batch carry on every operation (+1 crosses it, -1 crosses back). Here the
 * CPU also keeps, on its own line, what it has carried so far; its residue
 * d = count - carried stays in [0, batch - 1], and when an add takes d out
 * of that range the CPU carries d - batch/2, which puts d back at batch/2:
 * the next carry needs batch/2 slots of movement either way (the idea of
 * percpu_counter's |delta| >= batch test, kept one-sided so the sum is never
 * above). Carries are then any amount, not batch multiples; the items'
 * high-bit test works for any amount.
 *
 * Contract: bounded, never above. Level 0's residue is d in [0, batch - 1],
 * and every item keeps its count modulo its own m as a residue in
 * [0, m - 1] that has not gone up, so the approximate sum A = T - R with
 * 0 <= R <= E, where
 *   E = ncpus x (batch - 1) + sum over levels l >= 1 of
 *       min(items_l, ncpus) x (m_l - 1).
 * A changes only at top-level carries, so truth - E <= mark <= truth
 * (single-threaded; concurrently against [lo, hi]). E grows as
 * O(ncpus x log(ncpus) x batch), the kernel's stated accuracy.
 * used: the precise sum of the level-0 counters
 * (percpu_counter_tree_precise_sum), exact when quiescent.
 * batch = params.batch (a power of two >= 2) or 32 when 0.
 * Reset: 0 accepted, others -EINVAL; reads 0 until the approximate sum next
 * rises above 0.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "counters/atomic_max.h"
#include "counters/counter_tree.h"
#include "counters/schemes.h"

#define CT_MAX_LEVELS	 5
#define CT_DEFAULT_BATCH 32

struct ct_cell {
	_Alignas(64) atomic_uint count;
	atomic_uint carried; /* level 0: what this CPU has carried up */
	char pad[64 - 2 * sizeof(atomic_uint)];
};

struct counter_tree {
	struct ct_cell *level0; /* ncpus */
	struct ct_cell *items;	/* levels 1..L-1, then the approximate sum */
	unsigned int ncpus, order, nlevels, batch;
	unsigned char arity[CT_MAX_LEVELS];    /* log2 of each level's arity */
	unsigned long bound;		       /* E */
	_Alignas(64) atomic_ulong top_carries; /* statistics */
	atomic_ulong level0_carries;
};

/* The kernel's table, by rule (see the header). */
static void ct_shape(struct counter_tree *t)
{
	unsigned int k = t->order, left;

	t->nlevels = k <= 3 ? k : k <= 9 ? 3 : k <= 12 ? 4 : 5;
	left = k;
	for (unsigned int l = 0; l < t->nlevels; l++) {
		unsigned int rest = t->nlevels - l;

		t->arity[l] = (unsigned char)((left + rest - 1) / rest);
		left -= t->arity[l];
	}
}

/* Items above level 0 (levels 1..L-1) and E. */
static unsigned int ct_items(struct counter_tree *t)
{
	unsigned int n = 0, level_items = 1U << t->order;
	unsigned long m = t->batch;

	t->bound = (unsigned long)t->ncpus * (t->batch - 1);
	for (unsigned int l = 1; l < t->nlevels; l++) {
		level_items >>= t->arity[l - 1];
		m <<= t->arity[l - 1];
		n += level_items;
		t->bound +=
		    (level_items < t->ncpus ? level_items : t->ncpus) * (m - 1);
	}
	return n;
}

static int ct_init(struct swtlb_scheme_ctx *ctx, char *err, size_t errlen)
{
	struct counter_tree *t;
	unsigned int batch =
	    ctx->params.batch ? ctx->params.batch : CT_DEFAULT_BATCH;
	unsigned int ncpus = ctx->params.ncpus, n;

	if (ncpus == 0 || batch < 2 || (batch & (batch - 1)) ||
	    batch > (1U << 20)) {
		snprintf(err, errlen,
			 "counter-tree: batch %u must be a power of two in "
			 "[2, 2^20] and ncpus > 0",
			 batch);
		return -EINVAL;
	}
	t = aligned_alloc(64, sizeof(*t));
	if (!t)
		goto oom;
	*t = (struct counter_tree){.ncpus = ncpus, .batch = batch};
	while ((1U << t->order) < ncpus)
		t->order++;
	ct_shape(t);
	n = ct_items(t);
	t->level0 = aligned_alloc(64, sizeof(struct ct_cell) * ncpus);
	t->items = aligned_alloc(64, sizeof(struct ct_cell) * (n + 1));
	if (!t->level0 || !t->items) {
		free(t->level0);
		free(t->items);
		free(t);
		goto oom;
	}
	for (unsigned int i = 0; i < ncpus; i++) {
		atomic_init(&t->level0[i].count, 0);
		atomic_init(&t->level0[i].carried, 0);
	}
	for (unsigned int i = 0; i <= n; i++)
		atomic_init(&t->items[i].count, 0);
	atomic_init(&t->top_carries, 0);
	atomic_init(&t->level0_carries, 0);
	ctx->priv = t;
	atomic_store(ctx->total_used, 0);
	atomic_store(ctx->used_hiwater, 0);
	return 0;
oom:
	snprintf(err, errlen, "counter-tree: out of memory");
	return -ENOMEM;
}

static void ct_fini(struct swtlb_scheme_ctx *ctx)
{
	struct counter_tree *t = ctx->priv;

	free(t->level0);
	free(t->items);
	free(t);
	ctx->priv = NULL;
}

/* The change of the count's part at and above bit m. */
static int ct_carry(unsigned int orig, unsigned int res, unsigned long m)
{
	unsigned int high = ~(unsigned int)(m - 1);

	return (int)((res & high) - (orig & high));
}

/* What reaches the top: the approximate sum moves, the mark may too. */
static void ct_top(struct swtlb_scheme_ctx *ctx, struct counter_tree *t,
		   atomic_uint *sum, int carry)
{
	int approx = (int)(atomic_fetch_add_explicit(sum, (unsigned int)carry,
						     memory_order_relaxed) +
			   (unsigned int)carry);

	atomic_fetch_add_explicit(&t->top_carries, 1, memory_order_relaxed);
	if (carry > 0 && approx > 0)
		swtlb_atomic_max(ctx->used_hiwater, (unsigned long)approx);
}

/*
 * Level 0's carry with hysteresis (see the header): 0 while the residue
 * d = res - carried stays in [0, batch - 1], else d - batch / 2, after
 * which d is batch / 2. Only this CPU writes its cell.
 */
static int ct_level0_carry(struct counter_tree *t, struct ct_cell *cell,
			   unsigned int res)
{
	unsigned int carried =
	    atomic_load_explicit(&cell->carried, memory_order_relaxed);
	unsigned int d = res - carried; /* [0, batch - 1] unless it left */
	unsigned int carry;

	if (d < t->batch)
		return 0;
	carry = d - t->batch / 2;
	atomic_store_explicit(&cell->carried, carried + carry,
			      memory_order_relaxed);
	atomic_fetch_add_explicit(&t->level0_carries, 1, memory_order_relaxed);
	return (int)carry;
}

/* percpu_counter_tree_add(): out of line, exported, as in the kernel. */
void swtlb_counter_tree_add(struct swtlb_scheme_ctx *ctx, unsigned int cpu,
			    int inc)
{
	struct counter_tree *t = ctx->priv;
	struct ct_cell *cell = &t->level0[cpu % t->ncpus];
	unsigned int orig =
	    atomic_load_explicit(&cell->count, memory_order_relaxed);
	unsigned int res = orig + (unsigned int)inc;
	unsigned int level_items = 1U << t->order;
	struct ct_cell *item = t->items;
	unsigned long m = t->batch;
	int carry;

	atomic_store_explicit(&cell->count, res, memory_order_relaxed);
	if (t->nlevels == 0) { /* one CPU: its counter is the sum */
		if (inc > 0)
			swtlb_atomic_max(ctx->used_hiwater, res);
		return;
	}
	carry = ct_level0_carry(t, cell, res);
	for (unsigned int l = 1; carry && l < t->nlevels; l++) {
		atomic_uint *count;

		level_items >>= t->arity[l - 1];
		m <<= t->arity[l - 1];
		count = &item[(cpu % t->ncpus) & (level_items - 1)].count;
		orig = atomic_fetch_add_explicit(count, (unsigned int)carry,
						 memory_order_relaxed);
		carry = ct_carry(orig, orig + (unsigned int)carry, m);
		item += level_items;
	}
	if (carry)
		ct_top(ctx, t, &item->count, carry);
}

/* percpu_counter_tree_precise_sum(). */
static unsigned long ct_used(struct swtlb_scheme_ctx *ctx)
{
	struct counter_tree *t = ctx->priv;
	unsigned int sum = 0;

	for (unsigned int i = 0; i < t->ncpus; i++)
		sum += atomic_load_explicit(&t->level0[i].count,
					    memory_order_relaxed);
	return (int)sum > 0 ? (unsigned long)(int)sum : 0;
}

unsigned long swtlb_counter_tree_bound(const struct swtlb_scheme_ctx *ctx)
{
	return ((const struct counter_tree *)ctx->priv)->bound;
}

static int ct_stats(struct swtlb_scheme_ctx *ctx, char *buf, size_t len)
{
	struct counter_tree *t = ctx->priv;

	return snprintf(buf, len,
			"batch=%u levels=%u carries=%lu top=%lu bound=%lu",
			t->batch, t->nlevels, atomic_load(&t->level0_carries),
			atomic_load(&t->top_carries), t->bound);
}

const struct swtlb_scheme_ops swtlb_scheme_counter_tree = {
    .name = "counter-tree",
    .contract = "bounded, never above: truth - E <= reported <= truth, "
		"E = ncpus x (batch - 1) + the levels' residues",
    .workloads = SWTLB_SERVES_SWIOTLB,
    .hooks = "counter_tree",
    .init = ct_init,
    .fini = ct_fini,
    .shard_inc = counter_tree_shard_inc,
    .shard_dec = counter_tree_shard_dec,
    .inc_used = counter_tree_inc_used,
    .dec_used = counter_tree_dec_used,
    .used = ct_used,
    .hiwater = swtlb_scheme_mem_hiwater,
    .hiwater_set = swtlb_scheme_mem_hiwater_reset,
    .stats = ct_stats,
};
