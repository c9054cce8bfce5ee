/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/loop.h: the measured loop, compiled into each workload's file.
 *
 * The queue is full on entry, so every round puts the oldest slot and gets
 * a new unit into it; ops counts successful gets. get and put are the
 * workload's own static functions, passed as constants into an
 * always-inline body: the compiler inlines them as direct calls, so the
 * loop costs what a hand-written one does (check the disassembly of
 * <workload>_loop). With `logged` a constant the plain loop carries no
 * branch for --truth; the logged one brackets each get and put with two
 * ordered TSC reads and records +units / -units (bench/common/truth.h).
 *
 * Use: SWTLB_WORKLOAD_LOOP(name, get, put) defines name_loop(), and
 * SWTLB_WORKLOAD_LOOP_TRUTH(name, get, put, truth_units) name_loop_truth(),
 * for the ops table.
 */
#ifndef SWTLB_WORKLOADS_LOOP_H
#define SWTLB_WORKLOADS_LOOP_H

#include "bench/common/truth.h"
#include "workloads/workload.h"

typedef bool (*swtlb_workload_get_fn)(void *ctx, void *thr, unsigned int cpu,
				      unsigned int slot, size_t size);
typedef void (*swtlb_workload_put_fn)(void *ctx, void *thr, unsigned int cpu,
				      unsigned int slot);
typedef long (*swtlb_workload_units_fn)(void *ctx, void *thr,
					unsigned int slot);

static inline __attribute__((always_inline)) void
swtlb_workload_put_logged(struct swtlb_workload_loop *l,
			  swtlb_workload_put_fn put, unsigned int slot)
{
	uint64_t t0, t1;

	if (!l->held[slot])
		return;
	t0 = swtlb_truth_now();
	put(l->ctx, l->thr, l->cpu, slot);
	t1 = swtlb_truth_now();
	swtlb_truth_record(l->truth_log, t0, t1, -l->held[slot]);
	l->held[slot] = 0;
}

static inline __attribute__((always_inline)) bool swtlb_workload_get_logged(
    struct swtlb_workload_loop *l, swtlb_workload_get_fn get,
    swtlb_workload_units_fn units, unsigned int slot, size_t size)
{
	uint64_t t0, t1;

	t0 = swtlb_truth_now();
	if (!get(l->ctx, l->thr, l->cpu, slot, size))
		return false;
	t1 = swtlb_truth_now();
	l->held[slot] = units(l->ctx, l->thr, slot);
	swtlb_truth_record(l->truth_log, t0, t1, l->held[slot]);
	return true;
}

static inline __attribute__((always_inline)) void
swtlb_workload_loop_body(struct swtlb_workload_loop *l,
			 swtlb_workload_get_fn get, swtlb_workload_put_fn put,
			 swtlb_workload_units_fn units, const bool logged)
{
	void *ctx = l->ctx, *thr = l->thr;
	const atomic_int *stop = l->stop;
	const size_t *sizes = l->sizes;
	unsigned int cpu = l->cpu, qd = l->queue_depth;
	uint64_t ops = 0, failures = 0;
	unsigned int slot = 0, k = 0, tick = SWTLB_WORKLOAD_TICK_ROUNDS;

	while (!atomic_load_explicit(stop, memory_order_relaxed)) {
		bool ok;

		/* The runner's clock, the same for every workload and scheme:
		 * a countdown here, the rest out of line. */
		if (__builtin_expect(--tick == 0, 0)) {
			tick = SWTLB_WORKLOAD_TICK_ROUNDS;
			if (l->tick(l))
				break;
		}
		if (logged) {
			/* A round logs two records and the drain one per
			 * slot: a worker whose log cannot take them stops
			 * here, holding what it holds, so every operation
			 * stays logged and the truth known (its row simply
			 * has fewer ops). */
			if (l->truth_log->cap - l->truth_log->len < 2 + qd)
				break;
			swtlb_workload_put_logged(l, put, slot);
			ok = swtlb_workload_get_logged(l, get, units, slot,
						       sizes[k]);
		} else {
			put(ctx, thr, cpu, slot);
			ok = get(ctx, thr, cpu, slot, sizes[k]);
		}
		if (ok)
			ops++;
		else
			failures++;
		k = (k + 1) & (SWTLB_WORKLOAD_NSIZES - 1);
		slot = slot + 1 == qd ? 0 : slot + 1;
	}
	l->ops = ops;
	l->failures = failures;
}

/* name_loop(): the measured loop over the workload's get and put. */
#define SWTLB_WORKLOAD_LOOP(name, get, put)                                    \
	static void name##_loop(struct swtlb_workload_loop *l)                 \
	{                                                                      \
		swtlb_workload_loop_body(l, get, put, NULL, false);            \
	}

/* name_loop_truth(): the same with --truth logging, over truth_units. */
#define SWTLB_WORKLOAD_LOOP_TRUTH(name, get, put, units)                       \
	static void name##_loop_truth(struct swtlb_workload_loop *l)           \
	{                                                                      \
		swtlb_workload_loop_body(l, get, put, units, true);            \
	}

#endif /* SWTLB_WORKLOADS_LOOP_H */
